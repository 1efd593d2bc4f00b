"""The ASGI middleware that gives every HTTP request an id, then logs and counts it once it is done.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware: it wraps `send` to read the
status and add `X-Request-Id`, and costs no extra task or body copy on the request path.
WebSocket and lifespan scopes pass through untouched.
"""

from __future__ import annotations

from time import perf_counter

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gql_news.ops.logs import log_access
from gql_news.ops.metrics import Metrics
from gql_news.ops.requests import SCOPE_KEY, RequestInfo, current_request, header_value, request_id_from


class ObserveRequests:
    """Request id, access log line and metrics for each HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None, access_log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        info = RequestInfo(request_id_from(header_value(scope, b"x-request-id")))
        scope[SCOPE_KEY] = info
        token = current_request.set(info)
        started = perf_counter()
        status = 500  # what the server answers when the app raises before responding

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                if "x-request-id" not in headers:
                    headers["X-Request-Id"] = info.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = perf_counter() - started
            if status == 500 and not info.error_codes:
                info.error_codes.append("INTERNAL_SERVER_ERROR")
            if self.metrics is not None:
                self.metrics.observe(scope, info, status, seconds)
            if self.access_log:
                log_access(scope, info, status, seconds)
            current_request.reset(token)
