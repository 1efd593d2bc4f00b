"""The /graphql endpoint against the GraphQL-over-HTTP specification, and the health routes."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from gql_news.settings import Settings
from tests.app_client import app_client
from tests.graphql.helpers import codes

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ countries(first: 1) { totalCount } }"
# The HTTP layer (methods, media types, statuses) answers the same on any backend; the health
# routes below ask the database, and run on both.
http_only = pytest.mark.backend_independent


def _assert_clean(response: httpx.Response) -> None:
    text = response.text
    for leak in ("Traceback", "SELECT ", 'File "', "tortoise", "asyncpg"):
        assert leak not in text, text


@http_only
async def test_post_json(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json() == {"data": {"countries": {"totalCount": 249}}}


@http_only
async def test_graphql_response_media_type_is_honoured(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": QUERY}, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    both = await client.post(
        "/graphql", json={"query": QUERY}, headers={"Accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"}
    )
    assert both.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    json_preferred = await client.post(
        "/graphql", json={"query": QUERY}, headers={"Accept": f"{GRAPHQL_RESPONSE};q=0.5, application/json"}
    )
    assert json_preferred.headers["content-type"].startswith("application/json")


@http_only
async def test_validation_error_status_depends_on_media_type(client: httpx.AsyncClient) -> None:
    bad = {"query": "{ nosuchfield }"}
    as_json = await client.post("/graphql", json=bad, headers={"Accept": "application/json"})
    assert as_json.status_code == 200
    assert "data" not in as_json.json()
    assert codes(as_json.json()) == ["BAD_USER_INPUT"]
    as_gql = await client.post("/graphql", json=bad, headers={"Accept": GRAPHQL_RESPONSE})
    assert as_gql.status_code == 400
    assert "data" not in as_gql.json()
    syntax = await client.post(
        "/graphql", json={"query": "{ countries("}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert syntax.status_code == 400
    assert codes(syntax.json()) == ["BAD_USER_INPUT"]


@http_only
async def test_variables_of_the_wrong_type_are_a_request_error(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "query($n: Int) { countries(first: $n) { totalCount } }", "variables": {"n": "ten"}},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_USER_INPUT"]


@http_only
async def test_get_query(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={
            "query": "query Q($n: Int) { countries(first: $n) { edges { node { code } } } }",
            "variables": '{"n": 2}',
            "operationName": "Q",
        },
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["countries"]["edges"]) == 2


@http_only
async def test_mutation_over_get_is_405(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert codes(response.json())


@http_only
async def test_unknown_operation_name(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "query A { topics { totalCount } }", "operationName": "B"},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    _assert_clean(response)


@http_only
async def test_malformed_json_is_400_json(client: httpx.AsyncClient) -> None:
    for body in (
        b"{not json",
        b"",
        b"[1, 2]",
        b'"query"',
        b'{"query": 5}',
        b'{"query": "{ topics { totalCount } }", "variables": [1]}',
    ):
        response = await client.post("/graphql", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, body
        assert response.headers["content-type"].startswith("application/json")
        assert codes(response.json()) == ["BAD_USER_INPUT"]
        _assert_clean(response)


@http_only
async def test_non_json_body_is_415(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=b"query=1", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert codes(response.json()) == ["BAD_USER_INPUT"]


@http_only
async def test_unacceptable_accept_is_406(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": QUERY}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


@http_only
async def test_other_methods_are_405(client: httpx.AsyncClient) -> None:
    response = await client.put("/graphql", json={"query": QUERY})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"


@http_only
async def test_graphiql_for_browsers(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "graphiql" in response.text.lower()
    assert 'article(slug: "belarus-encourages-korean-investors-interested-in-blockchain")' in response.text
    assert "people {" in response.text
    assert "country { name code }" in response.text


@http_only
async def test_get_without_query_from_a_client_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


async def test_readyz_is_503_when_the_database_does_not_answer(
    tmp_path: Path, test_settings: Settings
) -> None:
    if test_settings.is_postgres:
        url = "postgres://postgres@127.0.0.1:1/nowhere"
    else:
        url = f"sqlite://{tmp_path / 'never-migrated.sqlite3'}"
    async with app_client(Settings(database_url=url)) as http:
        assert (await http.get("/healthz")).status_code == 200
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"
