"""Related articles, precomputed: each article's top neighbours by shared entities.

The score of two articles is the Jaccard index of their sets of distinct entities (people,
organisations and countries): shared / (|A| + |B| - shared). Ties go to the article sharing
more entities, then to the newer one, then to the higher id.

Finding every article that shares an entity reads whole posting lists (a country is named in a
fifth of all articles), so the work is bounded: an article's candidates are, for each of its
entities, the `related_posting_cap` most recently stored articles naming it (an index walk
per entity); the 50 candidates (`SCORED`) found through the most entities are scored exactly
(their whole entity sets read). With fewer articles per entity than the cap and fewer
candidates than that (a small archive, rare entities), that is every article sharing an
entity: the answers are exact, and the stored lists (below) equal a rebuild's however the writes and
drains interleave. Beyond those bounds a list depends on which articles were the most recent when
it was computed: kept up as articles come (inline, or in the sets an import drains while it
stores), the lists can differ from a rebuild's, and so can two imports of the same articles whose
drains ran at different moments.

`article_neighbour` keeps the top `related_neighbours` of every article. `refresh_neighbours`
runs whenever an article's mentions were written (`replace_mentions`, in the same
transaction): the article's own list is computed again; every other list that named it is too
(its score may have changed); and the article enters the lists of its candidates where it now
ranks among their top, each trimmed back to its size. `rebuild_neighbours` fills the table
from scratch (migration 0014 for the articles stored before it; a bulk load that wrote
mentions directly).

Inside `neighbours_deferred()` (`gql-news import`) the refresh is queued instead: the articles
go to `article_neighbour_queue` (migration 0016, one row per article however often it is
queued) in the write's transaction, and `drain_neighbours` refreshes everything queued
afterwards, up to `DRAIN_BATCH` articles per transaction, one drain at a time. Until then a
queued article's own list is computed on demand by `Article.related`; the lists of
other articles may lack it (the window between an import's batch committing and the drain at
the import's end).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from gql_news.db import writing
from gql_news.graphql.versions import CHANNEL
from gql_news.tuning import tuning

_COLUMNS = ("person_id", "organisation_id", "country_id")
ENTITY = "COALESCE(person_id * 3, organisation_id * 3 + 1, country_id * 3 + 2)"
"""One integer per entity (kind in the remainder), so entity sets join on a single equality."""
_SCORE = "CAST(h.n AS DOUBLE PRECISION) / (ka.n + kb.n - h.n)"
_REBUILD_BATCH = 500
SCORED = 50
"""At least this many candidates per article are scored exactly (more for a long list: 4 × top)."""


def scored(top: int) -> int:
    """How many candidates per article are scored exactly for lists of `top` (`SCORED`)."""
    return max(4 * top, SCORED)


def _targets(postgres: bool) -> str:
    """The target article ids, from one parameter: an int array (PostgreSQL) or a JSON array."""
    return "SELECT unnest(CAST(? AS integer[]))" if postgres else "SELECT value FROM json_each(?)"


def target_param(ids: Sequence[int], postgres: bool) -> Any:
    return list(ids) if postgres else json.dumps(list(ids))


def _candidates(postgres: bool, cap: int) -> str:
    """(k, other): per target and entity, the `cap` most recently stored articles naming it.

    On PostgreSQL the postings of each distinct entity of the targets (`_u`) are walked once and
    joined to the targets naming it: a country named by hundreds of them is read once, not once
    per target (same rows, so the same lists)."""
    if postgres:
        postings = " UNION ALL ".join(
            f"SELECT u.e, p.a FROM _u u CROSS JOIN LATERAL (SELECT DISTINCT m.article_id AS a "
            f"FROM mention m WHERE m.{col} = u.{col} ORDER BY m.article_id DESC LIMIT {cap}) p "
            f"WHERE u.{col} IS NOT NULL"
            for col in _COLUMNS
        )
        return (
            f"SELECT s.k, p.a AS other FROM _s s JOIN (WITH _u AS (SELECT DISTINCT e, {', '.join(_COLUMNS)} "
            f"FROM _s) {postings}) p ON p.e = s.e"
        )
    return " UNION ALL ".join(
        f"SELECT s.k, p.article_id AS other FROM _s s JOIN (SELECT x, article_id, "
        "ROW_NUMBER() OVER (PARTITION BY x ORDER BY article_id DESC) AS rn "
        f"FROM (SELECT DISTINCT {col} AS x, article_id FROM mention "
        f"WHERE {col} IN (SELECT {col} FROM _s))) p ON p.x = s.{col} AND p.rn <= {cap}"
        for col in _COLUMNS
    )


_HIT = (
    "SELECT t.k, t.other, COUNT(*) AS n FROM _top t JOIN _e x ON x.article_id = t.other "
    "JOIN _s s ON s.k = t.k AND s.e = x.e GROUP BY t.k, t.other"
)
"""`_hit` (SQLite): how many entities each kept (target, candidate) pair of `_top` shares."""
_HIT_PG = (
    "SELECT j.k, j.other, COUNT(*) AS n FROM (SELECT s.k, x.article_id AS other FROM _s s "
    "JOIN _e x ON x.e = s.e OFFSET 0) j WHERE (j.k, j.other) IN (SELECT k, other FROM _top) "
    "GROUP BY j.k, j.other"
)
"""`_hit` on PostgreSQL, the same counts: the rows of the entity join (`OFFSET 0`: joined
first, not `_s` with `_top`, which one plan made 300,000 rows of) kept by a semi-join on `_top`
and counted in a hash. For `_HIT`'s three-way join the planner sorted the entity join's ~140,000
rows per 500 targets and `_top` for a merge join (a drain of 475 articles: ~12% more backend
CPU)."""


def scored_sql(postgres: bool, top: int, cap: int) -> str:
    """`WITH … _scored (k, other, shared, score, published_at, rn)`: the targets' (one `?`)
    neighbours ranked, `rn` from 1; of the candidates, those sharing most entities are scored
    (`SCORED`, or 4 × top when more)."""
    return (
        f"WITH _r(k) AS ({_targets(postgres)}), "
        f"_s AS (SELECT DISTINCT article_id AS k, person_id, organisation_id, country_id, {ENTITY} AS e "
        "FROM mention WHERE article_id IN (SELECT k FROM _r)), "
        f"_c AS ({_candidates(postgres, cap)}), "
        "_top AS (SELECT k, other FROM (SELECT k, other, "
        "ROW_NUMBER() OVER (PARTITION BY k ORDER BY COUNT(*) DESC, other DESC) AS rn "
        f"FROM _c WHERE other <> k GROUP BY k, other) x WHERE rn <= {scored(top)}), "
        f"_e AS (SELECT DISTINCT article_id, {ENTITY} AS e FROM mention "
        "WHERE article_id IN (SELECT other FROM _top)), "
        "_size AS (SELECT article_id AS id, COUNT(*) AS n FROM _e GROUP BY article_id), "
        "_mine AS (SELECT k, COUNT(*) AS n FROM _s GROUP BY k), "
        f"_hit AS ({_HIT_PG if postgres else _HIT}), "
        f"_scored AS (SELECT h.k, h.other, h.n AS shared, {_SCORE} AS score, a.published_at, "
        f"ROW_NUMBER() OVER (PARTITION BY h.k ORDER BY {_SCORE} DESC, h.n DESC, a.published_at DESC, "
        "a.id DESC) AS rn FROM _hit h JOIN _mine ka ON ka.k = h.k JOIN _size kb ON kb.id = h.other "
        "JOIN article a ON a.id = h.other) "
    )


def numbered(sql: str, postgres: bool) -> str:
    """`?` placeholders as the database expects them."""
    if not postgres:
        return sql
    parts = sql.split("?")
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], start=1)) + parts[-1]


_INSERT = "INSERT INTO article_neighbour (article_id, neighbour_id, score, shared) "


async def _compute(
    client: BaseDBAsyncClient, ids: Sequence[int], postgres: bool, *, offer_outside: Sequence[int] = ()
) -> None:
    """Store the lists of `ids` (none may have one); with `offer_outside`, also enter each of
    them in its candidates' lists, except those of the articles listed there (untrimmed), where
    it ranks above the last entry of a full list (`_OUTRANKS`; one that does not would only be
    trimmed again: most of them, once the lists are full)."""
    size = tuning().related_neighbours
    sql = scored_sql(postgres, size, tuning().related_posting_cap)
    if offer_outside:
        sql += _LAST.format(size=size)
    sql += f"{_INSERT}SELECT k, other, score, shared FROM _scored WHERE rn <= {size}"
    params: list[Any] = [target_param(ids, postgres)]
    if offer_outside:
        sql += (
            " UNION ALL SELECT s.other, s.k, s.score, s.shared FROM _scored s JOIN article t ON t.id = s.k"
            f" LEFT JOIN _last l ON l.article_id = s.other WHERE s.other NOT IN ({_targets(postgres)})"
            f" AND {_OUTRANKS}"
        )
        params.append(target_param(offer_outside, postgres))
    await client.execute_query(numbered(sql, postgres), params)


_LAST = (
    ", _last AS (SELECT article_id, score, shared, published_at, id FROM (SELECT n.article_id, n.score,"
    " n.shared, a.published_at, a.id, ROW_NUMBER() OVER (PARTITION BY n.article_id ORDER BY n.score DESC,"
    " n.shared DESC, a.published_at DESC, a.id DESC) AS rn FROM article_neighbour n JOIN article a"
    " ON a.id = n.neighbour_id WHERE n.article_id IN (SELECT other FROM _scored)) x WHERE rn = {size}) "
)
"""`WITH … _last`: the last entry of every full list (`size` entries) a target may be offered to."""
_OUTRANKS = (
    "(l.article_id IS NULL OR (s.score, s.shared, t.published_at, t.id)"
    " > (l.score, l.shared, l.published_at, l.id))"
)
"""An offered target `s`/`t` ranks within its candidate's list: the list is not full, or the
target comes before its last entry in the lists' order (score, shared, newer, higher id)."""


