"""The WebSocket under abuse: bombs, revoked tokens, masked errors, the per-worker budget."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from gql_news.graphql.graph import related_articles
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.settings import Settings
from gql_news.tokens import create_token, revoke_token
from tests.subscriptions.conftest import Live, start_live
from tests.subscriptions.wsclient import ws_connect

SIMPLE = "subscription { articlePublished { title } }"
STORY = "Minsk Talks\n\nNews | May 1, 2024\n\nAndrei Dapkiunas met the trade minister in Minsk."


def _bomb(levels: int = 23) -> str:
    parts = [f"fragment F{i} on Article {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Article {{ title }}")
    return "subscription { articlePublished { ...F0 } } " + " ".join(parts)


async def test_a_fragment_bomb_is_refused_and_the_socket_stays(live: Live) -> None:
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("bomb", _bomb())
        error = await ws.receive()
        assert (error["id"], error["type"]) == ("bomb", "error")
        assert error["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        await ws.synced()


async def test_a_revoked_token_stops_its_subscriptions(live: Live) -> None:
    token = await create_token("short-lived")
    async with ws_connect(live.ws_url) as ws:
        assert (await ws.init({"authorization": f"Bearer {token}"}))["type"] == "connection_ack"
        await ws.subscribe("s", SIMPLE)
        await live.wait_for_subscribers(1)
        await store_article(parse_article(STORY))
        assert (await ws.receive())["type"] == "next"
        assert await revoke_token("short-lived")
        await asyncio.sleep(1.1)  # past the recheck interval
        await store_article(parse_article(STORY.replace("Minsk Talks", "Brest Talks")))
        ended = await ws.receive()
        assert ended["type"] in {"next", "error"}
        errors = ended["payload"]["errors"] if ended["type"] == "next" else ended["payload"]
        assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]
        assert "data" not in ended["payload"] or not ended["payload"]["data"]
        assert (await ws.receive()) == {"id": "s", "type": "complete"}
        await ws.subscribe("again", SIMPLE)
        refused = await ws.receive()
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_masked_error_names_the_request_id_the_log_wrote(
    live: Live, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object) -> list[object]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(related_articles, "related_articles", broken)
    query = "subscription { articlePublished { title related { score } } }"
    caplog.set_level(logging.ERROR, logger="gql_news.graphql")
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("m", query)
        await live.wait_for_subscribers(1)
        await store_article(parse_article(STORY))
        message = await ws.receive()
    assert "errors" in message["payload"], message
    error = message["payload"]["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in str(message)
    request_id = error["extensions"]["requestId"]
    assert request_id in error["message"]
    assert any(request_id in record.getMessage() for record in caplog.records)


@pytest.fixture
async def live_small(test_settings: Settings) -> AsyncIterator[Live]:
    async for running in start_live(test_settings.model_copy(update={"max_subscriptions_per_worker": 3})):
        yield running


async def test_subscriptions_per_worker_are_limited(live_small: Live) -> None:
    async with AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(ws_connect(live_small.ws_url)) for _ in range(2)]
        for ws in sockets:
            await ws.init()
        await sockets[0].subscribe("1", SIMPLE)
        await sockets[0].subscribe("2", SIMPLE)
        await sockets[1].subscribe("3", SIMPLE)
        await live_small.wait_for_subscribers(3)
        await sockets[1].subscribe("4", SIMPLE)
        refused = await sockets[1].receive()
        assert refused["id"] == "4"
        assert refused["payload"][0]["extensions"] == {"code": "SERVICE_UNAVAILABLE", "limit": 3}
