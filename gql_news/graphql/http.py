"""The /graphql endpoint, per the GraphQL-over-HTTP specification.

- POST with `application/json`; GET with `query`, `variables`, `operationName`, `extensions`
  in the URL, for queries only (a mutation over GET is 405 with `Allow: POST`).
- The response media type follows `Accept`: `application/graphql-response+json` (then a request
  error, where no execution happened, is HTTP 400) or `application/json` (always 200 for a
  well-formed request). No `Accept` header is treated as `application/json`; an `Accept` that
  allows neither is 406.
- A body that is not JSON, or not a GraphQL request object, is 400 with a JSON error.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from gql_news.graphql.context import Context
from gql_news.graphql.errors import error_code
from gql_news.graphql.schema import NewsSchema
from gql_news.graphql.sql import request_connection

logger = logging.getLogger("gql_news.http")

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
_QUERY_ONLY = (OperationType.QUERY,)
_ALL_OPERATIONS = (OperationType.QUERY, OperationType.MUTATION)


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request."""

    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def _accepted(header: str | None) -> str | None:
    """The response media type for an Accept header, or None when nothing acceptable is listed."""
    if not header:
        return JSON
    best: tuple[float, int, str] | None = None
    for position, item in enumerate(header.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if quality <= 0:
            continue
        choice = {
            GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
            JSON: JSON,
            # Generic types get the legacy-safe application/json (always 200).
            "application/*": JSON,
            "*/*": JSON,
        }.get(media)
        if choice is None:
            continue
        # Higher quality wins; on a tie the graphql-response type, then the earlier entry.
        rank = (quality, 1 if choice == GRAPHQL_RESPONSE else 0, choice)
        if best is None or rank[:2] > best[:2]:
            best = rank
        del position
    return best[2] if best else None


def _json_param(value: str | None, name: str) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        raise RequestError(f"`{name}` is not valid JSON.") from None
    if parsed is not None and not isinstance(parsed, dict):
        raise RequestError(f"`{name}` must be a JSON object.")
    return parsed


def _params_from_body(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise RequestError("The request body must be a JSON object.")
    return body


def _check(params: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None, dict[str, Any] | None]:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestError("`query` must be a non-empty string.")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError("`variables` must be a JSON object.")
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError("`operationName` must be a string.")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError("`extensions` must be a JSON object.")
    return query, variables, operation_name, extensions


def _error_dict(error: GraphQLError, request_id: str) -> dict[str, Any]:
    code = error_code(error)
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    original = error.original_error
    if original is not None and hasattr(original, "extensions"):
        extensions.update(original.extensions)
    if code == "INTERNAL_SERVER_ERROR":
        formatted = {key: value for key, value in formatted.items() if key in {"locations", "path"}}
        formatted["message"] = f"Internal server error (request id {request_id})."
        extensions = {"requestId": request_id}
    extensions["code"] = code
    return {
        "message": formatted["message"],
        **{k: v for k, v in formatted.items() if k != "message"},
        "extensions": extensions,
    }


def _render(
    media: str, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type=media, headers=headers)


def _request_error_response(media: str, error: RequestError) -> Response:
    payload = {"errors": [{"message": str(error), "extensions": {"code": "BAD_USER_INPUT"}}]}
    return _render(media if media else JSON, error.status, payload, error.headers)


class GraphQLEndpoint:
    """The ASGI handler for /graphql, bound to one schema and one GraphiQL page."""

    def __init__(self, schema: NewsSchema, graphiql_html: str | None) -> None:
        self.schema = schema
        self.graphiql_html = graphiql_html

    async def handle(self, request: Request) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        if request.method == "GET" and self._wants_html(request):
            assert self.graphiql_html is not None
            return HTMLResponse(self.graphiql_html)
        media = _accepted(request.headers.get("accept"))
        if media is None:
            return _render(
                JSON,
                406,
                {
                    "errors": [
                        {
                            "message": f"Acceptable response types are {GRAPHQL_RESPONSE} and {JSON}.",
                            "extensions": {"code": "BAD_USER_INPUT"},
                        }
                    ]
                },
            )
        try:
            query, variables, operation_name, extensions, allowed = await self._parse(request)
        except RequestError as error:
            return _request_error_response(media, error)
        try:
            async with request_connection():
                result = await self.schema.execute(
                    query,
                    variable_values=variables,
                    context_value=Context(request=request),
                    operation_name=operation_name,
                    allowed_operation_types=allowed,
                    operation_extensions=extensions,
                )
        except InvalidOperationTypeError:
            return _request_error_response(
                media, RequestError("Mutations are only accepted over POST.", 405, {"Allow": "POST"})
            )
        except CannotGetOperationTypeError as error:
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return _request_error_response(media, RequestError(error.as_http_error_reason(), status))
        return self._response(media, result, request_id)

    def _wants_html(self, request: Request) -> bool:
        if self.graphiql_html is None or "query" in request.query_params:
            return False
        accept = request.headers.get("accept", "")
        return "text/html" in accept

    async def _parse(self, request: Request) -> tuple[Any, ...]:
        if request.method == "GET":
            qp = request.query_params
            params: dict[str, Any] = {
                "query": qp.get("query"),
                "variables": _json_param(qp.get("variables"), "variables"),
                "operationName": qp.get("operationName") or None,
                "extensions": _json_param(qp.get("extensions"), "extensions"),
            }
            return (*_check(params), _QUERY_ONLY)
        if request.method != "POST":
            raise RequestError("Use GET or POST.", 405, {"Allow": "GET, POST"})
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != JSON:
            raise RequestError(f"POST bodies must be {JSON}.", 415)
        raw = await request.body()
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise RequestError("The request body is not valid JSON.") from None
        return (*_check(_params_from_body(body)), _ALL_OPERATIONS)

    def _response(self, media: str, result: ExecutionResult, request_id: str) -> Response:
        payload: dict[str, Any] = {}
        request_error = isinstance(result, PreExecutionError) or (
            result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or ())
        )
        if result.errors:
            payload["errors"] = [_error_dict(error, request_id) for error in result.errors]
        if not request_error:
            payload["data"] = result.data
        if result.extensions:
            payload["extensions"] = result.extensions
        status = 400 if request_error and media == GRAPHQL_RESPONSE else 200
        return _render(media, status, payload, {"X-Request-Id": request_id})