async def _trim(client: BaseDBAsyncClient, naming: Sequence[int], postgres: bool) -> None:
    """Cut back to the list size every list that names one of `naming`."""
    size = tuning().related_neighbours
    sql = (
        f"DELETE FROM article_neighbour WHERE id IN (SELECT id FROM (SELECT n.id, ROW_NUMBER() OVER "
        "(PARTITION BY n.article_id ORDER BY n.score DESC, n.shared DESC, a.published_at DESC, a.id DESC) AS rn "
        "FROM article_neighbour n JOIN article a ON a.id = n.neighbour_id WHERE n.article_id IN "
        f"(SELECT article_id FROM article_neighbour WHERE neighbour_id IN ({_targets(postgres)}))) x "
        f"WHERE rn > {size})"
    )
    await client.execute_query(numbered(sql, postgres), [target_param(naming, postgres)])


QUEUE = "article_neighbour_queue"
DRAIN_BATCH = 2000
"""Queued articles refreshed per transaction by `drain_neighbours`."""
_DRAIN_LOCK = 7_236_471_015
"""The advisory lock a drain holds (PostgreSQL): one drain at a time, so two never write the
same list."""
_IMPORTING = 7_236_471_016
"""The advisory lock every running import holds shared (PostgreSQL): the last one to finish drains."""
_ATTEMPTS = 3
_deferred: ContextVar[bool] = ContextVar("gql_news_neighbours_deferred", default=False)


