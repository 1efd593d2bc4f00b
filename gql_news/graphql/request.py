"""Reading a GraphQL-over-HTTP request: media type negotiation and the request parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"

_MEDIA = {
    GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
    JSON: JSON,
    # Generic types get the legacy-safe application/json (always 200 for well-formed requests).
    "application/*": JSON,
    "*/*": JSON,
}


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request, with its HTTP status."""

    def __init__(
        self,
        message: str,
        status: int = 400,
        headers: dict[str, str] | None = None,
        code: str = "BAD_USER_INPUT",
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GraphQLParams:
    """The parameters of one request; `query` is None when only a persisted-query hash came."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None
    method: str


def content_type(media: str) -> str:
    """The `Content-Type` of a response in `media`, with its encoding (the specification's
    SHOULD): JSON is always UTF-8."""
    return f"{media}; charset=utf-8"


def request_error_status(media: str) -> int:
    """HTTP status of a GraphQL request error (nothing executed): 400 when the client accepts
    application/graphql-response+json, 200 for legacy application/json clients."""
    return 400 if media == GRAPHQL_RESPONSE else 200


def accepted_media_type(header: str | None) -> str | None:
    """The response media type for an Accept header; None when it allows neither JSON type.

    No Accept header is treated as application/json. Higher quality wins; on a tie,
    application/graphql-response+json.
    """
    if not header:
        return JSON
    best: tuple[float, int, str] | None = None
    for item in header.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        choice = _MEDIA.get(media.lower())
        if choice is None or quality <= 0:
            continue
        rank = (quality, 1 if choice == GRAPHQL_RESPONSE else 0, choice)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


def _json_param(value: str | None, name: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        raise RequestError(f"`{name}` is not valid JSON.") from None


# No input of the schema nests more than a few levels; the coercion of a deeper value recurses
# once per level and would exhaust the interpreter's stack (found by the abusive-input tests).
MAX_VARIABLES_NESTING = 32


def _nesting_over(value: Any, limit: int) -> bool:
    """Whether JSON `value` nests lists and objects deeper than `limit` (without recursing)."""
    stack = [(value, 0)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, (dict, list)):
            if level >= limit:
                return True
            items = current.values() if isinstance(current, dict) else current
            stack.extend((item, level + 1) for item in items)
    return False


def _validated(params: dict[str, Any], method: str) -> GraphQLParams:
    query = params.get("query")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError("`extensions` must be a JSON object.")
    persisted = isinstance(extensions, dict) and "persistedQuery" in extensions
    if query is None and not persisted:
        raise RequestError("`query` is required.")
    if query is not None and (not isinstance(query, str) or not query.strip()):
        raise RequestError("`query` must be a non-empty string.")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError("`variables` must be a JSON object.")
    for name, value in (("variables", variables), ("extensions", extensions)):
        if _nesting_over(value, MAX_VARIABLES_NESTING):
            raise RequestError(f"`{name}` nest deeper than {MAX_VARIABLES_NESTING} levels.")
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError("`operationName` must be a string.")
    return GraphQLParams(query, variables, operation_name or None, extensions, method)


DEFAULT_MAX_BODY_BYTES = 256 * 1024


def declared_too_large(declared: str, limit: int) -> bool:
    """Whether a `Content-Length` declares more than `limit` bytes (ASCII digits only: "²" is a
    digit to `str.isdigit` too)."""
    return declared.isascii() and declared.isdigit() and int(declared) > limit


def is_json_body(content_type: str) -> bool:
    """Whether a request's `Content-Type` says JSON, its parameters left out."""
    return content_type.split(";")[0].strip().lower() == JSON


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past `limit` bytes (without reading much further)."""
    too_large = RequestError(f"The request body exceeds {limit} bytes.", 413)
    if declared_too_large(request.headers.get("content-length", ""), limit):
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def read_params(request: Request, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> GraphQLParams:
    """The GraphQL parameters of a GET (URL) or POST (JSON body) request."""
    if request.method in ("GET", "HEAD"):  # HEAD: a GET whose body the server leaves out
        qp = request.query_params
        params = {
            "query": qp.get("query"),
            "variables": _json_param(qp.get("variables"), "variables"),
            "operationName": qp.get("operationName"),
            "extensions": _json_param(qp.get("extensions"), "extensions"),
        }
        return _validated(params, request.method)
    if request.method != "POST":
        # Allow: every method /graphql answers (RFC 9110), HEAD included (a GET without its body).
        raise RequestError("Use GET or POST.", 405, {"Allow": "GET, HEAD, POST"})
    if not is_json_body(request.headers.get("content-type", "")):
        raise RequestError(f"POST bodies must be {JSON}.", 415)
    try:
        body = orjson.loads(await _body(request, max_body_bytes))
    except orjson.JSONDecodeError:
        raise RequestError("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise RequestError("The request body must be a JSON object.")
    return _validated(body, "POST")
