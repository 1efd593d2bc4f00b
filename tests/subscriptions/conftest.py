"""A live app for the subscription tests: the real ASGI app under uvicorn, in this process.

WebSockets need a real server (httpx speaks no WebSocket); running it in the test's event
loop lets a test write through the same code paths (and broker) the server publishes from.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from gql_news.events.publish import current_broker
from gql_news.settings import Settings
from tests.app_client import reused_schema_app
from tests.conftest import BACKEND, _truncate
from tests.servers import serve_in_process

# LISTEN/NOTIFY exists on PostgreSQL only; the module is not collected in the SQLite pass.
collect_ignore = [] if BACKEND == "postgres" else ["test_listen_reconnect.py"]


@dataclass
class Live:
    http: httpx.AsyncClient
    ws_url: str
    settings: Settings

    async def wait_for_subscribers(self, count: int) -> None:
        """Until `count` subscriptions are listening in this process (their feeds have started)."""
        for _ in range(400):
            broker = current_broker()
            if broker is not None and broker.subscriber_count >= count:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{count} subscriber(s) never registered")


async def start_live(settings: Settings) -> AsyncGenerator[Live, None]:
    with reused_schema_app(settings) as app:
        async with serve_in_process(app) as base:
            try:
                async with httpx.AsyncClient(base_url=base, timeout=30) as http:
                    yield Live(http, base.replace("http://", "ws://") + "/graphql", settings)
            finally:
                await _truncate()


@pytest.fixture
async def live(test_settings: Settings) -> AsyncIterator[Live]:
    async for running in start_live(test_settings):
        yield running
