"""INTROSPECTION=false: `__schema` and `__type` are FORBIDDEN however they are asked for."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from graphql import get_introspection_query

from gql_news.settings import Settings
from tests.conftest import _serve
from tests.graphql.helpers import codes, validated_once

# Refused or answered by validation (the data query counts an empty table): the same on any backend.
pytestmark = pytest.mark.backend_independent


@pytest.fixture
async def closed(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app with introspection off and its response cache off (every query is validated)."""
    settings = test_settings.model_copy(update={"introspection": False, "response_cache_bytes": 0})
    async with _serve(settings) as http:
        yield http


INTROSPECTION_QUERIES = {
    "schema": "{ __schema { queryType { name } } }",
    "type": '{ __type(name: "Article") { fields { name } } }',
    "alias": "{ s: __schema { types { name } } }",
    "fragment": "{ ...F } fragment F on Query { __schema { types { name } } }",
    "inline-fragment": '{ ... on Query { __type(name: "Query") { name } } }',
    "fragment-in-fragment": "{ ...A } fragment A on Query { ...B } fragment B on Query { t: __type(name: "
    '"Person") { name } }',
    "beside-data": "{ topics(first: 1) { totalCount } __schema { queryType { name } } }",
    "graphiql": get_introspection_query(descriptions=True),
}


@pytest.mark.parametrize("query", INTROSPECTION_QUERIES.values(), ids=INTROSPECTION_QUERIES.keys())
@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_introspection_is_forbidden_when_off(
    closed: httpx.AsyncClient, query: str, method: str
) -> None:
    if method == "POST":
        response = await closed.post("/graphql", json={"query": query})
    else:
        response = await closed.get("/graphql", params={"query": query})
    body = response.json()
    assert response.status_code == 200
    assert "data" not in body, body
    assert set(codes(body)) == {"FORBIDDEN"}
    assert body["errors"][0]["extensions"]["reason"] == "INTROSPECTION_DISABLED"
    assert "Introspection is turned off" in body["errors"][0]["message"]


async def test_introspection_is_answered_by_default(client: httpx.AsyncClient) -> None:
    for query in INTROSPECTION_QUERIES.values():
        body = (await client.post("/graphql", json={"query": query})).json()
        assert "errors" not in body, (query, body)


async def test_typename_and_data_still_work_when_off(closed: httpx.AsyncClient) -> None:
    query = "{ __typename topics(first: 1) { __typename totalCount } }"
    body = (await closed.post("/graphql", json={"query": query})).json()
    assert body == {
        "data": {"__typename": "Query", "topics": {"__typename": "TopicConnection", "totalCount": 0}}
    }


async def test_the_document_cache_still_hits_when_off(
    closed: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await validated_once(
        closed, "{ topics(first: 2) { totalCount } introspectionOffProbe: __typename }", monkeypatch
    )


async def test_graphiql_says_introspection_is_off(closed: httpx.AsyncClient) -> None:
    page = await closed.get("/graphql", headers={"Accept": "text/html"})
    assert "Introspection is off on" in page.text
    assert "INTROSPECTION=false" in page.text


async def test_graphiql_says_nothing_of_it_by_default(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" in page.text.lower()
    assert "Introspection is off" not in page.text
