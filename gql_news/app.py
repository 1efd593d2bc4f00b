"""create_app(settings) -> Starlette: routes, lifespan (database open/close) and error handling."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from gql_news import logs
from gql_news.collector import RARE_YOUNG_COLLECTIONS
from gql_news.db import close_db, init_db, ping
from gql_news.events.publish import install, open_broker
from gql_news.graphiql import explorer
from gql_news.graphql.cache import PersistedQueries, ResponseCache
from gql_news.graphql.hits import CachedHits, RawRequests
from gql_news.graphql.http import GraphQLEndpoint
from gql_news.graphql.pipeline.limits import Limits
from gql_news.graphql.schema import build_schema
from gql_news.graphql.shared_cache import RedisStore, namespace
from gql_news.graphql.subscriptions.websocket import SubscriptionEndpoint
from gql_news.graphql.versions import open_versions
from gql_news.ingest.counts import fold_counts
from gql_news.ingest.demo import seed_slug
from gql_news.ops.metrics import Metrics, metrics_endpoint, refresh_pool, worker_exited
from gql_news.ops.observe import ObserveRequests
from gql_news.ops.requests import request_info
from gql_news.settings import Settings, get_settings

logger = logging.getLogger("gql_news.app")
_FOLD_AT_START_S = 5.0


async def _fold_left_over() -> None:
    """Count in what an interrupted import left queued (`ingest.counts.fold_counts`), before the
    first request; bounded, and never a reason not to start (the next import folds it too)."""
    try:
        folded = await asyncio.wait_for(fold_counts(wait=False), _FOLD_AT_START_S)
    except Exception as exc:  # noqa: BLE001 - a count fold is housekeeping here
        logger.warning("could not fold the queued counts at start-up (%s)", type(exc).__name__)
        return
    if folded:
        logger.info("counted in %d article(s) an earlier import left queued", folded)


# Every method reaches the endpoint, which answers what it does not serve with a JSON 405.
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


async def healthz(_request: Request) -> Response:
    """The process is up and serving."""
    return JSONResponse({"status": "ok"})


async def readyz(_request: Request) -> Response:
    """The database answers; 503 otherwise, so a load balancer stops sending traffic here."""
    if await ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable", "reason": "database not answering"}, status_code=503)


async def home(_request: Request) -> Response:
    """GET /: a browser landing on the server's root is sent to GraphiQL."""
    return RedirectResponse("/graphql", status_code=307)


async def _unexpected(request: Request, exc: Exception) -> Response:
    request_id = request_info(request).request_id
    logger.error("unhandled error (request id %s)\n%s", request_id, logs.capped_traceback(exc))
    return JSONResponse(
        {
            "errors": [
                {
                    "message": f"Internal server error (request id {request_id}).",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                }
            ]
        },
        status_code=500,
        headers={"X-Request-Id": request_id},
    )


def _tune_gc() -> None:
    """Keep the garbage collector off the request path as far as it is safe.

    A list query allocates thousands of short-lived objects; with the default threshold (700)
    the cyclic collector runs several times per request and walks every long-lived object
    (the schema, the modules) each time. Freezing what start-up built takes it out of those
    walks, and a higher first threshold makes young collections rarer; memory stays bounded,
    cycles are still collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*RARE_YOUNG_COLLECTIONS)


def _shared_stores(settings: Settings) -> tuple[Any, RedisStore | None, RedisStore | None]:
    """With REDIS_URL: the Redis client and the shared second level of the response cache and
    of the persisted-query store (short timeouts: Redis only ever saves work)."""
    if not settings.redis_url or not settings.redis_cache_bytes:
        return None, None, None
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(
        settings.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5, client_name="gql_news:cache"
    )
    prefix = namespace(settings.database_url)
    return (
        client,
        RedisStore(client, prefix, "responses", settings.redis_cache_bytes),
        RedisStore(client, prefix, "queries", settings.redis_cache_bytes),
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI app. Without settings it reads them from the environment (uvicorn's factory mode)."""
    settings = settings or get_settings()
    logs.cap_access_log()
    limits = Limits(
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_cost=settings.max_cost,
        max_fields=settings.max_fields,
        max_field_merges=settings.max_field_merges,
    )
    app_schema = build_schema(
        introspection=settings.introspection,
        tracing=settings.otel_enabled,
        limits=limits,
        document_cache_bytes=settings.document_cache_bytes,
        planner=settings.query_planner,
    )
    live = SubscriptionEndpoint(
        app_schema,
        max_subscriptions=settings.max_subscriptions_per_connection,
        max_worker_subscriptions=settings.max_subscriptions_per_worker,
        init_timeout_s=settings.ws_init_timeout_s,
        require_token=settings.subscriptions_require_token,
    )

    versions = open_versions(settings.is_postgres, settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await init_db(settings, replicas=True)
        broker = open_broker(settings)
        refresh_pool()
        try:
            # Each waits a few seconds at most for its first connection: side by side, not in turn.
            await asyncio.gather(versions.start(), broker.start())
            install(broker)
            if settings.is_postgres:
                await _fold_left_over()
            _tune_gc()
            yield
        finally:
            install(None)
            try:
                await live.close_all()
                await broker.close()
                await versions.close()
                if redis_client is not None:
                    await redis_client.aclose()
            finally:
                # Runs after uvicorn has let in-flight requests finish: every connection is back in
                # the pool, so the pool closes them cleanly (PostgreSQL sees a Terminate message).
                await close_db()
                worker_exited()

    page, explorer_routes = (
        explorer(seed_slug(), settings.graphiql_assets_dir, settings.introspection)
        if settings.graphiql
        else (None, [])
    )
    redis_client, responses_shared, queries_shared = _shared_stores(settings)
    endpoint = GraphQLEndpoint(
        app_schema,
        page,
        cache=ResponseCache(settings.response_cache_bytes, responses_shared)
        if settings.response_cache_bytes
        else None,
        persisted=PersistedQueries(settings.persisted_queries_bytes, queries_shared),
        max_body_bytes=settings.max_body_bytes,
        versions=versions,
        raw_requests=RawRequests(max(settings.response_cache_bytes // 8, 1 << 20)),
    )
    graphql_route = Route("/graphql", endpoint.handle, methods=_ALL_METHODS)
    routes: list[BaseRoute] = [
        graphql_route,
        WebSocketRoute("/graphql", live.handle),
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
        *explorer_routes,
    ]
    if settings.metrics_enabled:
        routes.append(Route("/metrics", metrics_endpoint, methods=["GET", "HEAD"]))
    metrics = Metrics(settings.metrics_max_operations) if settings.metrics_enabled else None
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={Exception: _unexpected},
        middleware=[
            # Outermost: a repeated cacheable request is answered before anything else runs.
            Middleware(
                CachedHits,
                endpoint=endpoint,
                metrics=metrics,
                access_log=settings.access_log,
                route=graphql_route,
            ),
            Middleware(ObserveRequests, metrics=metrics, access_log=settings.access_log),
        ],
    )
    app.state.graphql = endpoint  # its caches, for operators' tools and tests
    app.state.subscriptions = live
    return app
