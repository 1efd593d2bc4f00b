"""Abusive documents are refused before execution with QUERY_TOO_COMPLEX (or a request error)."""

from __future__ import annotations

import httpx
import pytest
from graphql import get_introspection_query

from tests.graphql.helpers import codes

# Refused before execution (the pipeline's limits and cost; the one query let through only has
# its status checked): the same on any backend.
pytestmark = pytest.mark.backend_independent

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def _post(
    client: httpx.AsyncClient, query: str, variables: dict[str, object] | None = None
) -> httpx.Response:
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"Accept": GRAPHQL_RESPONSE}
    )


async def test_depth_50_is_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + 'node(id: "x") { ... on Country { ' * 50 + "code" + " } }" * 50 + " }"
    response = await _post(client, query)
    assert response.status_code == 400
    assert codes(response.json()) == ["QUERY_TOO_COMPLEX"]
    assert response.json()["errors"][0]["extensions"]["limit"] == 10


async def test_a_thousand_aliases_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    body = (await _post(client, query)).json()
    assert codes(body) == ["QUERY_TOO_COMPLEX"]


async def test_aliases_inside_a_reused_fragment_are_counted_per_use(client: httpx.AsyncClient) -> None:
    fragment = "fragment F on Query { " + " ".join(f"a{i}: __typename" for i in range(10)) + " }"
    query = "{ ...F ...F ...F ...F }\n" + fragment
    body = (await _post(client, query)).json()
    assert codes(body) == ["QUERY_TOO_COMPLEX"]


async def test_fragment_cycles_do_not_hang_or_pass(client: httpx.AsyncClient) -> None:
    query = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    response = await _post(client, query)
    assert response.status_code == 400
    assert codes(response.json()) in (["BAD_USER_INPUT"], ["QUERY_TOO_COMPLEX"])


async def test_cost_of_nested_pages_is_estimated(client: httpx.AsyncClient) -> None:
    query = (
        "query($n: Int) { countries(first: $n) { edges { node { articles(first: $n) { edges { node {"
        " people { name } } } } } } } }"
    )
    refused = await _post(client, query, {"n": 100})
    assert refused.status_code == 400
    extensions = refused.json()["errors"][0]["extensions"]
    assert extensions["code"] == "QUERY_TOO_COMPLEX"
    assert extensions["estimated_cost"] > extensions["limit"] == 20_000
    fine = await _post(client, query, {"n": 2})
    assert fine.status_code == 200, fine.text


async def test_token_flood_is_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + "__typename " * 6000 + "}"
    body = (await _post(client, query)).json()
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert len(str(body)) < 500  # the answer does not echo the document


async def test_introspection_is_allowed(client: httpx.AsyncClient) -> None:
    response = await _post(client, get_introspection_query(descriptions=True))
    assert response.status_code == 200
    assert "__schema" in response.json()["data"]


async def test_deep_introspection_is_still_bounded(client: httpx.AsyncClient) -> None:
    query = "{ __schema { types { " + "fields { type { " * 20 + "name" + " } }" * 20 + " } } }"
    body = (await _post(client, query)).json()
    assert codes(body) == ["QUERY_TOO_COMPLEX"]
