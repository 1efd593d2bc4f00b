"""Fan-out across app instances: two `gql-news serve` processes on one database; a client
subscribes on one, articles are imported through the other (by the API, and by the CLI),
and the event arrives with the article's nested people.

PostgreSQL LISTEN/NOTIFY runs in the PostgreSQL pass; Redis pub/sub in both passes (on
SQLite the two processes share one database file); on SQLite without Redis, the timed reads of
the event outbox. Each test uses its own channel name.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from gql import Client, gql
from gql.transport.websockets import WebsocketsTransport

from tests.conftest import BACKEND, IN_CI
from tests.servers import run_command, serve_process

REDIS_URL = os.environ.get("GQL_NEWS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
FANOUTS = ["notify", "redis"] if BACKEND == "postgres" else ["outbox", "redis"]
SUBSCRIPTION = gql("subscription { articlePublished { title people { name country { code } } } }")
IMPORT = "mutation($t: String!) { importArticle(input: {text: $t}) { slug } }"
ATTEMPTS = 60  # one article a second until the subscription (registering asynchronously) sees one


def redis_or_skip() -> None:
    """Redis must answer; without it the Redis tests skip, except in CI, where they fail."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"Redis at {REDIS_URL} is unreachable ({exc!r}); required with CI=true")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc!r})")


def _text(n: int) -> str:
    return f"Minsk Talks {n}\n\nNews | May 1, 2024\n\nAndrei Dapkiunas met investors in Minsk, round {n}."


@pytest.fixture(params=FANOUTS)
def fanout_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment of the processes: a channel of their own, and Redis for the Redis runs."""
    extra = {"EVENTS_CHANNEL": f"gql_news_test_{uuid.uuid4().hex[:12]}"}
    if request.param == "redis":
        redis_or_skip()
        extra["REDIS_URL"] = REDIS_URL
    return extra


async def _first_event(ws_url: str, publish: Callable[[int], Awaitable[None]]) -> tuple[Any, set[str]]:
    """Subscribe on `ws_url`, publish articles until one arrives; the event and the titles sent."""
    transport = WebsocketsTransport(url=ws_url, subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL])
    titles: set[str] = set()
    async with Client(transport=transport) as session:
        stream = session.subscribe(SUBSCRIPTION)
        received = asyncio.ensure_future(anext(stream))
        try:
            for n in range(ATTEMPTS):
                await publish(n)
                titles.add(f"Minsk Talks {n}")
                done, _ = await asyncio.wait({received}, timeout=1)
                if done:
                    return received.result(), titles
            pytest.fail(f"no event arrived after {ATTEMPTS} imports")
        finally:
            received.cancel()
            await stream.aclose()


def _assert_article(event: Any, titles: set[str]) -> None:
    article = event["articlePublished"]
    assert article["title"] in titles
    assert article["people"] == [{"name": "Andrei Dapkiunas", "country": {"code": "BY"}}]


async def test_an_import_through_one_instance_reaches_a_subscriber_on_another(
    fanout_env: dict[str, str], migrated_database_url: str, tmp_path: Path
) -> None:
    db, env = migrated_database_url, fanout_env
    with serve_process(db, tmp_path, env) as first:  # loads the demo catalogue into the new database
        token = run_command(["token", "create", "--name", "newsroom"], db, tmp_path, env).strip()
        with serve_process(db, tmp_path, env, demo=False) as second:
            async with httpx.AsyncClient(base_url=second.url, timeout=30) as http:

                async def publish(n: int) -> None:
                    response = await http.post(
                        "/graphql",
                        json={"query": IMPORT, "variables": {"t": _text(n)}},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    assert "errors" not in response.json(), response.text

                event, titles = await _first_event(first.url.replace("http", "ws") + "/graphql", publish)
    _assert_article(event, titles)


async def test_a_cli_import_reaches_a_subscriber(
    fanout_env: dict[str, str], migrated_database_url: str, tmp_path: Path
) -> None:
    db, env = migrated_database_url, fanout_env
    with serve_process(db, tmp_path, env) as server:

        async def publish(n: int) -> None:
            path = tmp_path / f"article-{n}.txt"
            path.write_text(_text(n), encoding="utf-8")
            await asyncio.to_thread(run_command, ["import", str(path)], db, tmp_path, env)

        event, titles = await _first_event(server.url.replace("http", "ws") + "/graphql", publish)
    _assert_article(event, titles)
