"""Temporary databases for tests: the one helper every fixture that needs a database of its own
uses, on this run's backend (GQL_NEWS_TEST_DB)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg

BACKEND = os.environ.get("GQL_NEWS_TEST_DB", "sqlite")
PG_ADMIN_URL = os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


async def pg_admin(sql: str) -> None:
    """Run one statement on the PostgreSQL server's admin database."""
    conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://", 1), timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def create_pg_database() -> str:
    """A new, uniquely named, empty PostgreSQL database; its URL. `drop_pg_database` removes it."""
    name = f"gql_news_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(pg_admin(f'CREATE DATABASE "{name}"'))
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def scratch_database(workdir: Path, name: str = "scratch", backend: str = BACKEND) -> Iterator[str]:
    """The URL of a brand-new, empty database on `backend`: a SQLite file `name`.sqlite3 in
    `workdir`, or a uniquely named PostgreSQL database dropped (even if still in use) afterwards."""
    if backend == "sqlite":
        yield f"sqlite://{workdir / f'{name}.sqlite3'}"
        return
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)
