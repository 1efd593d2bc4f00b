"""The real ASGI app in process: its lifespan running, driven over httpx (no socket)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from asgi_lifespan import LifespanManager

from gql_news.app import create_app
from gql_news.db import reset_content
from gql_news.settings import Settings


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of `create_app(settings)`; the lifespan ends (pool closed) when the block does."""
    async with LifespanManager(create_app(settings)) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@asynccontextmanager
async def tuned_client(settings: Settings, **changes: object) -> AsyncIterator[httpx.AsyncClient]:
    """`app_client` with some settings changed and the response cache off; the content the test
    wrote is deleted afterwards (countries stay)."""
    update = {"response_cache_bytes": 0, **changes}
    async with app_client(settings.model_copy(update=update)) as http:
        try:
            yield http
        finally:
            await reset_content()
