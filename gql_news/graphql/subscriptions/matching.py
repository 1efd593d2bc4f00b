"""Which articles of an event a subscription wants, decided in SQL on the committed rows.

Receivers of one event in one process share the work: the article rows are read once, each
entity costs one statement per event however many subscriptions follow it, and every distinct
article filter running in the process is evaluated in the same few statements (`FILTER_BATCH`
filters each), whatever the number of sockets asking. The answers are memoised on the event
itself (`ArticleEvent.shared`).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from gql_news.events.broker import ArticleEvent
from gql_news.graphql.lists import Filter
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.graphql.tables import ARTICLE

EntityType = Literal["Person", "Organisation", "Country", "EntityCandidate"]

_ENTITY_ARTICLES: dict[EntityType, str] = {
    "Person": "SELECT DISTINCT article_id FROM mention WHERE person_id = ? AND article_id IN {ids}",
    "Organisation": "SELECT DISTINCT article_id FROM mention WHERE organisation_id = ? AND article_id IN {ids}",
    "Country": "SELECT DISTINCT article_id FROM mention WHERE country_id = ? AND article_id IN {ids}",
    # An unconfirmed name: the articles where the same text was found again.
    "EntityCandidate": (
        "SELECT DISTINCT c.article_id FROM entity_candidate c "
        "JOIN entity_candidate s ON s.text = c.text WHERE s.id = ? AND c.article_id IN {ids}"
    ),
}


def _reusable(task: asyncio.Future[Any] | None) -> bool:
    """A computation others may await: running, or done well (one that failed is run again:
    the database may be back)."""
    return task is not None and not (task.done() and (task.cancelled() or task.exception() is not None))


def shared(event: ArticleEvent, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """One computation per event and key in this process; concurrent askers await the same task."""
    task: asyncio.Future[Any] | None = event.shared.get(key)
    if task is None or not _reusable(task):
        task = event.shared[key] = asyncio.ensure_future(compute())
    result: Awaitable[Any] = asyncio.shield(task)  # one cancelled subscriber must not cancel the others'
    return result


FILTER_BATCH = 50  # filters per statement: one UNION ALL branch each

Conditions = tuple[Filter, ...]
_running_filters: Counter[Conditions] = Counter()  # the article filters of this process's feeds


@contextmanager
def running_filter(conditions: Conditions) -> Iterator[None]:
    """Register a feed's filter for the batched evaluation while the feed runs."""
    _running_filters[conditions] += 1
    try:
        yield
    finally:
        _running_filters[conditions] -= 1
        if _running_filters[conditions] <= 0:
            del _running_filters[conditions]


async def _evaluate(event: ArticleEvent, batch: list[Conditions]) -> dict[Conditions, set[int]]:
    """Which of the event's articles each filter keeps: one statement per FILTER_BATCH filters."""
    out: dict[Conditions, set[int]] = {conditions: set() for conditions in batch}
    ids = "WITH e(id) AS (VALUES " + ", ".join("(CAST(? AS BIGINT))" for _ in event.article_ids) + ") "
    for first in range(0, len(batch), FILTER_BATCH):
        chunk = batch[first : first + FILTER_BATCH]
        branches: list[str] = []
        params: list[Any] = [*event.article_ids]
        for k, conditions in enumerate(chunk):
            where = "".join(f" AND ({sql})" for sql, _ in conditions)
            branches.append(f"SELECT {k} AS k, t.id FROM article t JOIN e ON e.id = t.id WHERE 1 = 1{where}")
            params.extend(p for _, values in conditions for p in values)
        for row in await fetch(ids + " UNION ALL ".join(branches), params):
            out[chunk[int(row["k"])]].add(int(row["id"]))
    return out


async def filtered_ids(event: ArticleEvent, conditions: Conditions) -> set[int]:
    """The event's articles that satisfy every condition (an article list filter's SQL)."""
    key = ("filter", conditions)
    if not _reusable(event.shared.get(key)):
        batch = [c for c in {conditions, *_running_filters} if not _reusable(event.shared.get(("filter", c)))]
        task = asyncio.ensure_future(_evaluate(event, batch))
        for c in batch:
            event.shared[("filter", c)] = task
    answers: dict[Conditions, set[int]] = await asyncio.shield(event.shared[key])
    return answers[conditions]


async def mentioning_ids(event: ArticleEvent, entity: EntityType, pk: int) -> set[int]:
    """The event's articles that mention the entity (or, for a candidate, name its text)."""

    async def compute() -> set[int]:
        sql = _ENTITY_ARTICLES[entity].format(ids=in_list(event.article_ids))
        rows = await fetch(sql, [pk, *event.article_ids])
        return {int(row["article_id"]) for row in rows}

    result: set[int] = await shared(event, ("entity", entity, pk), compute)
    return result


async def article_rows(event: ArticleEvent) -> list[Row]:
    """The event's articles as the Article type reads them, in id order (deleted ones absent)."""

    async def compute() -> list[Row]:
        sql = f"SELECT {ARTICLE.columns} FROM {ARTICLE.from_} WHERE t.id IN {in_list(event.article_ids)} ORDER BY t.id"
        return list(await fetch(sql, event.article_ids))

    result: list[Row] = await shared(event, "rows", compute)
    return result
