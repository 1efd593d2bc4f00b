"""Search documents written by the write path, a batch at a time (the triggers of migration 0008
stay for every other writer; 0013 makes them step aside for these).

An article's document is its title, standfirst and body plus the names and aliases of the
entities it links. PostgreSQL: the store inserts new articles with their whole `search_vector`
(`article_values`: names read once per batch); SQLite: the FTS rows of new articles are
inserted after their mentions, in one statement. Re-linked articles get their entity names set
again in one statement, after their new mentions.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from tortoise import connections

from gql_news.graphql.sql import is_postgres

_SEARCH = importlib.import_module("gql_news.migrations.0008_search")


@asynccontextmanager
async def documents_deferred() -> AsyncIterator[None]:
    """Inside the block the document triggers of mention writes (and, on SQLite, of article
    inserts) do nothing: the block's code writes the documents itself. Undone by a rollback."""
    client = connections.get("default")
    if is_postgres():
        await client.execute_query("SELECT set_config('gql_news.documents', 'written', true)")
        yield
        await client.execute_query("SELECT set_config('gql_news.documents', '', true)")
        return
    await client.execute_query("INSERT INTO search_documents_deferred (id) VALUES (1)")
    yield
    await client.execute_query("DELETE FROM search_documents_deferred")


async def write_documents(ids: Sequence[int], *, fresh: bool) -> None:
    """Make the documents of these articles match their mentions, now written: one statement.
    `fresh`: they were inserted in this block (on PostgreSQL with their documents already)."""
    if not ids:
        return
    client = connections.get("default")
    if is_postgres():
        if not fresh:
            await client.execute_query(f"{_SEARCH._PG_REFRESH} WHERE a.id = ANY($1::int[])", [list(ids)])
        return
    for first in range(0, len(ids), 500):
        chunk = list(ids[first : first + 500])
        marks = ", ".join("?" for _ in chunk)
        if fresh:
            sql = (
                "INSERT INTO article_fts (rowid, title, standfirst, body, entities)"
                " SELECT a.id, a.title, coalesce(a.standfirst, ''),"
                f" replace(replace(a.body, char(1), ''), char(2), ''), {_SEARCH._sqlite_names('a.id')}"
                f" FROM article a WHERE a.id IN ({marks})"
            )
        else:
            sql = (
                f"UPDATE article_fts SET entities = {_SEARCH._sqlite_names('article_fts.rowid')}"
                f" WHERE rowid IN ({marks})"
            )
        await client.execute_query(sql, chunk)


async def entity_names(entities: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[str]]:
    """Name and aliases of each entity (PostgreSQL; one statement)."""
    wanted: dict[str, list[int]] = {}
    for kind, pk in entities:
        wanted.setdefault(kind, []).append(pk)
    if not wanted:
        return {}
    parts, params = [], []
    for kind, ids in sorted(wanted.items()):
        params.append(sorted(set(ids)))
        parts.append(
            f"SELECT '{kind}' AS k, id, name, aliases::text AS aliases FROM {kind}"
            f" WHERE id = ANY(${len(params)}::int[])"
        )
    rows = await connections.get("default").execute_query_dict(" UNION ALL ".join(parts), params)
    return {(row["k"], row["id"]): [row["name"], *_aliases(row["aliases"])] for row in rows}


def _aliases(text: str | None) -> list[str]:
    """A JSON array of aliases, as text; most entities have none (no parse for those)."""
    if not text or text == "[]":
        return []
    aliases: list[str] = json.loads(text)
    return aliases


_KIND_ORDER = {"person": 0, "organisation": 1, "country": 2}


def names_text(entities: Sequence[tuple[str, int]], names: dict[tuple[str, int], list[str]]) -> str:
    """The entity-names part of one document: people, then organisations, then countries, each
    entity's name then its aliases (as 0008's `gql_news_entity_names` gathers them)."""
    ordered = sorted(set(entities), key=lambda e: (_KIND_ORDER[e[0]], e[1]))
    return " ".join(n for entity in ordered for n in names.get(entity, ()))


_ARTICLE_TYPES = {
    "slug": "text",
    "title": "text",
    "standfirst": "text",
    "body": "text",
    "published_at": "timestamptz",
    "byline": "text",
    "source_url": "text",
    "content_hash": "text",
    "created_at": "timestamptz",
    "updated_at": "timestamptz",
}


async def insert_articles(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, int]:
    """Insert articles (column -> value dicts) with their whole search documents, on PostgreSQL:
    one statement, the text parsed once. Returns slug -> id."""
    columns = list(_ARTICLE_TYPES)
    arrays = ", ".join(f"${n}::{_ARTICLE_TYPES[c]}[]" for n, c in enumerate(columns, start=1))
    names_param = f"${len(columns) + 1}::text[]"
    listed = ", ".join(columns)
    config = "'gql_news_english'"
    sql = (
        f"INSERT INTO article ({listed}, search_vector, search_title)"
        f" SELECT {listed}, gql_news_text_vector(title, standfirst, body)"
        f" || setweight(to_tsvector({config}, names_), 'D'), to_tsvector({config}, coalesce(title, ''))"
        f" FROM unnest({arrays}, {names_param}) AS r({listed}, names_) RETURNING id, slug"
    )
    params: list[Any] = [[row[c] for row in rows] for c in columns]
    params.append(list(names))
    found = await connections.get("default").execute_query_dict(sql, params)
    return {row["slug"]: int(row["id"]) for row in found}
