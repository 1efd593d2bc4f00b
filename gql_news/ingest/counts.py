"""The entity graph's maintained counts, kept current by the write path (tables: migrations
0013 and 0015).

Per entity: its articles and mentions (`entity_count`); per pair of entities named in one
article: the articles naming both and the latest one's publication time (`entity_pair_count`,
each pair once, the lower (kind, id) first; read both ways round through `CO_MENTIONS`); per
entity and UTC day: its articles (`entity_timeline`); per entity and topic: its articles filed
under the topic (`entity_topic_count`); per topic: its articles (`topic_count`); and the number
of articles (`article_total`, one row).

Every write that changes an article's mentions, topics or publication time (storing, editing,
deleting, re-linking articles; deleting an entity) reads the (article, entity) and (article,
topic) rows of the articles it touches before and after the change, and applies the difference
in the same transaction: one `INSERT ... ON CONFLICT DO UPDATE` per table with the net change of
every key (sorted by key, so concurrent writers lock shared rows in one order and cannot
deadlock; run last in the transaction, so a popular entity's row is held only until the commit),
then the rows that reached zero are deleted. A pair that lost its latest article gets its
`last_seen` computed again from the mentions (an edit's rare case). `recount()` rebuilds
everything.

Inside `counts_deferred()` (`gql-news import` on PostgreSQL) new articles are not counted in the
batch's transaction: they are queued (`article_count_queue`, migration 0018, one statement), and
`fold_counts` adds everything queued in short transactions of its own (folders side by side
take disjoint shares of the queue), each announcing its write like any other (cached answers
go). An importer's batches then never wait for another importer's hold on the hot rows (the
total, the topics, common countries and their pairs): only its background folds do, and a fold
adds a pair seen in several batches once. The importer folds in the background while it
stores its next batches and once more before it returns, after every fold in flight has
committed: the counts are exact when it returns (a reader during the import may see articles
not yet counted). A write that changes or deletes a queued article
takes it off the queue (`CountChange.before`) and counts it itself, from its rows, so an article
is never counted twice nor missed.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from gql_news.db import COUNT_TABLES, writing
from gql_news.graphql.versions import CHANNEL
from gql_news.ingest.article_rows import insert_many

KIND_CODES = {"person": 0, "organisation": 1, "country": 2}
"""An entity kind's code in the count tables (the order co-mentions break ties in)."""
FKS = ("person_id", "organisation_id", "country_id")
"""The `mention` column of each kind code."""
CO_MENTIONS = "entity_co_mention"
"""The view of `entity_pair_count` with every pair both ways round: (`kind`, `entity_id`) and its
partner (`other_kind`, `other_id`); a condition on the first is an index range on each side."""

_KIND = "CASE WHEN m.person_id IS NOT NULL THEN 0 WHEN m.organisation_id IS NOT NULL THEN 1 ELSE 2 END"
_ENTITY = "COALESCE(m.person_id, m.organisation_id, m.country_id)"
_MIGRATION = importlib.import_module("gql_news.migrations.0013_maintained_counts")
_FACETS = importlib.import_module("gql_news.migrations.0015_facet_counts")
_RANKED = importlib.import_module("gql_news.migrations.0017_ranked_indexes")
_CHUNK = 500  # ids per statement on SQLite (bound parameters)

Entity = tuple[int, int]
"""(kind code, id)."""


@dataclass(slots=True)
class _Article:
    """What one article adds to the counts: its publication time and UTC day (as stored, None
    when it names no entity), its entities with how often each is mentioned, and its topics."""

    published: Any = None
    day: Any = None
    entities: dict[Entity, int] = field(default_factory=dict)
    topics: list[int] = field(default_factory=list)


def _day(postgres: bool) -> str:
    """The UTC day of `a.published_at`, as `entity_timeline` stores it."""
    return str(_MIGRATION.PG_DAY if postgres else _MIGRATION.SQLITE_DAY)


def _client() -> BaseDBAsyncClient:
    client: BaseDBAsyncClient = connections.get("default")
    return client


def _postgres(client: BaseDBAsyncClient) -> bool:
    return bool(client.capabilities.dialect == "postgres")


