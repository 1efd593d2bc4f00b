"""The Subscription type: articles pushed to clients as writes commit.

Each field validates its arguments when the subscription starts (errors are an ordinary
GraphQL result, then `complete`) and returns the feed. For every event the feed asks which
articles it wants (shared per event: see `matching`), reads them with fresh loaders (an event
means rows changed) and prefetches what the document selects below them, so an event of one
article or of a hundred costs the same statements.

Feeds running the same operation with the same variables for the same caller share that work
and its result: one event costs one read and one execution per distinct subscription in the
process, not one per socket (the execution is shared by `FastExecutionContext`). A feed whose
socket holds an API token checks the token again before it delivers (at most once a second),
so a revoked token stops receiving.

Events come from the outbox (`events.outbox`) with increasing ids, exposed as each article's
`eventId`. A client that reconnects passes the last one it received as `afterEventId`: the
feed first replays what it missed (within EVENTS_RETENTION_S), then goes live. Delivery is at
least once; a duplicate carries the same `eventId`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Annotated, get_args

import orjson
import strawberry

from gql_news.events import outbox
from gql_news.events.broker import ArticleEvent, Broker, FellBehind
from gql_news.events.publish import current_broker
from gql_news.graphql.articles.inputs import ArticleFilter, article_filters
from gql_news.graphql.articles.types import Article
from gql_news.graphql.context import Info
from gql_news.graphql.errors import (
    BadUserInput,
    NotFound,
    ServiceUnavailable,
    Unauthenticated,
    database_unavailable,
)
from gql_news.graphql.prefetch import prefetch_articles
from gql_news.graphql.selection import selected
from gql_news.graphql.sql import fetch_one
from gql_news.graphql.subscriptions.matching import (
    EntityType,
    article_rows,
    filtered_ids,
    mentioning_ids,
    running_filter,
    shared,
)
from gql_news.graphql.writes import node_pk

logger = logging.getLogger("gql_news.ws")

Match = Callable[[ArticleEvent], Awaitable[set[int]]]

_TABLES: dict[EntityType, str] = {
    "Person": "person",
    "Organisation": "organisation",
    "Country": "country",
    "EntityCandidate": "entity_candidate",
}


def _broker() -> Broker:
    broker = current_broker()
    if broker is None or broker.closed:
        raise ServiceUnavailable("Live updates are not running in this process; try again shortly.")
    return broker


@dataclass(frozen=True, slots=True)
class Resume:
    """Where a resuming feed starts: after this event id (see `outbox.read_since`)."""

    after: int


async def _resume(value: strawberry.ID | None) -> Resume | None:
    """The `afterEventId` argument, checked against what the outbox still holds."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise BadUserInput(
            "`afterEventId` must be an article's `eventId` from a subscription.", field="afterEventId"
        )
    after = int(text)
    try:
        oldest, newest = await outbox.resume_window()
    except Exception as exc:
        if database_unavailable(exc):
            raise ServiceUnavailable("The database is not answering; try again shortly.") from None
        raise
    if after > newest:
        raise BadUserInput(f"No event has the id {after}.", field="afterEventId")
    if after < oldest - 1:
        raise BadUserInput(
            f"Events after {after} are no longer kept: re-read the articles, then subscribe without "
            "`afterEventId`.",
            field="afterEventId",
            reason="EVENTS_EXPIRED",
        )
    return Resume(after)


TOKEN_RECHECK_S = 1.0
# An event whose articles cannot be read because the database is away is read again, after these
# pauses, for up to EVENTS_GAP_WAIT_S; then the subscription ends with SERVICE_UNAVAILABLE, so
# the client resumes from the last event it received. Never skipped: that would lose it.
_READ_RETRY_MIN_S = 0.1
_READ_RETRY_MAX_S = 2.0
SHARED_RESULTS = "_event_results"  # attribute of a delivered article: executions shared per operation


async def _sharing_key(info: Info) -> Hashable:
    """What makes two feeds' answers to one event equal: operation, variables and caller."""
    principal = await info.context.principal()
    variables = orjson.dumps(info.variable_values, option=orjson.OPT_SORT_KEYS, default=str)
    return (id(info.operation), variables, principal.name if principal is not None else None)


