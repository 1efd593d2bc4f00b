"""Fixtures for the fault tests: a PostgreSQL cluster of their own and `gql-news serve` on it.

They run in the PostgreSQL pass only. Where PostgreSQL's server binaries are missing they are
skipped, loudly, except in CI (`CI=true`), where that is a failure.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from bench.cluster import Cluster, ClusterUnavailable
from tests.conftest import BACKEND, IN_CI
from tests.servers import Served, cli_token, start_server


def _create_cluster() -> Cluster:
    """A new (stopped) cluster; skips where the server binaries are missing, but not in CI."""
    if BACKEND != "postgres":
        pytest.skip("the fault tests run in the PostgreSQL pass")
    try:
        return Cluster.create()
    except ClusterUnavailable as exc:
        if IN_CI:
            pytest.fail(f"CI=true needs PostgreSQL's server binaries for the fault tests: {exc}")
        pytest.skip(f"NO FAULT TESTS: {exc}")


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    """A running throw-away PostgreSQL cluster, removed at the end of the run."""
    made = _create_cluster()
    try:
        made.start()
        yield made
    finally:
        made.destroy()


@pytest.fixture(scope="session")
def replicated() -> Iterator[tuple[Cluster, Cluster]]:
    """A primary of its own and a streaming replica of it (`pg_basebackup -R`), both running;
    apart from `cluster`, which other fault tests stop and freeze."""
    primary = _create_cluster()
    standby: Cluster | None = None
    try:
        primary.start()
        standby = Cluster.standby_of(primary)
        standby.start()
        yield primary, standby
    finally:
        if standby is not None:
            standby.destroy()
        primary.destroy()


async def _admin(cluster: Cluster, sql: str) -> None:
    conn = await asyncpg.connect(cluster.url().replace("postgres://", "postgresql://", 1), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def create_database(cluster: Cluster) -> str:
    """A new, empty database on the cluster; its name."""
    name = f"gql_news_faults_{uuid.uuid4().hex[:10]}"
    await _admin(cluster, f'CREATE DATABASE "{name}"')
    return name


async def drop_database(cluster: Cluster, name: str) -> None:
    if cluster.running():
        await _admin(cluster, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class App:
    """`gql-news serve` on a database of the throw-away cluster, and a write token for it."""

    served: Served
    database_url: str
    application_name: str
    token: str


def _env(database_url: str, application_name: str, extra: dict[str, str]) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "DB_APPLICATION_NAME": application_name,
        "LOG_LEVEL": "warning",
        **extra,
    }


@pytest.fixture
def serve_on_cluster(cluster: Cluster, tmp_path: Path) -> Iterator[Callable[..., Awaitable[App]]]:
    """A factory: `await serve_on_cluster(**env)` creates a database, a token and a server on it."""
    started: list[App] = []
    databases: list[str] = []

    async def serve(**extra: str) -> App:
        name = await create_database(cluster)
        databases.append(name)
        url = cluster.url(name)
        application_name = f"gql_news_{name[-10:]}"
        env = _env(url, application_name, extra)
        token = await asyncio.to_thread(cli_token, url, tmp_path, "faults", env)
        served = await asyncio.to_thread(start_server, tmp_path, env, demo=False)
        app = App(served, url, application_name, token)
        started.append(app)
        return app

    yield serve
    for app in started:
        if app.served.proc.poll() is None:
            app.served.terminate()
    for name in databases:
        asyncio.run(drop_database(cluster, name))
