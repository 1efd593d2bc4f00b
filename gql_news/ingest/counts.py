"""The entity graph's maintained counts, kept current by the write path (tables: migration 0013).

Per entity: its articles and mentions (`entity_count`); per ordered pair of entities named in one
article: the articles naming both and the latest one's publication time (`entity_pair_count`,
both directions stored); per entity and UTC day or month: its articles (`entity_timeline`).

Every write that changes an article's mentions or its publication time (storing, editing,
deleting, re-linking articles; deleting an entity) reads the (article, entity) rows of the
articles it touches before and after the change, and applies the difference in the same
transaction: one `INSERT ... ON CONFLICT DO UPDATE` per table with the net change of every key
(sorted by key, so concurrent writers lock shared rows in one order and cannot deadlock; run
last in the transaction, so a popular entity's row is held only until the commit), then the
rows that reached zero are deleted. A pair that lost its latest article gets its `last_seen`
computed again from the mentions (an edit's rare case). `recount()` rebuilds everything.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

KIND_CODES = {"person": 0, "organisation": 1, "country": 2}
"""An entity kind's code in the count tables (the order co-mentions break ties in)."""
FKS = ("person_id", "organisation_id", "country_id")
"""The `mention` column of each kind code."""
COUNT_TABLES = ("entity_count", "entity_pair_count", "entity_timeline")

_KIND = "CASE WHEN m.person_id IS NOT NULL THEN 0 WHEN m.organisation_id IS NOT NULL THEN 1 ELSE 2 END"
_ENTITY = "COALESCE(m.person_id, m.organisation_id, m.country_id)"
_BUCKETS = {
    "postgres": (
        "date_trunc('day', a.published_at AT TIME ZONE 'UTC')",
        "date_trunc('month', a.published_at AT TIME ZONE 'UTC')",
    ),
    "sqlite": ("strftime('%Y-%m-%d', a.published_at)", "strftime('%Y-%m-01', a.published_at)"),
}
_CHUNK = 500  # ids per statement on SQLite (bound parameters)

Entity = tuple[int, int]
"""(kind code, id)."""


@dataclass(slots=True)
class _Article:
    """What one article adds to the counts: its publication time (as stored), its day and month
    buckets, and its entities with how often each is mentioned."""

    published: Any
    day: Any
    month: Any
    entities: dict[Entity, int] = field(default_factory=dict)


def _client() -> BaseDBAsyncClient:
    client: BaseDBAsyncClient = connections.get("default")
    return client


def _postgres(client: BaseDBAsyncClient) -> bool:
    return bool(client.capabilities.dialect == "postgres")


async def _read(ids: Iterable[int]) -> dict[int, _Article]:
    """The (article, entity) rows of these articles, as they are now in this transaction."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    client = _client()
    postgres = _postgres(client)
    day, month = _BUCKETS["postgres" if postgres else "sqlite"]
    select = (
        f"SELECT m.article_id AS a, {_KIND} AS k, {_ENTITY} AS e, COUNT(*) AS n, a.published_at AS p,"
        f" {day} AS d, {month} AS mo FROM mention m JOIN article a ON a.id = m.article_id WHERE "
    )
    group = " GROUP BY 1, 2, 3, 5, 6, 7"
    rows: list[dict[str, Any]] = []
    if postgres:
        rows = await client.execute_query_dict(select + "m.article_id = ANY($1::int[])" + group, [wanted])
    else:
        for first in range(0, len(wanted), _CHUNK):
            chunk = wanted[first : first + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows += await client.execute_query_dict(select + f"m.article_id IN ({marks})" + group, chunk)
    out: dict[int, _Article] = {}
    for row in rows:
        article = out.get(row["a"])
        if article is None:
            article = out[row["a"]] = _Article(row["p"], row["d"], row["mo"])
        article.entities[(int(row["k"]), int(row["e"]))] = int(row["n"])
    return out


class CountChange:
    """The counts' change made by one write: `before(ids)` ahead of changing existing articles,
    `touch(ids)` for articles created by it, `apply()` once the rows are written."""

    def __init__(self) -> None:
        self._before: dict[int, _Article] = {}
        self._ids: set[int] = set()

    async def before(self, ids: Iterable[int]) -> None:
        """Note the current contribution of articles about to change (or be deleted)."""
        ids = [pk for pk in ids if pk not in self._ids]
        self._ids.update(ids)
        self._before.update(await _read(ids))

    def touch(self, ids: Iterable[int]) -> None:
        """Articles new in this transaction: they counted for nothing before."""
        self._ids.update(ids)

    async def apply(self) -> None:
        """Write the difference between the noted articles' rows now and before."""
        if self._ids:
            await apply_difference(self._before, await _read(self._ids))
        self._before, self._ids = {}, set()


