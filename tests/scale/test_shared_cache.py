"""With REDIS_URL set, what one instance learns every instance knows: a persisted-query hash
registered on one `gql-news serve` process is answered by another, and a response computed by
one is served from Redis by the other. The Redis store stays within its byte budget."""

from __future__ import annotations

import asyncio
import hashlib
import re
import uuid
from pathlib import Path

import httpx
import orjson
import redis.asyncio as aioredis

from gql_news.graphql.shared_cache import RedisStore
from tests.servers import run_command, serve_process
from tests.subscriptions.test_two_processes import REDIS_URL, redis_or_skip

QUERY = "{ countries(first: 3) { totalCount edges { node { code name } } } }"


def _lookups(metrics: str, result: str) -> float:
    found = re.search(rf'^gql_news_response_cache_lookups_total\{{result="{result}"\}} (\S+)$', metrics, re.M)
    return float(found.group(1)) if found else 0.0


async def _agreeing(one: httpx.AsyncClient, two: httpx.AsyncClient) -> None:
    """Until both processes stamp answers with the same data version (the ETag's first part)."""
    probe = {"query": "{ topics(first: 1) { totalCount } }"}
    for _ in range(100):
        first = (await one.post("/graphql", json=probe)).headers["etag"].split("-")[0]
        second = (await two.post("/graphql", json=probe)).headers["etag"].split("-")[0]
        if first == second:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the two processes never agreed on a data version: {first} {second}")


async def test_persisted_queries_and_responses_are_shared_across_two_processes(
    migrated_database_url: str, tmp_path: Path
) -> None:
    redis_or_skip()
    env = {"REDIS_URL": REDIS_URL, "EVENTS_CHANNEL": f"gql_news_test_{uuid.uuid4().hex[:12]}"}
    query = QUERY.replace("3", str(3 + uuid.uuid4().int % 50))  # a text no earlier run registered
    digest = hashlib.sha256(query.encode()).hexdigest()
    hashed = {"extensions": orjson.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}}).decode()}
    with (
        serve_process(migrated_database_url, tmp_path, env) as first,
        serve_process(migrated_database_url, tmp_path, env, demo=False) as second,
    ):
        async with (
            httpx.AsyncClient(base_url=first.url, timeout=30) as one,
            httpx.AsyncClient(base_url=second.url, timeout=30) as two,
        ):
            # Versions agree across processes once a write's notification reached both.
            token = run_command(["token", "create", "--name", "cache"], migrated_database_url, tmp_path, env)
            created = await one.post(
                "/graphql",
                json={"query": 'mutation { createPerson(input: {name: "Ada Quill"}) { name } }'},
                headers={"Authorization": f"Bearer {token.strip()}"},
            )
            assert "errors" not in created.json(), created.text
            await _agreeing(one, two)
            unknown = (await two.get("/graphql", params=hashed)).json()
            assert unknown["errors"][0]["message"] == "PersistedQueryNotFound"
            registered = await one.post(
                "/graphql", json={"query": query, "extensions": orjson.loads(hashed["extensions"])}
            )
            assert "errors" not in registered.json(), registered.text
            before = _lookups((await two.get("/metrics")).text, "shared_hit")
            known = await two.get("/graphql", params=hashed)  # the hash, learned on the other one
            assert known.json() == registered.json()
            after = _lookups((await two.get("/metrics")).text, "shared_hit")
            assert after == before + 1  # the answer, too, came from Redis: no query ran here


async def test_the_redis_store_stays_within_its_budget() -> None:
    redis_or_skip()
    client = aioredis.Redis.from_url(REDIS_URL)
    prefix = f"gql_news_test_{uuid.uuid4().hex[:12]}"
    try:
        store = RedisStore(client, prefix, "responses", 20_000)
        for n in range(200):
            assert await store.put(f"key-{n}", b"x" * 400)
        assert not await store.put("too-big", b"x" * 6000)  # over a quarter of the budget
        used = await store.used_bytes()
        assert 15_000 < used <= 20_000
        keys = [key async for key in client.scan_iter(match="{" + prefix + "}:responses:e:*")]
        stored = sum([len(key) + await client.strlen(key) for key in keys])
        assert stored <= 20_000
        assert await store.get("key-199") == b"x" * 400  # the newest stay
        assert await store.get("key-0") is None  # the oldest went
    finally:
        keys = [key async for key in client.scan_iter(match="{" + prefix + "}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()
