"""The pool settings that make a lost database fail fast instead of hanging a request.

A stopped server refuses connections at once; the slow cases are a server that accepts and
never answers (a frozen host, a black-holed route) and one that stops answering mid-statement.
The first is bounded by DB_CONNECT_TIMEOUT_S, the second by DB_COMMAND_TIMEOUT_S. Each test
is bounded itself, so a regression shows as a failure, not a hung suite.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest

from gql_news.db import database, db
from gql_news.settings import Settings
from tests.app_client import app_client


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port where the kernel accepts TCP connections that nobody ever answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield int(listener.getsockname()[1])


def _postgres_only(settings: Settings) -> None:
    if not settings.is_postgres:
        pytest.skip("connection and command timeouts are PostgreSQL pool settings")


async def test_a_database_that_never_answers_is_service_unavailable(
    test_settings: Settings, silent_port: int
) -> None:
    _postgres_only(test_settings)
    settings = Settings(
        database_url=f"postgres://postgres@127.0.0.1:{silent_port}/nowhere", db_connect_timeout_s=0.5
    )
    async with asyncio.timeout(30), app_client(settings) as http:  # asyncpg alone waits 60 s
        response = await http.post("/graphql", json={"query": "{ articles { totalCount } }"})
        ready = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert ready.status_code == 503


async def test_the_command_timeout_ends_a_statement_the_server_does_not_end(
    test_settings: Settings,
) -> None:
    _postgres_only(test_settings)
    settings = test_settings.model_copy(update={"statement_timeout_ms": 0, "db_command_timeout_s": 0.3})
    async with asyncio.timeout(30), database(settings):
        with pytest.raises(TimeoutError):
            await db().execute_query("SELECT pg_sleep(20)")
        _, rows = await db().execute_query("SELECT 1 AS one")  # the pool serves on afterwards
    assert rows[0]["one"] == 1


async def test_sessions_carry_the_configured_application_name(test_settings: Settings) -> None:
    _postgres_only(test_settings)
    settings = test_settings.model_copy(update={"db_application_name": "gql_news_probe"})
    async with database(settings):
        _, rows = await db().execute_query("SHOW application_name")
    assert rows[0]["application_name"] == "gql_news_probe"