async def _feed(
    info: Info,
    broker: Broker,
    match: Match,
    *,
    resume: Resume | None = None,
    needs_token: bool = False,
    registered: AbstractContextManager[None] | None = None,
) -> AsyncGenerator[Article, None]:
    context = info.context
    check_token = needs_token or context.token_required or context.authorization is not None
    key = await _sharing_key(info)

    async def articles_of(event: ArticleEvent, shared_work: bool) -> list[Article]:
        if check_token and await context.principal(max_age_s=TOKEN_RECHECK_S) is None:
            raise Unauthenticated("The connection's API token is no longer valid.")
        gives_up = time.monotonic() + broker.reader.gap_wait_s
        pause = _READ_RETRY_MIN_S
        while True:
            try:
                if shared_work:
                    found: list[Article] = await shared(event, ("wanted", key), _reader(info, event, match))
                    return found
                return await _wanted(info, event, match)
            except Exception as exc:
                if not database_unavailable(exc):
                    logger.exception("could not read the articles of an event; this subscription skips it")
                    return []
                if time.monotonic() + pause > gives_up:
                    logger.warning(
                        "could not read the articles of event %s (%s); ending the subscription",
                        event.event_id,
                        type(exc).__name__,
                    )
                    raise ServiceUnavailable("The database is not answering; try again shortly.") from None
                if pause == _READ_RETRY_MIN_S:
                    logger.warning(
                        "could not read the articles of event %s (%s); reading them again",
                        event.event_id,
                        type(exc).__name__,
                    )
            await asyncio.sleep(pause)  # the database is restarting: the event is read again
            pause = min(pause * 2, _READ_RETRY_MAX_S)

    with registered or nullcontext():
        try:
            subscription = broker.subscribe()
            events = await subscription.__aenter__()
        except Exception as exc:
            if database_unavailable(exc):
                raise ServiceUnavailable("The database is not answering; try again shortly.") from None
            raise
        try:
            replayed: set[int] = set()  # replayed ids the live feed may deliver again
            if resume is not None:
                live_from = broker.reader.high or 0
                async for event in _backlog(resume):
                    assert event.event_id is not None
                    if event.event_id > live_from:
                        replayed.add(event.event_id)
                    for article in await articles_of(event, False):
                        yield article
            try:
                async for event in events:
                    if event.event_id in replayed:
                        replayed.discard(event.event_id)
                        continue
                    for article in await articles_of(event, True):
                        yield article
            except FellBehind:
                raise ServiceUnavailable(
                    "This subscription fell too far behind the events; subscribe again with "
                    "`afterEventId` set to the last event id it delivered.",
                    reason="FELL_BEHIND",
                ) from None
        finally:
            await subscription.__aexit__(None, None, None)


async def _backlog(resume: Resume) -> AsyncGenerator[ArticleEvent, None]:
    """The events a resuming subscriber missed, oldest first, a page at a time."""
    upto = await outbox.last_id()
    cursor = 0
    while True:
        page = await outbox.read_since(resume.after, cursor, upto)
        for event in page:
            cursor = event.event_id or cursor
            yield event
        if len(page) < outbox.PAGE:
            return


def _reader(info: Info, event: ArticleEvent, match: Match) -> Callable[[], Awaitable[list[Article]]]:
    return lambda: _wanted(info, event, match)


async def _wanted(info: Info, event: ArticleEvent, match: Match) -> list[Article]:
    """The event's articles this subscription wants, with what it selects below them loaded."""
    wanted = await match(event)
    if not wanted:
        return []
    rows = [row for row in await article_rows(event) if row["id"] in wanted]
    if not rows:  # deleted since
        return []
    info.context.forget_loaded()
    articles = [Article.from_row(row) for row in rows]
    await prefetch_articles(info, articles, *selected(info))
    for article in articles:
        article._pre["event_id"] = event.event_id
        setattr(article, SHARED_RESULTS, {})
    return articles


AfterEventId = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description=(
            "Resume: the `eventId` of the last article received. What was missed since "
            "(within the server's retention window) comes first, then live updates; "
            "BAD_USER_INPUT with reason EVENTS_EXPIRED when it is no longer kept."
        )
    ),
]


@strawberry.type(
    description=(
        "Live updates, over the graphql-transport-ws WebSocket protocol on /graphql. Events are sent "
        "once the write that caused them has committed, to every app instance sharing the database."
    )
)
class Subscription:
    @strawberry.subscription(
        description=(
            "Each article as it is created, updated or re-linked (its entities changed), if it "
            "matches the filter. Fields below it resolve as in a query."
        )
    )
    async def article_published(
        self,
        info: Info,
        filter: Annotated[
            ArticleFilter | None,
            strawberry.argument(description="Only articles matching all of these conditions."),
        ] = None,
        after_event_id: AfterEventId = None,
    ) -> AsyncGenerator[Article, None]:
        conditions = article_filters(filter)
        broker = _broker()
        resume = await _resume(after_event_id)
        return _feed(
            info,
            broker,
            lambda event: filtered_ids(event, conditions),
            resume=resume,
            registered=running_filter(conditions),
        )

    @strawberry.subscription(
        description=(
            "Each article that mentions the entity, as it is created, updated or re-linked. An "
            "entity candidate's id follows the articles naming that unconfirmed name; that needs "
            "an API token in the connection_init payload."
        )
    )
    async def entity_mentioned(
        self,
        info: Info,
        entity_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="Global id of a person, organisation, country or entity candidate."
            ),
        ],
        after_event_id: AfterEventId = None,
    ) -> AsyncGenerator[Article, None]:
        type_name, pk = node_pk(entity_id, get_args(EntityType), field="entityId")
        entity: EntityType = type_name  # type: ignore[assignment]  # one of get_args(EntityType)
        if entity == "EntityCandidate" and await info.context.principal() is None:
            raise Unauthenticated(
                "Following an entity candidate needs an API token: send "
                '{"authorization": "Bearer <token>"} as the connection_init payload.'
            )
        if await fetch_one(f"SELECT id FROM {_TABLES[entity]} WHERE id = ?", [pk]) is None:
            raise NotFound(f"No {entity} has the id {entity_id[:64]!r}.", field="entityId")
        broker = _broker()
        resume = await _resume(after_event_id)
        return _feed(
            info,
            broker,
            lambda event: mentioning_ids(event, entity, pk),
            resume=resume,
            needs_token=entity == "EntityCandidate",
        )
