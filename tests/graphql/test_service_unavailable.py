"""A slow or unreachable database is SERVICE_UNAVAILABLE, with a masked message."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import httpx
import pytest
from graphql import GraphQLError
from tortoise.exceptions import OperationalError

from gql_news.db import db
from gql_news.graphql.errors import error_code
from gql_news.settings import Settings
from tests.app_client import app_client


@pytest.mark.parametrize(
    "cause",
    [
        asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.CannotConnectNowError("the database system is starting up"),
        asyncpg.InternalClientError("cannot switch to state 12; another operation (2) is in progress"),
        ConnectionRefusedError(),
        TimeoutError(),
    ],
)
def test_database_failures_map_to_service_unavailable(cause: Exception) -> None:
    try:
        try:
            raise cause
        except Exception as inner:
            raise OperationalError(str(inner)) from inner  # how Tortoise wraps the driver's errors
    except OperationalError as wrapped:
        error = GraphQLError("boom", path=["articles"], original_error=wrapped)
    assert error_code(error) == "SERVICE_UNAVAILABLE"
    assert (
        error_code(GraphQLError("boom", path=["x"], original_error=ValueError())) == "INTERNAL_SERVER_ERROR"
    )


async def test_app_sessions_carry_the_statement_timeout(
    client: httpx.AsyncClient, test_settings: Settings
) -> None:
    if not test_settings.is_postgres:
        pytest.skip("statement_timeout is a PostgreSQL setting")
    _, rows = await db().execute_query("SHOW statement_timeout")
    assert rows[0]["statement_timeout"] == "5s"


async def test_queries_while_the_database_is_away_are_503_not_500(
    tmp_path: Path, test_settings: Settings
) -> None:
    if test_settings.is_postgres:
        url = "postgres://postgres@127.0.0.1:1/nowhere"
    else:
        url = f"sqlite://{tmp_path / 'never-migrated.sqlite3'}"
    async with app_client(Settings(database_url=url)) as http:
        response = await http.post("/graphql", json={"query": "{ articles { totalCount } }"})
    assert response.status_code == 503
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "nowhere" not in response.text
    assert "data_version" not in response.text
