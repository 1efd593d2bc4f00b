"""Inputs found by review and fuzzing that once reached the database or the wrong status."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from tests.graphql.helpers import codes

GRAPHQL_RESPONSE = "application/graphql-response+json"


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ article(slug: "a\\u0000b") { id } }', None),
        ("query($s: String!) { person(slug: $s) { id } }", {"s": "x\x00"}),
        ("query($f: ArticleFilter) { articles(filter: $f) { totalCount } }", {"f": {"country": "\x00"}}),
        ('{ countries(filter: {name: "\\u0000"}) { totalCount } }', None),
    ],
)
async def test_nul_characters_are_bad_user_input(
    client: httpx.AsyncClient, query: str, variables: object
) -> None:
    as_json = await client.post("/graphql", json={"query": query, "variables": variables})
    assert as_json.status_code == 200
    assert codes(as_json.json()) == ["BAD_USER_INPUT"]
    as_gql = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert as_gql.status_code == 400


@pytest.mark.parametrize("pk", ["2147483648", "99999999999999999999", "0"])
async def test_ids_outside_the_key_range_are_bad_user_input(client: httpx.AsyncClient, pk: str) -> None:
    body = (
        await client.post("/graphql", json={"query": f'{{ node(id: "{_b64("Article:" + pk)}") {{ id }} }}'})
    ).json()
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_dates_at_the_edge_of_the_calendar(client: httpx.AsyncClient) -> None:
    query = '{ articles(filter: {publishedBefore: "0001-01-01T00:30:00+01:00"}) { totalCount } }'
    body = (await client.post("/graphql", json={"query": query})).json()
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_several_operations_need_an_operation_name(client: httpx.AsyncClient) -> None:
    query = "query A { __typename } query B { __typename }"
    response = await client.post("/graphql", json={"query": query}, headers={"Accept": GRAPHQL_RESPONSE})
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_USER_INPUT"]
    chosen = await client.post("/graphql", json={"query": query, "operationName": "B"})
    assert chosen.json() == {"data": {"__typename": "Query"}}


async def test_subscriptions_are_a_request_error_not_405(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "subscription { x }"}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 400


async def test_head_is_served_like_get(client: httpx.AsyncClient) -> None:
    response = await client.head("/graphql", params={"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.content == b""


async def test_candidate_cursor_with_a_bad_key(client: httpx.AsyncClient) -> None:
    cursor = _b64(json.dumps(["ec-", "abc"], separators=(",", ":")))
    body = (
        await client.post(
            "/graphql", json={"query": f'{{ entityCandidates(after: "{cursor}") {{ totalCount }} }}'}
        )
    ).json()
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_oversized_bodies_are_413(client: httpx.AsyncClient) -> None:
    padding = "x" * (300 * 1024)
    response = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": padding}})
    assert response.status_code == 413
    assert codes(response.json()) == ["BAD_USER_INPUT"]
    small = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": "x" * 1000}})
    assert small.status_code == 200
