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
from functools import lru_cache
from time import perf_counter
from typing import TYPE_CHECKING, Any

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gql_news.db import read_replicas
from gql_news.graphql.cache import GET_CACHE_HEADERS, etag
from gql_news.graphql.pipeline.budget import ByteLRU
from gql_news.graphql.request import accepted_media_type, declared_too_large, is_json_body
from gql_news.ops.logs import log_access
from gql_news.ops.metrics import Metrics
from gql_news.ops.requests import RequestInfo, request_id_from
from gql_news.replicas import LSN_COOKIE, LSN_HEADER

if TYPE_CHECKING:
    from gql_news.graphql.http import GraphQLEndpoint

RAW_KEY = "gql_news.raw_request"  # the scope entry the endpoint reads to remember a request
VERSION_KEY = "gql_news.data_version"  # the version read here, for the endpoint not to read again
PATH = "/graphql"
_GET_HEADERS = [
    (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in GET_CACHE_HEADERS
]

RawKey = tuple[str, bytes, bytes, bytes]
_LSN_HEADER = LSN_HEADER.lower().encode("latin-1")


@dataclass(slots=True)
class Known:
    """What the long way concluded for one raw request."""

    key: str  # the response cache key
    media: bytes  # the response's Content-Type (media type and charset)
    operation_name: str | None
    operation_type: str
    persisted: str | None  # the persisted query's hash, which must still be known
    version: str = ""  # the data version `tag` was made for
    tag: bytes = b""  # the ETag at that version


class RawRequests:
    """Raw requests to what the endpoint concluded for them, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self._known: ByteLRU[RawKey, Known] = ByteLRU(max_bytes)
        self.answered = 0  # requests `CachedHits` answered (200 or 304)

    def get(self, raw: RawKey) -> Known | None:
        return self._known.get(raw)

    def remember(self, raw: RawKey, known: Known) -> None:
        self._known.put(raw, known, sum(len(part) for part in raw) + len(known.key) + 200)


class Headers:
    """The request headers the fast path reads, from one pass over the scope's list (the first
    of each, as Starlette's `headers.get`; `Accept` and `Cookie` lines joined)."""

    __slots__ = (
        "accept",
        "authorization",
        "content_length",
        "content_type",
        "cookie",
        "first_accept",
        "if_none_match",
        "lsn",
        "request_id",
    )

    def __init__(self, scope: Scope) -> None:
        accept = first_accept = content_type = self.request_id = self.if_none_match = self.authorization = (
            self.lsn
        ) = None
        self.content_length: bytes | None = None
        self.cookie: list[bytes] | None = None
        for name, value in scope["headers"]:
            if name == b"accept":
                if accept is None:
                    accept = first_accept = value
                else:
                    accept += b"\n" + value
            elif name == b"content-type":
                content_type = value if content_type is None else content_type
            elif name == b"content-length":
                self.content_length = value if self.content_length is None else self.content_length
            elif name == b"x-request-id":
                self.request_id = value if self.request_id is None else self.request_id
            elif name == b"if-none-match":
                self.if_none_match = value if self.if_none_match is None else self.if_none_match
            elif name == b"authorization":
                self.authorization = value if self.authorization is None else self.authorization
            elif name == _LSN_HEADER:
                self.lsn = value if self.lsn is None else self.lsn
            elif name == b"cookie":
                self.cookie = [*(self.cookie or ()), value]
        # In the raw key: every Accept line, each on its own (the endpoint reads the first; the key
        # is then only more particular: lines joined by a comma would read as one line that
        # chooses differently), and no header the same as an empty one (the endpoint's reading).
        self.accept: bytes = b"" if accept is None else accept
        self.first_accept: bytes | None = first_accept
        self.content_type: bytes = content_type or b""

    def refused_unread(self, limit: int) -> bool:
        """The endpoint refuses this POST on its headers alone, without reading its body: no
        acceptable media type (406), a body that is not JSON (415), a declared length past
        `limit` (413)."""
        if declared_too_large(_text(self.content_length) or "", limit):
            return True
        if not is_json_body(self.content_type.decode("latin-1")):
            return True
        return not _acceptable(self.first_accept)

    def lsn_cookie(self) -> str | None:
        cookies: dict[str, str] = {}
        for line in self.cookie or ():
            cookies.update(cookie_parser(line.decode("latin-1")))
        return cookies.get(LSN_COOKIE)


@lru_cache(maxsize=64)  # a few Accept lines recur; parsing one costs about 2 µs
def _acceptable(accept: bytes | None) -> bool:
    return accepted_media_type(_text(accept)) is not None


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


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
        started = perf_counter()  # as the long way's clock (`ObserveRequests`): before the body
        method = scope["method"]
        headers = Headers(scope)
        if method == "GET":
            raw: RawKey = (method, scope["query_string"], headers.accept, headers.content_type)
        elif method == "POST":
            if headers.refused_unread(endpoint.max_body_bytes):
                # The endpoint refuses it before its body is read: nothing received here either,
                # so a client waiting on `Expect: 100-continue` is not asked for it.
                await self.app(scope, receive, send)
                return
            read, body = await _read_body(receive, endpoint.max_body_bytes)
            if body is None:  # too large, or the client went away: the long way answers
                await self.app(scope, _replaying(read, receive), send)
                return
            receive = _replaying(read, receive)
            raw = (method, body, headers.accept, headers.content_type)
        else:
            await self.app(scope, receive, send)
            return
        known = endpoint.raw_requests.get(raw)
        if known is None or not await self._answer(scope, send, known, headers, started):
            scope[RAW_KEY] = raw
            await self.app(scope, receive, send)

    async def _answer(
        self, scope: Scope, send: Send, known: Known, incoming: Headers, started: float
    ) -> bool:
        """Answer from the cache as the endpoint would have; False when it would not have."""
        endpoint = self.endpoint
        cache = endpoint.cache
        assert cache is not None
        if known.persisted is not None and (
            endpoint.persisted is None or endpoint.persisted.get(known.persisted) is None
        ):
            return False
        replicas = read_replicas()
        if replicas is not None:
            need = endpoint.client_lsn(
                _text(incoming.lsn), incoming.lsn_cookie(), _text(incoming.authorization)
            )
            if need != 0 and (replicas.floor is None or need > replicas.floor):
                return False  # not fresh: the endpoint runs the query
        try:
            version = await endpoint.versions.current()
        except Exception:  # noqa: BLE001 - the endpoint answers 503 the long way
            return False
        scope[VERSION_KEY] = version  # (a miss: SQLite need not read its counter twice)
        if known.version != version:
            known.tag = etag(version, known.key).encode("latin-1")
            known.version = version
        tag = known.tag
        if_none_match = incoming.if_none_match
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
            request_id_from(_text(incoming.request_id)),
            graphql=True,
            operation_name=known.operation_name,
            operation_type=known.operation_type,
            cache=outcome,
        )
        headers = [(b"x-request-id", info.request_id.encode("latin-1")), (b"etag", tag)]
        if is_get:
            headers += _GET_HEADERS
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