@dataclass(slots=True)
class _Pair:
    n: int = 0
    added: Any = None  # latest publication time among articles counted in
    removed: Any = None  # latest among articles counted out


def _latest(current: Any, value: Any) -> Any:
    return value if current is None or value > current else current


async def apply_difference(before: dict[int, _Article], after: dict[int, _Article]) -> None:
    """Apply `after` minus `before` to the three count tables (see the module docstring)."""
    counts: dict[Entity, list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[tuple[int, int, int, int], _Pair] = defaultdict(_Pair)
    buckets: dict[tuple[int, int, str, Any], int] = defaultdict(int)
    for sign, side in ((-1, before), (1, after)):
        for article in side.values():
            entities = sorted(article.entities)
            for entity in entities:
                total = counts[entity]
                total[0] += sign
                total[1] += sign * article.entities[entity]
                buckets[(*entity, "day", article.day)] += sign
                buckets[(*entity, "month", article.month)] += sign
                for other in entities:
                    if other == entity:
                        continue
                    pair = pairs[(*entity, *other)]
                    pair.n += sign
                    if sign > 0:
                        pair.added = _latest(pair.added, article.published)
                    else:
                        pair.removed = _latest(pair.removed, article.published)
    changed_pairs = {key: pair for key, pair in pairs.items() if pair.n != 0 or pair.added != pair.removed}
    client = _client()
    await _upsert(
        client,
        "entity_count",
        ("kind", "entity_id"),
        ("articles", "mentions"),
        [(*key, a, m) for key, (a, m) in sorted(counts.items()) if a or m],
    )
    await _upsert(
        client,
        "entity_pair_count",
        ("kind", "entity_id", "other_kind", "other_id"),
        ("articles",),
        [
            (*key, pair.n, pair.added if pair.added is not None else pair.removed)
            for key, pair in sorted(changed_pairs.items())
        ],
        last_seen=True,
    )
    await _upsert(
        client,
        "entity_timeline",
        ("kind", "entity_id", "width", "bucket"),
        ("articles",),
        [(*key, n) for key, n in sorted(buckets.items()) if n],
    )
    stale = [
        (*key, pair.removed)
        for key, pair in sorted(changed_pairs.items())
        if pair.removed is not None and (pair.added is None or pair.added < pair.removed)
    ]
    await _recompute_last_seen(client, stale)
    shrunk: dict[str, list[tuple[Any, ...]]] = {
        "entity_count": [key for key, (a, _m) in sorted(counts.items()) if a < 0],
        "entity_pair_count": [key for key, pair in sorted(changed_pairs.items()) if pair.n < 0],
        "entity_timeline": [key for key, n in sorted(buckets.items()) if n < 0],
    }
    for table, keys in shrunk.items():
        await _delete_empty(client, table, keys)


_TYPES = {
    "kind": "smallint",
    "entity_id": "int",
    "other_kind": "smallint",
    "other_id": "int",
    "width": "text",
    "bucket": "timestamp",
    "articles": "int",
    "mentions": "int",
    "last_seen": "timestamptz",
}


async def _upsert(
    client: BaseDBAsyncClient,
    table: str,
    key: Sequence[str],
    added: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    last_seen: bool = False,
) -> None:
    """Add the rows' values to the table's rows of the same key, creating the missing ones."""
    if not rows:
        return
    columns = [*key, *added, *(["last_seen"] if last_seen else [])]
    sets = [f"{name} = {table}.{name} + excluded.{name}" for name in added]
    if last_seen:
        sets.append(
            f"last_seen = CASE WHEN excluded.last_seen > {table}.last_seen"
            f" THEN excluded.last_seen ELSE {table}.last_seen END"
        )
    conflict = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {', '.join(sets)}"
    names = ", ".join(columns)
    if _postgres(client):
        arrays = ", ".join(f"${n}::{_TYPES[name]}[]" for n, name in enumerate(columns, start=1))
        await client.execute_query(
            f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}){conflict}",
            [list(column) for column in zip(*rows, strict=True)],
        )
        return
    marks = ", ".join("?" for _ in columns)
    await client.execute_many(
        f"INSERT INTO {table} ({names}) VALUES ({marks}){conflict}", [list(r) for r in rows]
    )


