"""Publishing from the write paths: note the articles a write touched, publish after it commits.

Every write that creates, updates or re-links articles runs inside `publishing()`, opened
outside its transaction. Nested blocks (a re-link inside an alias change inside a candidate
confirmation) hand their ids to the outermost one, which publishes once the transaction has
committed; a block left by an exception publishes nothing, as its writes were rolled back.

The process's broker is installed by the app's lifespan (and by `gql-news import`); without
one, writes publish nothing. A failing publish is logged, never raised: the write stands.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar

from gql_news.db import writing
from gql_news.events.broker import REASONS, ArticleEvent, Broker, InProcessBroker, Reason
from gql_news.settings import Settings

logger = logging.getLogger("gql_news.events")

_broker: Broker | None = None
_pending: ContextVar[dict[int, Reason] | None] = ContextVar("gql_news_pending_events", default=None)


def install(broker: Broker | None) -> None:
    """Make `broker` the one writes in this process publish to (None: publish nothing)."""
    global _broker
    _broker = broker


def current_broker() -> Broker | None:
    return _broker


def open_broker(settings: Settings) -> Broker:
    """Redis when `REDIS_URL` is set, else LISTEN/NOTIFY on PostgreSQL, else in-process (SQLite)."""
    channel = settings.events_channel
    if settings.redis_url:
        from gql_news.events.redis_pubsub import RedisBroker

        return RedisBroker(settings.redis_url, channel)
    if settings.is_postgres:
        from gql_news.events.postgres import PostgresBroker

        return PostgresBroker(settings.database_url, channel)
    return InProcessBroker()


def note_articles(ids: Iterable[int], reason: Reason) -> None:
    """Record articles the current write touched (ignored outside `publishing()`)."""
    pending = _pending.get()
    if pending is None:
        return
    for pk in ids:
        _merge(pending, pk, reason)


def _merge(pending: dict[int, Reason], pk: int, reason: Reason) -> None:
    known = pending.get(pk)
    if known is None or REASONS.index(reason) < REASONS.index(known):  # created > updated > relinked
        pending[pk] = reason


@asynccontextmanager
async def publishing() -> AsyncIterator[None]:
    """Collect the articles noted in the block; publish them after it (and its transaction) ends."""
    outer = _pending.get()
    mine: dict[int, Reason] = {}
    token = _pending.set(mine)
    try:
        yield
    finally:
        _pending.reset(token)
    # Only reached when the block succeeded: an exception propagates past this point.
    if outer is not None:
        for pk, reason in mine.items():
            _merge(outer, pk, reason)
        return
    if mine and _broker is not None:
        await _publish(_broker, mine)


async def _publish(broker: Broker, pending: dict[int, Reason]) -> None:
    for reason in REASONS:
        ids = tuple(sorted(pk for pk, why in pending.items() if why == reason))
        if not ids:
            continue
        try:
            await broker.publish(ArticleEvent(ids, reason))
        except Exception:
            logger.exception("could not publish %d %s article event(s)", len(ids), reason)


@asynccontextmanager
async def write_transaction() -> AsyncIterator[None]:
    """One write: a transaction, and the events of what it noted, published once it committed."""
    async with publishing(), writing():
        yield
