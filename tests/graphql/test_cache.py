"""Response cache, ETag revalidation and Apollo's automatic persisted queries over HTTP."""

from __future__ import annotations

import hashlib

import httpx
import orjson

from tests import factories as f
from tests.conftest import BACKEND
from tests.graphql.helpers import codes, count_statements, settled

QUERY = "{ articles(first: 5) { totalCount edges { node { title countries { code } } } } }"


async def test_get_etag_and_304_until_a_write(client: httpx.AsyncClient) -> None:
    await f.article("First", entities=[await f.country("KR")])
    await settled(client)
    first = await client.get("/graphql", params={"query": QUERY})
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"
    assert first.headers["vary"] == "Accept"  # the media type follows Accept
    with count_statements() as statements:
        revalidated = await client.get("/graphql", params={"query": QUERY}, headers={"If-None-Match": tag})
    assert revalidated.status_code == 304
    assert revalidated.headers["vary"] == "Accept"
    assert revalidated.content == b""
    assert len(statements) == (0 if BACKEND == "postgres" else 1)  # the version check only (SQLite)
    await f.article("Second")
    changed = await client.get("/graphql", params={"query": QUERY}, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != tag
    assert changed.json()["data"]["articles"]["totalCount"] == 2


async def test_same_query_differently_spaced_shares_the_entry(client: httpx.AsyncClient) -> None:
    await f.article("First")
    await settled(client)
    one = await client.post("/graphql", json={"query": QUERY})
    spaced = QUERY.replace(" ", "  ").replace("{", "{\n")
    with count_statements() as statements:
        two = await client.post("/graphql", json={"query": spaced})
    assert two.content == one.content
    assert len(statements) == (0 if BACKEND == "postgres" else 1)


async def test_variables_are_part_of_the_key(client: httpx.AsyncClient) -> None:
    for i in range(3):
        await f.article(f"A{i}")
    query = "query($n: Int) { articles(first: $n) { edges { node { title } } } }"
    one = await client.post("/graphql", json={"query": query, "variables": {"n": 1}})
    two = await client.post("/graphql", json={"query": query, "variables": {"n": 2}})
    assert len(one.json()["data"]["articles"]["edges"]) == 1
    assert len(two.json()["data"]["articles"]["edges"]) == 2


async def test_errors_are_not_cached(client: httpx.AsyncClient) -> None:
    bad = '{ articles(after: "nope") { totalCount } }'
    first = await client.post("/graphql", json={"query": bad})
    assert codes(first.json()) == ["BAD_USER_INPUT"]
    assert "etag" not in first.headers


async def test_automatic_persisted_queries(client: httpx.AsyncClient) -> None:
    await f.article("Persisted")
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    ext = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    unknown = await client.get("/graphql", params={"extensions": orjson.dumps(ext).decode()})
    assert unknown.status_code == 200
    assert codes(unknown.json()) == ["BAD_USER_INPUT"]
    assert unknown.json()["errors"][0]["extensions"]["reason"] == "PERSISTED_QUERY_NOT_FOUND"
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = await client.post("/graphql", json={"query": QUERY, "extensions": ext})
    assert registered.json()["data"]["articles"]["totalCount"] == 1
    short = await client.get("/graphql", params={"extensions": orjson.dumps(ext).decode()})
    assert short.status_code == 200
    assert short.json() == registered.json()
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    mismatch = await client.post("/graphql", json={"query": QUERY, "extensions": wrong})
    assert codes(mismatch.json()) == ["BAD_USER_INPUT"]


async def test_persisted_query_hash_is_case_insensitive(client: httpx.AsyncClient) -> None:
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    await client.post(
        "/graphql",
        json={"query": QUERY, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}},
    )
    upper = {"persistedQuery": {"version": 1, "sha256Hash": digest.upper()}}
    short = await client.get("/graphql", params={"extensions": orjson.dumps(upper).decode()})
    assert "data" in short.json()
