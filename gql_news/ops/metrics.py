"""Prometheus metrics: GraphQL requests and latency per operation, errors by code, HTTP statuses,
response-cache lookups, the database pool and the read replicas.

Operation names are chosen by clients, so they cannot all become label values: every distinct
value is a time series kept for the life of the process. The rule (`OperationLabels`): a name
is used as it is when it is a GraphQL name of at most 64 characters that named an operation of
the document, and only for the first `METRICS_MAX_OPERATIONS` distinct names a worker sees;
everything past that counts as `<other>`. Operations without a name are `<anonymous>`, and
requests refused before an operation was identified (syntax errors, bad bodies) `<invalid>`.

With several uvicorn workers, `gql-news serve` points `PROMETHEUS_MULTIPROC_DIR` at a fresh
directory before the workers start; each worker writes its samples there and `/metrics`, served
by whichever worker, adds them all up.
"""

from __future__ import annotations

import os
import re
from time import monotonic
from typing import Any
from weakref import WeakKeyDictionary

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope
from tortoise import connections

from gql_news.db import read_replicas
from gql_news.ops.requests import RequestInfo
from gql_news.replicas import Replicas

ANONYMOUS = "<anonymous>"
OTHER = "<other>"
INVALID = "<invalid>"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

_GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_BUCKETS = (0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRAPHQL_REQUESTS = Counter(
    "gql_news_graphql_requests",
    "GraphQL requests answered, by operation name and type.",
    ["operation", "type"],
)
GRAPHQL_DURATION = Histogram(
    "gql_news_graphql_request_duration_seconds",
    "Time from receiving a GraphQL request to its last response byte, by operation name and type.",
    ["operation", "type"],
    buckets=_BUCKETS,
)
GRAPHQL_ERRORS = Counter(
    "gql_news_graphql_errors",
    "Errors in GraphQL responses, by operation name and extensions.code.",
    ["operation", "code"],
)
HTTP_RESPONSES = Counter(
    "gql_news_http_responses",
    "HTTP responses by method, matched route and status.",
    ["method", "route", "status"],
)
CACHE_LOOKUPS = Counter(
    "gql_news_response_cache_lookups",
    "Response cache lookups: hit (the worker's cache), shared_hit (Redis), miss, or not_modified (a 304 for a matching ETag).",
    ["result"],
)
DB_POOL = Gauge(
    "gql_news_db_pool_connections",
    "PostgreSQL pool connections of the app: open, in_use and max (summed over live workers).",
    ["state"],
    multiprocess_mode="livesum",
)

QUERY_READS = Counter(
    "gql_news_query_reads",
    "With read replicas: queries that read from the database, by the server they read from (replica or primary).",
    ["server"],
)
READ_REPLICAS = Gauge(
    "gql_news_read_replicas",
    "Read replicas of the app: in_rotation and out_of_rotation (summed over live workers).",
    ["state"],
    multiprocess_mode="livesum",
)
# What each worker's replica set had counted at the last sample (a new app starts a new set).
_reads_counted: WeakKeyDictionary[Replicas, dict[str, int]] = WeakKeyDictionary()


class OperationLabels:
    """The label value for an operation name, admitting at most `limit` distinct names."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.known: set[str] = set()

    def __call__(self, info: RequestInfo) -> str:
        if info.operation_type is None:
            return INVALID
        name = info.operation_name
        if name is None:
            return ANONYMOUS
        if name in self.known:
            return name
        if len(self.known) >= self.limit or not _GRAPHQL_NAME.fullmatch(name):
            return OTHER
        self.known.add(name)
        return name


class Metrics:
    """Records one finished request; one instance per app.

    `labels()` costs a lock and a few microseconds per call, so the labelled children are kept
    in plain dicts (bounded: every label is from a bounded set); the pool is sampled at most
    once a second.
    """

    def __init__(self, max_operations: int) -> None:
        self.operations = OperationLabels(max_operations)
        self._http: dict[tuple[str, str, int], Any] = {}
        self._graphql: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._cache: dict[str, Any] = {}
        self._errors: dict[tuple[str, str], Any] = {}
        self._pool_sampled = 0.0

    def observe(self, scope: Scope, info: RequestInfo, status: int, seconds: float) -> None:
        method = scope.get("method", "")
        # The route Starlette matched (its path template: "/graphql", "/graphiql/static"), never
        # the requested path, which a scanner could vary without end.
        route = getattr(scope.get("route"), "path", None) or OTHER
        key = (method if method in _METHODS else OTHER, route, status)
        http = self._http.get(key)
        if http is None:
            http = self._http[key] = HTTP_RESPONSES.labels(key[0], key[1], str(status))
        http.inc()
        if info.cache is not None:
            lookups = self._cache.get(info.cache)
            if lookups is None:
                lookups = self._cache[info.cache] = CACHE_LOOKUPS.labels(info.cache)
            lookups.inc()
        if info.graphql:
            operation = self.operations(info)
            kind = info.operation_type or INVALID
            children = self._graphql.get((operation, kind))
            if children is None:
                children = self._graphql[(operation, kind)] = (
                    GRAPHQL_REQUESTS.labels(operation, kind),
                    GRAPHQL_DURATION.labels(operation, kind),
                )
            children[0].inc()
            children[1].observe(seconds)
            for code in info.error_codes:
                errors = self._errors.get((operation, code))
                if errors is None:
                    errors = self._errors[(operation, code)] = GRAPHQL_ERRORS.labels(operation, code)
                errors.inc()
        now = monotonic()
        if now - self._pool_sampled >= 1.0:
            self._pool_sampled = now
            refresh_pool()


def refresh_pool() -> None:
    """Sample the asyncpg pool behind Tortoise's default connection (SQLite has none), and the
    read replicas."""
    _refresh_replicas()
    try:
        pool: Any = getattr(connections.get("default"), "_pool", None)
    except Exception:  # noqa: BLE001 - not initialised (start-up, shutdown): nothing to sample
        return
    if pool is None:
        return
    size = pool.get_size()
    DB_POOL.labels("open").set(size)
    DB_POOL.labels("in_use").set(size - pool.get_idle_size())
    DB_POOL.labels("max").set(pool.get_max_size())


def _refresh_replicas() -> None:
    replicas = read_replicas()
    if replicas is None or not replicas.replicas:
        return
    counted = _reads_counted.setdefault(replicas, {})
    for server, count in replicas.reads.items():
        if count > counted.get(server, 0):
            QUERY_READS.labels(server).inc(count - counted.get(server, 0))
        counted[server] = count
    out = sum(1 for replica in replicas.replicas if replica.down)
    READ_REPLICAS.labels("in_rotation").set(len(replicas.replicas) - out)
    READ_REPLICAS.labels("out_of_rotation").set(out)


def _registry() -> CollectorRegistry:
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return REGISTRY


async def metrics_endpoint(_request: Request) -> Response:
    """GET /metrics in Prometheus' text format, every worker's samples added up."""
    refresh_pool()
    return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)


def worker_exited() -> None:
    """Drop this worker's live gauges from the shared directory (a no-op with one process)."""
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        multiprocess.mark_process_dead(os.getpid(), directory)  # type: ignore[no-untyped-call]