_KEYS = {
    "entity_count": ("kind", "entity_id"),
    "entity_pair_count": ("kind", "entity_id", "other_kind", "other_id"),
    "entity_timeline": ("kind", "entity_id", "width", "bucket"),
}


async def _delete_empty(client: BaseDBAsyncClient, table: str, keys: Sequence[tuple[Any, ...]]) -> None:
    """Delete the rows of these keys whose count reached zero."""
    if not keys:
        return
    columns = _KEYS[table]
    if _postgres(client):
        arrays = ", ".join(f"${n}::{_TYPES[name]}[]" for n, name in enumerate(columns, start=1))
        match = " AND ".join(f"t.{name} = k.{name}" for name in columns)
        await client.execute_query(
            f"DELETE FROM {table} t USING unnest({arrays}) AS k({', '.join(columns)})"
            f" WHERE {match} AND t.articles <= 0",
            [list(column) for column in zip(*keys, strict=True)],
        )
        return
    match = " AND ".join(f"{name} = ?" for name in columns)
    await client.execute_many(f"DELETE FROM {table} WHERE {match} AND articles <= 0", [list(k) for k in keys])


async def _recompute_last_seen(client: BaseDBAsyncClient, stale: Sequence[tuple[Any, ...]]) -> None:
    """`last_seen` of pairs that lost an article which may have been their latest, from the
    mentions as they are now (rows that hold a later time are left alone)."""
    by_kinds: dict[tuple[int, int], list[list[Any]]] = defaultdict(list)
    for kind, entity_id, other_kind, other_id, removed in stale:
        by_kinds[(kind, other_kind)].append(
            [entity_id, other_id, kind, entity_id, other_kind, other_id, removed]
        )
    for (kind, other_kind), params in sorted(by_kinds.items()):
        sql = (
            "UPDATE entity_pair_count SET last_seen = COALESCE((SELECT MAX(a.published_at) FROM mention x"
            " JOIN mention y ON y.article_id = x.article_id JOIN article a ON a.id = x.article_id"
            f" WHERE x.{FKS[kind]} = ? AND y.{FKS[other_kind]} = ?), last_seen)"
            " WHERE kind = ? AND entity_id = ? AND other_kind = ? AND other_id = ? AND last_seen <= ?"
        )
        if _postgres(client):
            counter = iter(range(1, 100))
            sql = "".join(f"${next(counter)}" if char == "?" else char for char in sql)
        await client.execute_many(sql, params)


async def entity_articles(kind: str, entity_id: int) -> list[int]:
    """The articles mentioning an entity (to note before deleting it)."""
    column = FKS[KIND_CODES[kind]]
    client = _client()
    mark = "$1" if _postgres(client) else "?"
    rows = await client.execute_query_dict(
        f"SELECT DISTINCT article_id FROM mention WHERE {column} = {mark}", [entity_id]
    )
    return sorted(int(row["article_id"]) for row in rows)


async def recount() -> None:
    """Compute every count again from the mention rows, in the caller's transaction (after a
    write that bypassed the write path: plain SQL, a restored dump)."""
    migration = importlib.import_module("gql_news.migrations.0013_maintained_counts")
    client = _client()
    postgres = _postgres(client)
    for table in COUNT_TABLES:
        await client.execute_script(f"DELETE FROM {table}")
    for statement in migration.backfill(migration._PG_BUCKETS if postgres else migration._SQLITE_BUCKETS):
        await client.execute_script(statement)