QUEUE = "article_count_queue"
FOLD_BATCH = 2000
"""Queued articles counted in per transaction by `fold_counts`."""
_FOLD_LOCK = 7_236_471_017
"""The advisory lock folds hold (PostgreSQL): shared by background folds, side by side;
exclusive for a final one, which so waits for every fold in flight and then finds them
committed."""
_deferred: ContextVar[bool] = ContextVar("gql_news_counts_deferred", default=False)


@contextmanager
def counts_deferred() -> Iterator[None]:
    """Inside the block new articles are queued for `fold_counts` instead of counted (PostgreSQL;
    see the module docstring)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


async def _read(ids: Iterable[int], *, unqueue: bool = False) -> tuple[dict[int, _Article], set[int]]:
    """The (article, entity) and (article, topic) rows of these articles, as they are now in
    this transaction (every existing article is in the answer, with or without them). With
    `unqueue` (PostgreSQL), the articles still queued for `fold_counts` are taken off the queue
    in the same statement and returned apart: they count for nothing yet, so they are left out."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}, set()
    client = _client()
    postgres = _postgres(client)
    select = (
        f"SELECT m.article_id AS a, {_KIND} AS k, {_ENTITY} AS e, COUNT(*) AS n, a.published_at AS p,"
        f" {_day(postgres)} AS d FROM mention m JOIN article a ON a.id = m.article_id WHERE "
    )
    group = " GROUP BY 1, 2, 3, 5, 6"
    topics = (
        "SELECT a.id AS a, t.topic_id AS t FROM article a"
        " LEFT JOIN article_topic t ON t.article_id = a.id WHERE "
    )
    rows: list[dict[str, Any]] = []
    topic_rows: list[dict[str, Any]] = []
    queued: set[int] = set()
    if postgres and unqueue:
        found = await client.execute_query_dict(
            f"WITH q AS (DELETE FROM {QUEUE} WHERE article_id = ANY($1::int[]) RETURNING article_id) "
            + select
            + "m.article_id = ANY($1::int[])"
            + group
            + " UNION ALL SELECT article_id, -1, 0, 0, NULL, NULL FROM q",
            [wanted],
        )
        queued = {int(row["a"]) for row in found if row["k"] == -1}
        rows = [row for row in found if row["k"] != -1 and row["a"] not in queued]
        wanted = [pk for pk in wanted if pk not in queued]
        if wanted:
            topic_rows = await client.execute_query_dict(topics + "a.id = ANY($1::int[])", [wanted])
    elif postgres:
        rows = await client.execute_query_dict(select + "m.article_id = ANY($1::int[])" + group, [wanted])
        topic_rows = await client.execute_query_dict(topics + "a.id = ANY($1::int[])", [wanted])
    else:
        for first in range(0, len(wanted), _CHUNK):
            chunk = wanted[first : first + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows += await client.execute_query_dict(select + f"m.article_id IN ({marks})" + group, chunk)
            topic_rows += await client.execute_query_dict(topics + f"a.id IN ({marks})", chunk)
    out: dict[int, _Article] = {}
    for row in topic_rows:
        article = out.setdefault(row["a"], _Article())
        if row["t"] is not None:
            article.topics.append(int(row["t"]))
    for row in rows:
        article = out.setdefault(row["a"], _Article())
        article.published, article.day = row["p"], row["d"]
        article.entities[(int(row["k"]), int(row["e"]))] = int(row["n"])
    return out, queued


class CountChange:
    """The counts' change made by one write: `before(ids)` ahead of changing existing articles,
    `touch(ids)` for articles created by it, `apply()` once the rows are written."""

    def __init__(self) -> None:
        self._before: dict[int, _Article] = {}
        self._changed: set[int] = set()
        self._new: set[int] = set()

    async def before(self, ids: Iterable[int]) -> None:
        """Note the current contribution of articles about to change (or be deleted). Those still
        queued for `fold_counts` leave the queue: they contributed nothing yet, and are counted
        in from their rows like new ones."""
        ids = [pk for pk in ids if pk not in self._changed and pk not in self._new]
        found, queued = await _read(ids, unqueue=True)
        self._new.update(queued)
        self._changed.update(pk for pk in ids if pk not in queued)
        self._before.update(found)

    def touch(self, ids: Iterable[int]) -> None:
        """Articles new in this transaction: they counted for nothing before."""
        self._new.update(pk for pk in ids if pk not in self._changed)

    async def apply(self) -> None:
        """New articles are counted in by the database, from their rows (the import's case; inside
        `counts_deferred()` on PostgreSQL they are queued instead); changed ones by their net
        difference (nothing is written where nothing changed)."""
        if self._new:
            client = _client()
            if _deferred.get() and _postgres(client):
                await client.execute_query(
                    f"INSERT INTO {QUEUE} (article_id) SELECT id FROM article WHERE id = ANY($1::int[])"
                    " ON CONFLICT (article_id) DO NOTHING",
                    [sorted(self._new)],
                )
            else:
                await add_articles(sorted(self._new))
        if self._changed:
            after, _queued = await _read(self._changed)
            await apply_difference(self._before, after)
        self._before, self._changed, self._new = {}, set(), set()


async def fold_counts(*, wait: bool = True, once: bool = False) -> int:
    """Count in every article queued by `counts_deferred()` writes and empty the queue, up to
    `FOLD_BATCH` articles per transaction, each announcing its write; returns the articles done.
    With `once`, one such transaction: what is queued meanwhile is left to the next fold (an
    import folding alongside its batches: a fold that went on with every batch committed during
    the last would count small sets, where a pair named in several is written once per set).
    With `wait` (the end of an import), after every fold in flight, one such folder at a time
    (then every article queued before by a committed write is counted when it returns);
    without, side by side with other such folders, each on the queued articles no other has
    taken, and nothing while a waiting fold runs (it finds what is queued). Queued articles a
    concurrent write has taken off the queue are left to it."""
    client = _client()
    if not _postgres(client):
        return 0
    done = 0
    while True:
        async with writing() as connection:
            # A fold is not a request's statement: the sessions' statement_timeout does not apply.
            # Its commit does not wait for the WAL flush: a crash in that moment loses the fold
            # whole, its queue rows with it, and the next fold (an import, the app's start) does
            # it again.
            await connection.execute_query(
                "SELECT set_config('statement_timeout', '0', true), set_config('synchronous_commit', 'off', true)"
            )
            if wait:
                await connection.execute_query(f"SELECT pg_advisory_xact_lock({_FOLD_LOCK})")
            else:
                got = await connection.execute_query_dict(
                    f"SELECT pg_try_advisory_xact_lock_shared({_FOLD_LOCK}) AS got"
                )
                if not got[0]["got"]:
                    return done
            rows = await connection.execute_query_dict(
                f"DELETE FROM {QUEUE} WHERE article_id IN (SELECT article_id FROM {QUEUE}"
                f" ORDER BY article_id LIMIT {FOLD_BATCH} FOR UPDATE SKIP LOCKED) RETURNING article_id"
            )
            ids = sorted(int(row["article_id"]) for row in rows)
            if not ids:
                return done
            await add_articles(ids)
            # The count tables have no announcing trigger (their writes used to share a
            # transaction with the mentions'): the fold announces itself.
            await connection.execute_query(f"SELECT pg_notify('{CHANNEL}', pg_current_xact_id()::text)")
        done += len(ids)
        if once:
            return done


_KEYS = {
    "entity_count": ("kind", "entity_id"),
    "entity_pair_count": ("kind", "entity_id", "other_kind", "other_id"),
    "entity_timeline": ("kind", "entity_id", "day"),
    "entity_topic_count": ("kind", "entity_id", "topic_id"),
    "topic_count": ("topic_id",),
    "article_total": ("id",),
}


def _added(table: str, columns: str, select: str, sets: str) -> str:
    """`INSERT ... SELECT ... ON CONFLICT DO UPDATE SET sets` adding the selected counts, keys in
    order (the lock order); `d` is the batch's distinct (article `a`, kind `k`, entity `e`) with
    their mentions `n`, the article's publication time `p` and UTC day `day`."""
    key = _KEYS[table]
    order = ", ".join(str(n + 1) for n in range(len(key)))
    return (
        f"WITH d AS ({{d}}) INSERT INTO {table} ({columns}) {select} ORDER BY {order}"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
    )


def _plus(table: str, *names: str) -> str:
    return ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in names)


