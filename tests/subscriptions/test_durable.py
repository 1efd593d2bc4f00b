"""Nothing committed is lost: events committed while an instance's wake-up channel is down
(LISTEN connection or Redis subscription lost) are delivered once it is back, and an event
whose transaction commits after a later one's is still delivered, live and on resume."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
import redis.asyncio as aioredis

from gql_news.db import db
from gql_news.events.broker import ListeningBroker
from gql_news.events.publish import current_broker
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.settings import Settings
from tests.conftest import BACKEND
from tests.subscriptions.conftest import Live, start_live
from tests.subscriptions.test_two_processes import REDIS_URL, redis_or_skip
from tests.subscriptions.wsclient import WsClient, ws_connect

SUBSCRIPTION = "subscription($after: ID) { articlePublished(afterEventId: $after) { title eventId } }"
FANOUTS = ["notify", "redis"] if BACKEND == "postgres" else ["redis"]


def _text(title: str) -> str:
    return f"{title}\n\nNews | May 1, 2024\n\nAndrei Dapkiunas spoke in Minsk about {title.lower()}."


async def _next(ws: WsClient, wait_s: float) -> dict[str, Any]:
    message = await asyncio.wait_for(ws.receive(), wait_s)
    assert message["type"] == "next", message
    article: dict[str, Any] = message["payload"]["data"]["articlePublished"]
    return article


@pytest.fixture(params=FANOUTS)
async def slow_poll(request: pytest.FixtureRequest, test_settings: Settings) -> AsyncIterator[Live]:
    """A live app whose timed outbox reads are a minute apart: within a test, only a wake-up
    (a notification, or the channel coming back) makes it read."""
    update: dict[str, Any] = {
        "events_poll_s": 60.0,
        "events_channel": f"gql_news_test_{uuid.uuid4().hex[:12]}",
    }
    if request.param == "redis":
        redis_or_skip()
        update["redis_url"] = REDIS_URL
    async for running in start_live(test_settings.model_copy(update=update)):
        yield running


async def _drop_channel(broker: ListeningBroker, settings: Settings) -> None:
    """Close the broker's receiving connection from the server's side."""
    if settings.redis_url:
        admin = aioredis.Redis.from_url(REDIS_URL)
        try:
            name = f"gql_news:{settings.events_channel}"
            ours = [
                c for c in await admin.client_list() if c.get("name") == name and int(c.get("sub", 0)) > 0
            ]
            assert len(ours) == 1, ours
            assert await admin.client_kill_filter(_id=ours[0]["id"]) == 1
        finally:
            await admin.aclose()
        return
    killed = await db().execute_query_dict(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = "
        "'gql_news-listen' AND datname = current_database() AND pid <> pg_backend_pid()"
    )
    assert [row["done"] for row in killed] == [True]


async def test_events_committed_while_the_channel_is_down_arrive_after_it_reconnects(
    slow_poll: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    broker = current_broker()
    assert isinstance(broker, ListeningBroker)
    assert broker.listening
    gate = asyncio.Event()
    receive = broker._receive

    async def held_back() -> None:  # reconnecting waits until the test lets it
        await gate.wait()
        await receive()

    monkeypatch.setattr(broker, "_receive", held_back)
    async with ws_connect(slow_poll.ws_url) as ws:
        await ws.init()
        await ws.subscribe("d", SUBSCRIPTION)
        await slow_poll.wait_for_subscribers(1)
        made = broker.connections_made
        await _drop_channel(broker, slow_poll.settings)
        for _ in range(400):
            if not broker.listening:
                break
            await asyncio.sleep(0.05)
        assert not broker.listening, "the dropped connection was not noticed"
        await store_article(parse_article(_text("While Nobody Listened")))  # its wake-up is lost
        with pytest.raises(TimeoutError):
            await _next(ws, 1.0)
        gate.set()
        article = await _next(ws, 10.0)  # long before the next timed read (15 s while down)
        assert article["title"] == "While Nobody Listened"
        assert broker.connections_made > made


@pytest.mark.skipif(BACKEND != "postgres", reason="concurrent writers: PostgreSQL")
async def test_an_event_that_commits_after_a_later_one_is_still_delivered(live: Live) -> None:
    earlier = await store_article(parse_article(_text("Committed Late")))
    url = live.settings.database_url.replace("postgres://", "postgresql://", 1)
    slow = await asyncpg.connect(url)
    try:
        async with ws_connect(live.ws_url) as ws:
            await ws.init()
            await ws.subscribe("o", SUBSCRIPTION)
            await live.wait_for_subscribers(1)
            # A writer takes an event id and has not committed yet...
            transaction = slow.transaction()
            await transaction.start()
            late = await slow.fetchval(
                "INSERT INTO event_outbox (reason, article_ids) VALUES ('updated', $1) RETURNING id",
                f"[{earlier.article_id}]",
            )
            # ... while another write takes the next id and commits.
            await store_article(parse_article(_text("Committed Early")))
            first = await _next(ws, 10.0)
            assert first["title"] == "Committed Early"
            assert int(first["eventId"]) > late
            await transaction.commit()
            second = await _next(ws, 10.0)  # the skipped id is read again until it appears
            assert second == {"title": "Committed Late", "eventId": str(late)}
        async with ws_connect(live.ws_url) as ws:  # a client that saw only the later event
            await ws.init()
            await ws.subscribe("r", SUBSCRIPTION, {"after": first["eventId"]})
            assert await _next(ws, 10.0) == {"title": "Committed Late", "eventId": str(late)}
            await ws.synced()
    finally:
        await slow.close()
