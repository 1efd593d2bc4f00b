"""Log lines stay small whatever the request: refused documents, oversized bodies and masked
failures are logged with an excerpt of the query and the request id, never the whole text."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from gql_news.logs import excerpt
from gql_news.settings import Settings
from tests.app_client import app_client

LOG_BUDGET = 1_000  # bytes of log a refused request may cost


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(caplog.handler.format(record) for record in caplog.records)


@pytest.mark.parametrize(
    "query",
    [
        "{ " + "__typename " * 6000 + "}",
        "{ " + 'node(id: "x") { ... on Country { ' * 50 + "code" + " } }" * 50 + " }",
        "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }",
    ],
    ids=["6000-tokens", "depth-50", "1000-aliases"],
)
async def test_a_refused_query_logs_an_excerpt(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, query: str
) -> None:
    caplog.set_level(logging.DEBUG)
    response = await client.post("/graphql", json={"query": query}, headers={"X-Request-Id": "refused-1"})
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    text = _logged(caplog)
    assert "refused-1" in text
    assert f"({len(query)} characters)" in text
    assert len(text.encode()) < min(LOG_BUDGET, len(query))


async def test_an_oversized_body_is_not_logged(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = b'{"query": "{ __typename }", "pad": "' + b"x" * 1_000_000 + b'"}'
    response = await client.post("/graphql", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert len(_logged(caplog).encode()) < LOG_BUDGET


async def test_a_client_request_id_is_used_only_when_it_is_a_short_token(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    query = "{ " + "__typename " * 6000 + "}"
    hostile = "id\r\nforged log line " + "y" * 5000
    await client.post(
        "/graphql", json={"query": query}, headers={"X-Request-Id": hostile.replace("\r\n", " ")}
    )
    text = _logged(caplog)
    assert "forged log line" not in text
    assert len(text.encode()) < LOG_BUDGET


@pytest.fixture
async def unmigrated(empty_database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The app on a database without its tables and without the response cache: every query
    fails inside execution with an error the app did not expect."""
    async with app_client(Settings(database_url=empty_database_url, response_cache_bytes=0)) as http:
        yield http


async def test_a_masked_failure_logs_its_request_id_beside_a_capped_traceback(
    unmigrated: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    query = "# " + "w" * 100_000 + "\n{ articles(first: 1) { edges { node { title } } } }"
    response = await unmigrated.post("/graphql", json={"query": query})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    request_id = error["extensions"]["requestId"]
    assert error["message"] == f"Internal server error (request id {request_id})."
    records = [r for r in caplog.records if request_id in r.getMessage()]
    assert records, _logged(caplog)[:2000]
    logged = records[0].getMessage()
    assert "Traceback" in logged
    assert excerpt(query) in logged
    assert len(_logged(caplog).encode()) < 40_000 < len(query)