_LATEST = (
    "last_seen = CASE WHEN excluded.last_seen > entity_pair_count.last_seen"
    " THEN excluded.last_seen ELSE entity_pair_count.last_seen END"
)

_ADD_STATEMENTS = [
    _added(
        "entity_pair_count",
        "kind, entity_id, other_kind, other_id, articles, last_seen",
        "SELECT x.k, x.e, y.k, y.e, COUNT(*), MAX(x.p) FROM d x"
        " JOIN d y ON y.a = x.a AND (y.k, y.e) > (x.k, x.e) GROUP BY x.k, x.e, y.k, y.e",
        f"{_plus('entity_pair_count', 'articles')}, {_LATEST}",
    ),
    _added(
        "entity_timeline",
        "kind, entity_id, day, articles",
        "SELECT d.k, d.e, d.day, COUNT(*) FROM d GROUP BY d.k, d.e, d.day",
        _plus("entity_timeline", "articles"),
    ),
    _added(
        "entity_topic_count",
        "kind, entity_id, topic_id, articles",
        "SELECT d.k, d.e, t.topic_id, COUNT(*) FROM d JOIN article_topic t ON t.article_id = d.a"
        " GROUP BY d.k, d.e, t.topic_id",
        _plus("entity_topic_count", "articles"),
    ),
    _added(
        "entity_count",
        "kind, entity_id, articles, mentions",
        "SELECT d.k, d.e, COUNT(*), SUM(d.n) FROM d GROUP BY d.k, d.e",
        _plus("entity_count", "articles", "mentions"),
    ),
    "INSERT INTO topic_count (topic_id, articles) SELECT topic_id, COUNT(*) FROM article_topic"
    " WHERE article_id {ids} GROUP BY topic_id ORDER BY 1"
    f" ON CONFLICT (topic_id) DO UPDATE SET {_plus('topic_count', 'articles')}",
    "INSERT INTO article_total (id, articles) SELECT 1, COUNT(*) FROM article WHERE id {ids}"
    f" ON CONFLICT (id) DO UPDATE SET {_plus('article_total', 'articles')}",
]
"""Pairs, days, entity topics, entities, topics, then the total: the hottest rows (a country's,
a topic's, the total) are locked last, for the shortest time, by every writer. Each pair is
counted once, lower key first. `{d}` is the batch (`_batch`), `{ids}` its article ids."""