@contextmanager
def neighbours_deferred() -> Iterator[None]:
    """Inside the block `refresh_neighbours` queues the articles (see the module docstring)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


@asynccontextmanager
async def importing() -> AsyncIterator[None]:
    """Marks an import as running for the block: on PostgreSQL a shared advisory lock, held by a
    connection of the pool kept for the block (released with it, also when the process dies)."""
    client = connections.get("default")
    if client.capabilities.dialect != "postgres":
        yield
        return
    async with client.acquire_connection() as connection:
        await connection.execute(f"SELECT pg_advisory_lock_shared({_IMPORTING})")
        try:
            yield
        finally:
            await connection.execute(f"SELECT pg_advisory_unlock_shared({_IMPORTING})")


async def others_importing() -> bool:
    """Whether another import is inside `importing()` now (never on SQLite: one writer). Its
    articles are committed batch by batch and queued; it drains the queue when it ends, so an
    import ending while another runs leaves the drain to it: one drain for the lot, instead of
    each drain refreshing again the lists an earlier one wrote that name the later articles."""
    client = connections.get("default")
    if client.capabilities.dialect != "postgres":
        return False
    rows = await client.execute_query_dict(f"SELECT pg_try_advisory_xact_lock({_IMPORTING}) AS alone")
    return not rows[0]["alone"]


async def imports_running() -> int:
    """How many imports are inside `importing()` now, this one included (PostgreSQL; 0 on SQLite,
    where an import never drains alongside its batches: one connection, the drain would only
    wait for the batches). This import may drain the queued lists while it stores its next
    batches when it is the only one (else the last to end drains the lot). Call it inside
    `importing()`."""
    client = connections.get("default")
    if client.capabilities.dialect != "postgres":
        return 0
    rows = await client.execute_query_dict(
        "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND ((classid::bigint << 32) | objid::bigint) = $1",
        [_IMPORTING],
    )
    return int(rows[0]["n"])


async def refresh_neighbours(article_ids: Sequence[int], *, fresh: bool = False) -> None:
    """Recompute the neighbour lists after these articles' mentions were written (`fresh`: the
    articles were just created, so no list names them yet). At most five statements, whatever
    the count. Inside `neighbours_deferred()`, one statement queueing them instead."""
    if not article_ids:
        return
    client = connections.get("default")
    postgres = client.capabilities.dialect == "postgres"
    ids = sorted(set(article_ids))
    if _deferred.get():
        insert = "INSERT INTO" if postgres else "INSERT OR IGNORE INTO"
        conflict = " ON CONFLICT (article_id) DO NOTHING" if postgres else ""
        await client.execute_query(
            numbered(f"{insert} {QUEUE} (article_id) {_targets(postgres)}{conflict}", postgres),
            [target_param(ids, postgres)],
        )
        return
    await _refresh(client, ids, postgres, fresh=fresh)


async def _refresh(client: BaseDBAsyncClient, ids: list[int], postgres: bool, *, fresh: bool) -> None:
    affected: list[int] = []
    if not fresh:
        param = target_param(ids, postgres)
        rows = await client.execute_query_dict(
            numbered(
                f"SELECT DISTINCT article_id FROM article_neighbour WHERE neighbour_id IN ({_targets(postgres)})",
                postgres,
            ),
            [param],
        )
        own = set(ids)
        affected = sorted({row["article_id"] for row in rows} - own)
        await client.execute_query(
            numbered(
                f"DELETE FROM article_neighbour WHERE article_id IN ({_targets(postgres)}) "
                f"OR neighbour_id IN ({_targets(postgres)})",
                postgres,
            ),
            [target_param([*ids, *affected], postgres), param],
        )
    # Lists that named them lost an entry: computed again, whole. Each list is computed
    # independently of the others, so a long run is cut into statements of `_REBUILD_BATCH`.
    for first in range(0, len(affected), _REBUILD_BATCH):
        await _compute(client, affected[first : first + _REBUILD_BATCH], postgres)
    outside = [*ids, *affected]
    for first in range(0, len(ids), _REBUILD_BATCH):
        await _compute(client, ids[first : first + _REBUILD_BATCH], postgres, offer_outside=outside)
    await _trim(client, ids, postgres)


async def drain_neighbours(*, once: bool = False) -> int:
    """Refresh the lists of every queued article and empty the queue: up to `DRAIN_BATCH` articles
    per transaction, one drain at a time (a second one waits for the first, then finds what is
    left); each transaction announces its write, so cached answers go. Returns the articles done.
    With `once`, one such transaction: what is queued meanwhile is left to the next drain (an
    import draining alongside its batches; a drain costs less per article in larger sets, whose
    articles are not offered to each other's lists one set after another)."""
    done = 0
    while True:
        for _attempt in range(_ATTEMPTS - 1):
            try:
                count = await _drain_some()
                break
            except IntegrityError:  # a concurrent inline refresh wrote the same entry first
                continue
        else:
            count = await _drain_some()
        if not count:
            return done
        done += count
        if once:
            return done


async def _drain_some() -> int:
    async with writing() as client:
        postgres = client.capabilities.dialect == "postgres"
        if postgres:
            # Neither waiting for another drain nor a long one is a request's statement: the
            # sessions' statement_timeout (a request's budget) does not apply to this transaction;
            # its statements sort and hash thousands of candidates each (memory, not disk). Its
            # commit does not wait for the WAL flush: a crash in that moment loses it whole, its
            # queue rows with it (answered on demand until the next drain does it again).
            await client.execute_query(
                "SELECT set_config('statement_timeout', '0', true), set_config('work_mem', '64MB', true),"
                " set_config('synchronous_commit', 'off', true)"
            )
            await client.execute_query(f"SELECT pg_advisory_xact_lock({_DRAIN_LOCK})")
        rows = await client.execute_query_dict(
            f"SELECT article_id FROM {QUEUE} ORDER BY article_id LIMIT {DRAIN_BATCH}"
        )
        ids = [int(row["article_id"]) for row in rows]
        if not ids:
            return 0
        await _refresh(client, ids, postgres, fresh=False)
        await client.execute_query(
            numbered(f"DELETE FROM {QUEUE} WHERE article_id IN ({_targets(postgres)})", postgres),
            [target_param(ids, postgres)],
        )
        # What the tables' triggers do for the other writes (article_neighbour has none).
        await client.execute_query(
            f"SELECT pg_notify('{CHANNEL}', pg_current_xact_id()::text)"
            if postgres
            else "UPDATE data_version SET version = version + 1 WHERE id = 1"
        )
        return len(ids)


async def rebuild_neighbours(client: BaseDBAsyncClient | None = None) -> int:
    """Every article's list from scratch (the table emptied first); returns the articles done.
    Run it in a transaction (a migration's, or `in_transaction()`)."""
    client = client or connections.get("default")
    postgres = client.capabilities.dialect == "postgres"
    if postgres:  # for this transaction: batches of thousands of articles, planned once each
        await client.execute_script("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
    await client.execute_query("DELETE FROM article_neighbour")
    ids = [int(row["id"]) for row in await client.execute_query_dict("SELECT id FROM article ORDER BY id")]
    for first in range(0, len(ids), _REBUILD_BATCH):
        await _compute(client, ids[first : first + _REBUILD_BATCH], postgres)
    return len(ids)
