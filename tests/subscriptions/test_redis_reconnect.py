"""With REDIS_URL set, events go through Redis; a killed subscriber connection comes back."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from gql_news.events.publish import current_broker
from gql_news.events.redis_pubsub import RedisBroker
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.settings import Settings
from tests.subscriptions.conftest import Live, start_live
from tests.subscriptions.test_two_processes import REDIS_URL, redis_or_skip
from tests.subscriptions.wsclient import ws_connect


@pytest.fixture
async def live_redis(test_settings: Settings) -> AsyncIterator[Live]:
    redis_or_skip()
    channel = f"gql_news_test_{uuid.uuid4().hex[:12]}"
    async for running in start_live(
        test_settings.model_copy(update={"redis_url": REDIS_URL, "events_channel": channel})
    ):
        yield running


async def test_events_flow_again_after_redis_drops_the_subscriber(live_redis: Live) -> None:
    broker = current_broker()
    assert isinstance(broker, RedisBroker)
    admin = aioredis.Redis.from_url(REDIS_URL)
    try:
        name = f"gql_news:{live_redis.settings.events_channel}"
        ours = [c for c in await admin.client_list() if c.get("name") == name and int(c.get("sub", 0)) > 0]
        assert len(ours) == 1, ours  # this app's one subscriber connection, and no one else's
        assert await admin.client_kill_filter(_id=ours[0]["id"]) == 1
    finally:
        await admin.aclose()
    async with ws_connect(live_redis.ws_url) as ws:
        await ws.init()
        await ws.subscribe("r", "subscription { articlePublished { title } }")
        await live_redis.wait_for_subscribers(1)
        titles = set()
        for n in range(40):  # until the re-established subscription carries one
            title = f"After Redis Came Back {n}"
            titles.add(title)
            await store_article(parse_article(f"{title}\n\nNews | May 1, 2024\n\nNews from Minsk, Belarus."))
            try:
                message = await asyncio.wait_for(ws.receive(), 1)
            except TimeoutError:
                continue
            break
        else:
            pytest.fail("no event arrived after the Redis connection was killed")
    assert message["payload"]["data"]["articlePublished"]["title"] in titles