def _batch(postgres: bool, where: str) -> str:
    """`d` of `_ADD_STATEMENTS`: the mentions grouped per (article, entity) first, so the pairs'
    self-join reads one row per entity of an article, and the article's row is read once."""
    return (
        f"SELECT g.a, g.k, g.e, g.n, a.published_at AS p, {_day(postgres)} AS day FROM"
        f" (SELECT m.article_id AS a, {_KIND} AS k, {_ENTITY} AS e, COUNT(*) AS n FROM mention m"
        f" WHERE m.article_id {where} GROUP BY 1, 2, 3) g JOIN article a ON a.id = g.a"
    )


def _statement(template: str, postgres: bool, where: str) -> str:
    return template.replace("{d}", _batch(postgres, where)).replace("{ids}", where)


async def add_articles(ids: Sequence[int]) -> None:
    """Count these articles' current mentions and topics in (new articles): one statement per
    table (per 500 articles on SQLite), computed by the database from the batch's rows."""
    client = _client()
    if _postgres(client):
        for template in _ADD_STATEMENTS:
            await client.execute_query(_statement(template, True, "= ANY($1::int[])"), [list(ids)])
        return
    for first in range(0, len(ids), _CHUNK):
        chunk = list(ids[first : first + _CHUNK])
        where = f"IN ({', '.join('?' for _ in chunk)})"
        for template in _ADD_STATEMENTS:
            await client.execute_query(_statement(template, False, where), chunk)


@dataclass(slots=True)
class _Pair:
    n: int = 0
    added: Any = None  # latest publication time among articles counted in
    removed: Any = None  # latest among articles counted out


def _latest(current: Any, value: Any) -> Any:
    return value if current is None or value > current else current


