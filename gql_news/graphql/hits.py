"""The response cache's fast path: a repeated request answered before any parsing.

A cacheable query reaches the endpoint (`graphql.http`) the long way once: its body or URL is
parsed, its persisted query resolved, its document looked up and its operation checked, and
only then is its cache key known. `CachedHits`, the outermost ASGI middleware, remembers what
that work concluded for the request as it came over the wire (method, URL query string or
POST body, `Accept`, `Content-Type`): the cache key, the response media type and the
operation. The next request that is the same byte for byte is answered from the response
cache by this middleware alone: no Starlette request or response object, no JSON, no GraphQL.

It answers only when the long way would have answered from the cache too, with the same
status, headers and body: the data version is the worker's current one (`current()`: no
statement while the PostgreSQL listener is up), the client's last write is known to this
process (read-your-writes, `graphql.http`), a persisted query's hash is still known, and the
worker's cache holds the response at that version. Anything else (a miss, a stale entry, a
shared-cache entry in Redis, a HEAD, an unreadable body) goes the long way, with the body it
read handed on unchanged. The access log line and the metrics are the same as for the long way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gql_news.db import read_replicas
from gql_news.graphql.cache import etag
from gql_news.graphql.pipeline.budget import ByteLRU
from gql_news.ops.logs import log_access
from gql_news.ops.metrics import Metrics
from gql_news.ops.requests import RequestInfo, request_id_from

if TYPE_CHECKING:
    from gql_news.graphql.http import GraphQLEndpoint

RAW_KEY = "gql_news.raw_request"  # the scope entry the endpoint reads to remember a request
PATH = "/graphql"
_GET_CACHE_CONTROL = b"public, no-cache"

RawKey = tuple[str, bytes, bytes, bytes]


@dataclass(frozen=True, slots=True)
class Known:
    """What the long way concluded for one raw request."""

    key: str  # the response cache key
    media: bytes  # the response's Content-Type
    operation_name: str | None
    operation_type: str
    persisted: str | None  # the persisted query's hash, which must still be known


class RawRequests:
    """Raw requests to what the endpoint concluded for them, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self._known: ByteLRU[RawKey, Known] = ByteLRU(max_bytes)
        self.answered = 0  # requests `CachedHits` answered (200 or 304)

    def get(self, raw: RawKey) -> Known | None:
        return self._known.get(raw)

    def remember(self, raw: RawKey, known: Known) -> None:
        self._known.put(raw, known, sum(len(part) for part in raw) + len(known.key) + 200)


def raw_key(scope: Scope, body: bytes) -> RawKey:
    """The request as the endpoint's conclusions depend on it; headers are read from the scope."""
    accept = content_type = b""
    for name, value in scope["headers"]:
        if name == b"accept":
            accept = value if not accept else accept + b"," + value
        elif name == b"content-type" and not content_type:
            content_type = value
    method = scope["method"]
    return method, body if method == "POST" else scope["query_string"], accept, content_type


class CachedHits:
    """ASGI middleware: repeated cacheable requests to /graphql answered from the response cache."""

    def __init__(
        self,
        app: ASGIApp,
        endpoint: GraphQLEndpoint,
        metrics: Metrics | None,
        access_log: bool,
        route: Any,
    ) -> None:
        self.app = app
        self.endpoint = endpoint
        self.metrics = metrics
        self.access_log = access_log
        self.route = route  # the /graphql route, for the metrics' route label

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = self.endpoint
        if (
            scope["type"] != "http"
            or scope["path"] != PATH
            or endpoint.cache is None
            or endpoint.raw_requests is None
        ):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "GET":
            raw = raw_key(scope, b"")
        elif method == "POST":
            read, body = await _read_body(receive, endpoint.max_body_bytes)
            if body is None:  # too large, or the client went away: the long way answers
                await self.app(scope, _replaying(read, receive), send)
                return
            receive = _replaying(read, receive)
            raw = raw_key(scope, body)
        else:
            await self.app(scope, receive, send)
            return
        known = endpoint.raw_requests.get(raw)
        if known is None or not await self._answer(scope, send, known):
            scope[RAW_KEY] = raw
            await self.app(scope, receive, send)

    async def _answer(self, scope: Scope, send: Send, known: Known) -> bool:
        """Answer from the cache as the endpoint would have; False when it would not have."""
        started = perf_counter()
        endpoint = self.endpoint
        cache = endpoint.cache
        assert cache is not None
        if known.persisted is not None and (
            endpoint.persisted is None or endpoint.persisted.get(known.persisted) is None
        ):
            return False
        replicas = read_replicas()
        if replicas is not None:
            need = endpoint._client_lsn(Request(scope))
            if need != 0 and (replicas.floor is None or need > replicas.floor):
                return False  # not fresh: the endpoint runs the query
        try:
            version = await endpoint.versions.current()
        except Exception:  # noqa: BLE001 - the endpoint answers 503 the long way
            return False
        tag = etag(version, known.key).encode("latin-1")
        incoming_id = if_none_match = None
        for name, value in scope["headers"]:
            if name == b"x-request-id" and incoming_id is None:
                incoming_id = value.decode("latin-1")
            elif name == b"if-none-match" and if_none_match is None:
                if_none_match = value
        is_get = scope["method"] == "GET"
        status = 200
        body = b""
        if is_get and if_none_match is not None and tag in if_none_match:
            status, outcome = 304, "not_modified"
        else:
            cached = cache.get(known.key, version)
            if cached is None:
                return False
            body, outcome = cached, "hit"
        info = RequestInfo(
            request_id_from(incoming_id),
            graphql=True,
            operation_name=known.operation_name,
            operation_type=known.operation_type,
            cache=outcome,
        )
        headers = [(b"x-request-id", info.request_id.encode("latin-1")), (b"etag", tag)]
        if is_get:
            headers.append((b"cache-control", _GET_CACHE_CONTROL))
        if status == 200:
            headers.append((b"content-length", b"%d" % len(body)))
            headers.append((b"content-type", known.media))
        raw_requests = endpoint.raw_requests
        assert raw_requests is not None
        raw_requests.answered += 1
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        if self.metrics is not None or self.access_log:
            scope["route"] = self.route
            seconds = perf_counter() - started
            if self.metrics is not None:
                self.metrics.observe(scope, info, status, seconds)
            if self.access_log:
                log_access(scope, info, status, seconds)
        return True


async def _read_body(receive: Receive, limit: int) -> tuple[list[Message], bytes | None]:
    """The messages received and the whole body; None for the body past `limit` bytes or when
    the client disconnected first."""
    read: list[Message] = []
    size = 0
    while True:
        message = await receive()
        read.append(message)
        if message["type"] != "http.request":
            return read, None
        size += len(message.get("body", b""))
        if size > limit:
            return read, None
        if not message.get("more_body", False):
            break
    if len(read) == 1:
        return read, read[0].get("body", b"")
    return read, b"".join(message.get("body", b"") for message in read)


def _replaying(read: list[Message], receive: Receive) -> Callable[[], Any]:
    """A receive that hands on what was read first, then what is still to come."""
    pending = iter(read)

    async def replay() -> Message:
        message = next(pending, None)
        return message if message is not None else await receive()

    return replay
