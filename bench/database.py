"""The bench database: created fresh, migrated and loaded by gql_news's own code, then ANALYZEd.

The database comment records the dataset parameters, so `--reuse` can tell whether an existing
database already holds the dataset asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg
from tortoise.transactions import in_transaction

from bench.dataset import GENERATOR_VERSION, Sizes


@dataclass(frozen=True)
class BenchDatabase:
    admin_url: str  # any database of the server, for CREATE/DROP DATABASE
    name: str

    @property
    def url(self) -> str:
        return f"{self.admin_url.rsplit('/', 1)[0]}/{self.name}"

    async def _admin(self, *statements: str) -> None:
        admin = await asyncpg.connect(self.admin_url)
        try:
            for statement in statements:
                await admin.execute(statement)
        finally:
            await admin.close()

    async def recreate(self) -> None:
        await self._admin(
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"'
        )

    async def drop(self) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    async def comment(self) -> str | None:
        admin = await asyncpg.connect(self.admin_url)
        try:
            comment: str | None = await admin.fetchval(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", self.name
            )
        finally:
            await admin.close()
        return comment


_LATER_FIELDS = {"vocabulary": 0, "words_per_article": 40, "word_zipf": 1.0, "entity_zipf": 0.0}


def fingerprint(sizes: Sizes) -> str:
    """The dataset's parameters; options added later are left out at their defaults, so a database
    loaded before they existed is still recognised."""
    fields = {k: v for k, v in asdict(sizes).items() if _LATER_FIELDS.get(k, object()) != v}
    return f"gql_news bench dataset v{GENERATOR_VERSION} " + json.dumps(fields, sort_keys=True)


async def _load(
    target: BenchDatabase,
    sizes: Sizes,
    log: Callable[[str], None],
    chunk: int | None = None,
    bulk: bool = False,
) -> dict[str, Any]:
    from bench.bulk import load_bulk
    from bench.load import load, load_chunks
    from gql_news.db import database, migrate
    from gql_news.ingest.countries import load_countries
    from gql_news.ingest.neighbours import rebuild_neighbours
    from gql_news.settings import Settings

    # A bulk load runs statements of thousands of rows (and their search-document triggers, and
    # the related-article lists): the app's per-statement timeouts are for requests, not for this.
    settings = Settings(database_url=target.url, statement_timeout_ms=0, db_command_timeout_s=0)
    started = time.perf_counter()
    await migrate(settings)
    async with database(settings):
        await load_countries()
        if bulk:
            counts = await load_bulk(target.url, sizes, log, chunk or 10_000)  # neighbour lists too
        elif chunk is None:
            data = await load(sizes, log)
            counts = {what: len(getattr(data, what)) for what in _COUNTED}
        else:
            counts = await load_chunks(sizes, log, chunk)
        if not bulk:
            # The loader writes mentions directly, not through the store: the related-article
            # lists are computed once, after the load.
            neighbours_started = time.perf_counter()
            async with in_transaction():
                await rebuild_neighbours()
            log(f"related-article lists in {time.perf_counter() - neighbours_started:.1f} s")
    conn = await asyncpg.connect(target.url)
    try:
        await conn.execute("ANALYZE")
        comment = fingerprint(sizes).replace("'", "''")
        await conn.execute(f"COMMENT ON DATABASE \"{target.name}\" IS '{comment}'")
    finally:
        await conn.close()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "bulk": bulk,
        **{what: counts[what] for what in _COUNTED},
    }


_COUNTED = ("articles", "people", "organisations", "mentions", "memberships", "topics")


def load_sqlite(url: str, sizes: Sizes, log: Callable[[str], None]) -> dict[str, Any]:
    """The same dataset in a fresh SQLite file (same countries, same seed, so the same rows and ids).

    Loaded by a child interpreter: Tortoise keeps per-model state from the PostgreSQL load
    (compiled inserts) that a second backend in the same process would trip over.
    """
    log(f"loading the same dataset into SQLite ({url})")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.database", url, json.dumps(asdict(sizes))],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"loading SQLite failed:\n{proc.stdout}\n{proc.stderr}")
    for line in proc.stdout.splitlines()[:-1]:
        log(line)
    result: dict[str, Any] = json.loads(proc.stdout.splitlines()[-1])
    return result


async def _load_sqlite(url: str, sizes: Sizes) -> dict[str, Any]:
    from bench.load import load
    from gql_news.db import database, db, migrate
    from gql_news.ingest.countries import load_countries
    from gql_news.ingest.neighbours import rebuild_neighbours
    from gql_news.settings import Settings

    settings = Settings(database_url=url, statement_timeout_ms=0)
    started = time.perf_counter()
    await migrate(settings)
    async with database(settings):
        await load_countries()
        data = await load(sizes, lambda line: print(line, flush=True))
        async with in_transaction():  # mentions were written directly, not through the store
            await rebuild_neighbours()
        await db().execute_script("ANALYZE")
    return {"seconds": round(time.perf_counter() - started, 1), "articles": len(data.articles)}


async def prepare(
    target: BenchDatabase,
    sizes: Sizes,
    *,
    reuse: bool,
    log: Callable[[str], None],
    chunk: int | None = None,
    bulk: bool = False,
) -> dict[str, Any]:
    """A database holding the dataset: reused when asked and already loaded, else made from scratch.

    With `chunk`, the articles are generated and written that many at a time, one transaction each;
    with `bulk`, they are copied (`bench.bulk`: COPY, the counts computed once at the end).
    """
    if reuse and await target.comment() == fingerprint(sizes):
        log(f"reusing database {target.name} (it holds this dataset); applying pending migrations")
        return {"reused": True, **await _migrate_reused(target, log)}
    log(f"creating database {target.name}, migrating, loading the dataset")
    await target.recreate()
    return await _load(target, sizes, log, chunk, bulk)


async def _migrate_reused(target: BenchDatabase, log: Callable[[str], None]) -> dict[str, Any]:
    """Bring a kept database to this code's schema (a database loaded by older code measured with
    newer code): the migrations it lacks, whatever they backfill, then ANALYZE when any ran."""
    from gql_news.db import migrate
    from gql_news.settings import Settings

    started = time.perf_counter()
    applied = await migrate(Settings(database_url=target.url, statement_timeout_ms=0))
    if not applied:
        return {"migrations": []}
    conn = await asyncpg.connect(target.url)
    try:
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    seconds = round(time.perf_counter() - started, 1)
    log(f"applied {', '.join(applied)} in {seconds} s")
    return {"migrations": applied, "migrate_s": seconds}


async def pick_targets(target: BenchDatabase, sizes: Sizes) -> tuple[str, str, str]:
    """(article slug, country code, PostgreSQL version), all determined by the data.

    The country is the most mentioned one; the article is the newest one naming the nominal
    number of people and organisations (a typical article, not an outlier).
    """
    conn = await asyncpg.connect(target.url)
    try:
        code = await conn.fetchval(
            "SELECT c.code FROM mention m JOIN country c ON c.id = m.country_id"
            " GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT 1"
        )
        slug = await conn.fetchval(
            "SELECT a.slug FROM article a JOIN mention m ON m.article_id = a.id GROUP BY a.id"
            " HAVING count(DISTINCT m.person_id) = $1 AND count(DISTINCT m.organisation_id) = $2"
            " ORDER BY a.published_at DESC LIMIT 1",
            sizes.people_per_article,
            sizes.organisations_per_article,
        ) or await conn.fetchval("SELECT slug FROM article ORDER BY published_at DESC LIMIT 1")
        version = await conn.fetchval("SELECT version()")
    finally:
        await conn.close()
    if code is None or slug is None:
        raise RuntimeError("the bench database holds no article or no country mention")
    return slug, code, version


if __name__ == "__main__":  # `python -m bench.database SQLITE_URL SIZES_JSON`: see load_sqlite
    import asyncio

    url_arg, sizes_arg = sys.argv[1:3]
    print(json.dumps(asyncio.run(_load_sqlite(url_arg, Sizes(**json.loads(sizes_arg))))))