async def apply_difference(before: dict[int, _Article], after: dict[int, _Article]) -> None:
    """Apply `after` minus `before` to the count tables (see the module docstring)."""
    counts: dict[Entity, list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[tuple[int, int, int, int], _Pair] = defaultdict(_Pair)
    buckets: dict[tuple[int, int, Any], int] = defaultdict(int)
    entity_topics: dict[tuple[int, int, int], int] = defaultdict(int)
    topics: dict[int, int] = defaultdict(int)
    articles = 0
    for sign, side in ((-1, before), (1, after)):
        for article in side.values():
            articles += sign
            for topic in article.topics:
                topics[topic] += sign
            entities = sorted(article.entities)
            for index, entity in enumerate(entities):
                total = counts[entity]
                total[0] += sign
                total[1] += sign * article.entities[entity]
                buckets[(*entity, article.day)] += sign
                for topic in article.topics:
                    entity_topics[(*entity, topic)] += sign
                for other in entities[index + 1 :]:  # each pair once, lower key first
                    pair = pairs[(*entity, *other)]
                    pair.n += sign
                    if sign > 0:
                        pair.added = _latest(pair.added, article.published)
                    else:
                        pair.removed = _latest(pair.removed, article.published)
    changed_pairs = {key: pair for key, pair in pairs.items() if pair.n != 0 or pair.added != pair.removed}
    client = _client()
    # The tables in the order `add_articles` locks them.
    await _upsert(
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
        "entity_timeline",
        ("kind", "entity_id", "day"),
        ("articles",),
        [(*key, n) for key, n in sorted(buckets.items()) if n],
    )
    await _upsert(
        "entity_topic_count",
        ("kind", "entity_id", "topic_id"),
        ("articles",),
        [(*key, n) for key, n in sorted(entity_topics.items()) if n],
    )
    await _upsert(
        "entity_count",
        ("kind", "entity_id"),
        ("articles", "mentions"),
        [(*key, a, m) for key, (a, m) in sorted(counts.items()) if a or m],
    )
    await _upsert(
        "topic_count", ("topic_id",), ("articles",), [(k, n) for k, n in sorted(topics.items()) if n]
    )
    await _upsert("article_total", ("id",), ("articles",), [(1, articles)] if articles else [])
    stale = [
        (*key, pair.removed)
        for key, pair in sorted(changed_pairs.items())
        if pair.removed is not None and (pair.added is None or pair.added < pair.removed)
    ]
    await _recompute_last_seen(client, stale)
    shrunk: dict[str, list[tuple[Any, ...]]] = {
        "entity_pair_count": [key for key, pair in sorted(changed_pairs.items()) if pair.n < 0],
        "entity_timeline": [key for key, n in sorted(buckets.items()) if n < 0],
        "entity_topic_count": [key for key, n in sorted(entity_topics.items()) if n < 0],
        "entity_count": [key for key, (a, _m) in sorted(counts.items()) if a < 0],
        "topic_count": [(key,) for key, n in sorted(topics.items()) if n < 0],
    }
    for table, keys in shrunk.items():
        await _delete_empty(client, table, keys)


_TYPES = {
    "kind": "smallint",
    "entity_id": "int",
    "other_kind": "smallint",
    "other_id": "int",
    "day": "timestamp",
    "topic_id": "int",
    "id": "smallint",
    "articles": "int",
    "mentions": "int",
    "last_seen": "timestamptz",
}


async def _upsert(
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
    sets = _plus(table, *added) + (f", {_LATEST}" if last_seen else "")
    conflict = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
    await insert_many(table, [(name, _TYPES[name]) for name in columns], rows, conflict)


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
    """Compute every count again from the mention and topic rows, in the caller's transaction
    (after a write that bypassed the write path: plain SQL, a restored dump)."""
    client = _client()
    for table in (*COUNT_TABLES, QUEUE):  # queued articles are counted from their rows below
        await client.execute_script(f"DELETE FROM {table}")
    for statement in [
        *_RANKED.DROP_PAIR_INDEXES,
        *_MIGRATION.backfill(_day(_postgres(client))),
        *_FACETS.backfill(),
        *_RANKED.PAIR_INDEXES,
    ]:
        await client.execute_script(statement)
