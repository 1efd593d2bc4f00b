"""Which articles of an event a subscription wants, decided in SQL on the committed rows.

Receivers of one event in one process share the work: each distinct question (a filter, an
entity) costs one statement per event however many subscriptions ask it, and the article
rows are read once. The answers are memoised on the event itself (`ArticleEvent.shared`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
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


def _shared(event: ArticleEvent, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
    """One computation per event and key in this process; concurrent askers await the same task."""
    task = event.shared.get(key)
    if task is None:
        task = event.shared[key] = asyncio.ensure_future(compute())
    result: Awaitable[Any] = asyncio.shield(task)  # one cancelled subscriber must not cancel the others'
    return result


async def filtered_ids(event: ArticleEvent, conditions: tuple[Filter, ...]) -> set[int]:
    """The event's articles that satisfy every condition (an article list filter's SQL)."""

    async def compute() -> set[int]:
        where = "".join(f" AND ({sql})" for sql, _ in conditions)
        params = [*event.article_ids, *(p for _, values in conditions for p in values)]
        rows = await fetch(
            f"SELECT t.id FROM article t WHERE t.id IN {in_list(event.article_ids)}{where}", params
        )
        return {int(row["id"]) for row in rows}

    result: set[int] = await _shared(event, ("filter", conditions), compute)
    return result


async def mentioning_ids(event: ArticleEvent, entity: EntityType, pk: int) -> set[int]:
    """The event's articles that mention the entity (or, for a candidate, name its text)."""

    async def compute() -> set[int]:
        sql = _ENTITY_ARTICLES[entity].format(ids=in_list(event.article_ids))
        rows = await fetch(sql, [pk, *event.article_ids])
        return {int(row["article_id"]) for row in rows}

    result: set[int] = await _shared(event, ("entity", entity, pk), compute)
    return result


async def article_rows(event: ArticleEvent) -> list[Row]:
    """The event's articles as the Article type reads them, in id order (deleted ones absent)."""

    async def compute() -> list[Row]:
        sql = f"SELECT {ARTICLE.columns} FROM {ARTICLE.from_} WHERE t.id IN {in_list(event.article_ids)} ORDER BY t.id"
        return list(await fetch(sql, event.article_ids))

    result: list[Row] = await _shared(event, "rows", compute)
    return result
