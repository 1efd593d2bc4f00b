"""What one HTTP request is known by: its request id, and what the GraphQL endpoint learnt of it.

The observing middleware (`gql_news.ops.observe`) creates a `RequestInfo` per request and
stores it in the ASGI scope; the endpoint fills in the operation, the error codes and the
cache outcome, and the middleware turns the whole into one access log line and the metrics.
The request id is the client's (or the proxy's) `X-Request-Id` when it is a plain token,
otherwise a new one: it is echoed in the response header, in masked error messages and in
every log line written while the request runs.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field

from starlette.requests import HTTPConnection
from starlette.types import Scope

SCOPE_KEY = "gql_news.request"

# Printable, no spaces or quotes: it is written into headers, JSON and text logs as it came.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/@+=-]{1,128}")


@dataclass(slots=True)
class RequestInfo:
    """One request as the logs and metrics see it."""

    request_id: str
    graphql: bool = False  # a GraphQL request (not the GraphiQL page) reached the endpoint
    operation_name: str | None = None
    operation_type: str | None = None  # "query", "mutation", ...; None: no operation was identified
    error_codes: list[str] = field(default_factory=list)
    cache: str | None = (
        None  # "hit", "shared_hit", "miss" or "not_modified" when the response cache was consulted
    )


current_request: ContextVar[RequestInfo | None] = ContextVar("gql_news_current_request", default=None)


def request_id_from(header: str | None) -> str:
    """The incoming id when it is a plain token of at most 128 characters, else a new one."""
    if header and _REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def header_value(scope: Scope, name: bytes) -> str | None:
    """A request header from the raw ASGI scope (first occurrence), without building a Request."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def request_info(connection: HTTPConnection) -> RequestInfo:
    """The request's info; created on first use when no middleware made one (the app unwrapped)."""
    info = connection.scope.get(SCOPE_KEY)
    if info is None:
        info = RequestInfo(request_id_from(connection.headers.get("x-request-id")))
        connection.scope[SCOPE_KEY] = info
    assert isinstance(info, RequestInfo)
    return info
