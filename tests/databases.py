"""Temporary databases for tests: the one helper every fixture that needs a database of its own
uses, on this run's backend (GQL_NEWS_TEST_DB).

A new database is either empty (for what must see migrations run: the migration tests, start-up
reporting them) or migrated, holding the country set, which is what `gql-news migrate` leaves.
Migrating costs about half a CPU-second per database (fourteen migrations, their triggers and
indexes), so a migrated one is a copy of a template migrated once per test process: on
PostgreSQL `CREATE DATABASE ... TEMPLATE`, on SQLite a copy of the file.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

BACKEND = os.environ.get("GQL_NEWS_TEST_DB", "sqlite")
PG_ADMIN_URL = os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


async def pg_admin(*statements: str) -> None:
    """Run statements, one after another, on the PostgreSQL server's admin database."""
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1), timeout=5)
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


def _pg_url(name: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def create_pg_database(template: str | None = None) -> str:
    """A new, uniquely named PostgreSQL database, empty or a copy of the database `template`
    (which nothing may be connected to); its URL. `drop_pg_database` removes it."""
    name = f"gql_news_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    # A throw-away database need not wait for its commits to reach the disk: without this each
    # commit waits for a WAL flush (most test writes are single-statement commits), which on a
    # shared disk made PostgreSQL's pass several times slower than SQLite's. Only this database
    # is affected; the fault tests' clusters keep the default.
    asyncio.run(
        pg_admin(f'CREATE DATABASE "{name}"{copy}', f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    )
    return _pg_url(name)


def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def prepare(url: str) -> None:
    """What `gql-news migrate` does to a database: every migration, then the country set."""
    from gql_news.db import database, migrate
    from gql_news.ingest.countries import load_countries
    from gql_news.settings import Settings

    settings = Settings(database_url=url)
    await migrate(settings)
    async with database(settings):
        await load_countries()


# This process's migrated templates, by backend: a SQLite file's path or a PostgreSQL database's
# name. Made on first use, removed when the process exits.
_templates: dict[str, str] = {}


def _template(backend: str) -> str:
    if backend in _templates:
        return _templates[backend]
    if backend == "sqlite":
        folder = tempfile.TemporaryDirectory(prefix="gql-news-template-")
        atexit.register(folder.cleanup)
        path = Path(folder.name) / "template.sqlite3"
        asyncio.run(prepare(f"sqlite://{path}"))
        _templates[backend] = str(path)
    else:
        url = create_pg_database()
        atexit.register(drop_pg_database, url)
        asyncio.run(prepare(url))
        _templates[backend] = url.rsplit("/", 1)[1]
    return _templates[backend]


def _copy_sqlite(source: str, target: Path) -> None:
    """A consistent copy of the SQLite database `source` into the new file `target`."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@contextmanager
def scratch_database(
    workdir: Path, name: str = "scratch", backend: str = BACKEND, *, migrated: bool = False
) -> Iterator[str]:
    """The URL of a brand-new database on `backend` (empty; with `migrated`, migrated and
    holding the country set): a SQLite file `name`.sqlite3 in `workdir`, or a uniquely named
    PostgreSQL database dropped (even if still in use) afterwards."""
    if backend == "sqlite":
        path = workdir / f"{name}.sqlite3"
        if migrated:
            _copy_sqlite(_template(backend), path)
        yield f"sqlite://{path}"
        return
    url = create_pg_database(_template(backend) if migrated else None)
    try:
        yield url
    finally:
        drop_pg_database(url)
