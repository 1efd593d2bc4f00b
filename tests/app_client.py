"""The real ASGI app in process: its lifespan running, driven over httpx (no socket).

Building the schema is most of what `create_app` costs (strawberry converts every type, about
25 ms), and the suite builds an app for most of its database tests. A schema is the same
whatever app holds it, but for what its pipeline keeps between requests (the document cache,
with the documents' validation and plans): an app made here takes a schema built before with
the same arguments, once no app uses it any more, with an empty document cache, as new.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any
from unittest.mock import patch

import httpx
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

import gql_news.app
from gql_news.app import create_app
from gql_news.db import reset_content
from gql_news.graphql.schema import NewsSchema, build_schema
from gql_news.settings import Settings

# Schemas no running app uses, by the arguments `build_schema` was called with.
_idle: dict[tuple[tuple[str, Any], ...], list[NewsSchema]] = {}


@contextmanager
def reused_schema_app(settings: Settings) -> Iterator[Starlette]:
    """`create_app(settings)` with a schema built before, when one is idle; the schema is idle
    again when the block ends (the app must not serve after that)."""
    taken: list[tuple[tuple[tuple[str, Any], ...], NewsSchema]] = []

    def reuse(**arguments: Any) -> NewsSchema:
        key = tuple(sorted(arguments.items()))
        idle = _idle.get(key)
        if idle and not arguments.get("tracing"):  # the tracing extension keeps its own state
            schema = idle.pop()
            schema.pipeline.bind(schema._schema)  # an empty document cache, as when built
        else:
            schema = build_schema(**arguments)
        taken.append((key, schema))
        return schema

    with patch.object(gql_news.app, "build_schema", reuse):
        app = create_app(settings)
    try:
        yield app
    finally:
        for key, schema in taken:
            _idle.setdefault(key, []).append(schema)


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of `create_app(settings)`; the lifespan ends (pool closed) when the block does."""
    with reused_schema_app(settings) as app:
        async with LifespanManager(app) as manager:
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
