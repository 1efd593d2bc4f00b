"""The /graphql endpoint, per the GraphQL-over-HTTP specification.

- POST with `application/json`; GET with `query`, `variables`, `operationName`, `extensions`
  in the URL, for queries only (a mutation over GET is 405 with `Allow: POST`).
- The response media type follows `Accept` (see `request.accepted_media_type`), with
  `charset=utf-8` in `Content-Type`; with `application/graphql-response+json` a request error,
  where no execution happened, is HTTP 400, with `application/json` every well-formed request
  is 200. An `Accept` that allows neither is 406; a body that is not JSON, or not a GraphQL
  request object, is 400.
- With read replicas, a query reads from one that has replayed the client's last write (a
  mutation's answer carries its WAL position: the `X-Gql-News-Lsn` header and cookie), and the
  last write this process heard of (`gql_news.replicas`).
- Successful queries are served from the response cache while the data version has not moved;
  GET answers carry an ETag and revalidate with 304. Apollo's automatic persisted queries
  (`extensions.persistedQuery`) keep GET URLs short.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from gql_news.db import read_replicas
from gql_news.graphiql import GraphiQLPage
from gql_news.graphql.cache import (
    GET_CACHE_HEADERS,
    PersistedQueries,
    ResponseCache,
    cache_key,
    etag,
    sha256_hex,
)
from gql_news.graphql.context import Context
from gql_news.graphql.errors import MASKED
from gql_news.graphql.hits import RAW_KEY, VERSION_KEY, Known, RawRequests
from gql_news.graphql.pipeline.extension import coded
from gql_news.graphql.request import (
    DEFAULT_MAX_BODY_BYTES,
    GRAPHQL_RESPONSE,
    JSON,
    GraphQLParams,
    RequestError,
    accepted_media_type,
    content_type,
    read_params,
    request_error_status,
)
from gql_news.graphql.schema import NewsSchema
from gql_news.graphql.sql import read_from_replicas, request_connection
from gql_news.graphql.versions import CounterVersions, DataVersions
from gql_news.ops.requests import RequestInfo, request_info
from gql_news.replicas import (
    LSN_COOKIE,
    LSN_HEADER,
    REMEMBER_S,
    RecentWrites,
    format_lsn,
    marking_writes,
    parse_lsn,
)
from gql_news.tokens import bearer_token, hash_token

logger = logging.getLogger("gql_news.http")

_ALLOWED = {
    "GET": (OperationType.QUERY,),
    "HEAD": (OperationType.QUERY,),
    "POST": (OperationType.QUERY, OperationType.MUTATION),
}
CLIENT_CLOSED_REQUEST = 499  # nginx's status for a client that closed the connection first


def _render(
    media: str, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(payload), status_code=status, media_type=content_type(media), headers=headers
    )


def _error_response(media: str, error: RequestError, info: RequestInfo) -> Response:
    info.error_codes.append(error.code)
    extensions = {"code": error.code, **({"reason": error.reason} if error.reason else {})}
    payload = {"errors": [{"message": str(error), "extensions": extensions}]}
    return _render(media, error.status, payload, error.headers)


class GraphQLEndpoint:
    """The handler for /graphql, bound to one schema, GraphiQL page, response cache and APQ store."""

    def __init__(
        self,
        schema: NewsSchema,
        graphiql: GraphiQLPage | None,
        cache: ResponseCache | None = None,
        persisted: PersistedQueries | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        versions: DataVersions | None = None,
        raw_requests: RawRequests | None = None,
    ) -> None:
        self.schema = schema
        self.versions = versions or CounterVersions()
        self.graphiql = graphiql
        self.cache = cache
        self.persisted = persisted
        self.max_body_bytes = max_body_bytes
        self.recent_writes = RecentWrites()  # on PostgreSQL: each API token's last write
        # What this endpoint concluded for raw requests, for `hits.CachedHits` to answer them.
        self.raw_requests = raw_requests if cache is not None else None

    async def handle(self, request: Request) -> Response:
        if request.method == "GET" and self._wants_html(request):
            assert self.graphiql is not None
            return self.graphiql.response()
        info = request_info(request)
        info.graphql = True
        media = accepted_media_type(request.headers.get("accept"))
        if media is None:
            message = f"Acceptable response types are {GRAPHQL_RESPONSE} and {JSON}."
            return _error_response(JSON, RequestError(message, 406), info)
        try:
            params = await read_params(request, self.max_body_bytes)
            query = await self._query_text(params, media)
            async with request_connection():
                return await self._run(request, media, params, query, info)
        except RequestError as error:
            if error.status == 413:
                logger.info("refused (request id %s): %s", info.request_id, error)
            return _error_response(media, error, info)
        except ClientDisconnect:
            # Hung up before its body arrived: nothing to answer, nothing went wrong here. 499 is
            # what proxies log for it; the response goes nowhere.
            logger.info("client went away (request id %s) before its request was read", info.request_id)
            return Response(status_code=CLIENT_CLOSED_REQUEST)

    def _wants_html(self, request: Request) -> bool:
        if self.graphiql is None or "query" in request.query_params:
            return False
        return "text/html" in request.headers.get("accept", "")

    async def _query_text(self, params: GraphQLParams, media: str) -> str:
        """The query to run, resolving Apollo's automatic persisted queries."""
        persisted = (params.extensions or {}).get("persistedQuery")
        if persisted is None:
            assert params.query is not None
            return params.query
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if not isinstance(digest, str) or persisted.get("version") != 1:
            raise RequestError("`extensions.persistedQuery` needs version 1 and a sha256Hash.")
        if self.persisted is None:
            raise RequestError("PersistedQueryNotSupported", reason="PERSISTED_QUERY_NOT_SUPPORTED")
        if params.query is None:
            known = await self.persisted.lookup(digest.lower())
            if known is None:
                # Apollo clients recognise the message and resend the full text.
                status = request_error_status(media)
                raise RequestError("PersistedQueryNotFound", status, reason="PERSISTED_QUERY_NOT_FOUND")
            return known
        if sha256_hex(params.query) != digest.lower():
            raise RequestError("provided sha does not match query")
        await self.persisted.keep(digest.lower(), params.query)
        return params.query

    async def _run(
        self, request: Request, media: str, params: GraphQLParams, query: str, info: RequestInfo
    ) -> Response:
        """HTTP's own rules (methods, caching) around the schema's pipeline, which does the rest."""
        request_id = info.request_id
        doc = self.schema.pipeline.document(query)
        operation = doc.operation(params.operation_name)
        if operation is not None:
            info.operation_type = operation.kind
            info.operation_name = params.operation_name or next(iter(doc.operations))
            if params.method != "POST" and operation.kind == "mutation":
                raise RequestError("Mutations are only accepted over POST.", 405, {"Allow": "POST"})
            if operation.kind == "subscription":
                raise RequestError("Subscriptions are not served over HTTP.", request_error_status(media))
        elif doc.ast is not None and params.operation_name is None and len(doc.operations) > 1:
            message = "The document holds several operations: choose one with `operationName`."
            raise RequestError(message, request_error_status(media))
        key = version = None
        headers: dict[str, str] = {"X-Request-Id": request_id}
        replicas = read_replicas()
        fresh = True  # the cache may answer: this process has heard of the client's last write
        if replicas is not None and operation is not None and operation.kind == "query":
            need = self._client_lsn(request)
            read_from_replicas(need)
            # A write this process has not heard of yet is not in its cache's data version.
            fresh = need == 0 or (replicas.floor is not None and need <= replicas.floor)
        if self.cache is not None and operation is not None and operation.kind == "query":
            try:
                version = request.scope.get(VERSION_KEY) or await self.versions.current()
            except Exception as exc:  # noqa: BLE001 - a trivial read failing: the database is not serving
                logger.warning("database unavailable (request id %s): %s", request_id, type(exc).__name__)
                message = MASKED["SERVICE_UNAVAILABLE"].format(request_id=request_id)
                raise RequestError(message, 503, code="SERVICE_UNAVAILABLE") from None
            key = cache_key(
                doc.fingerprint, params.variables, operation.variables, params.operation_name, "public"
            )
            headers["ETag"] = etag(version, key)
            raw = request.scope.get(RAW_KEY)
            if raw is not None and self.raw_requests is not None:
                persisted = (params.extensions or {}).get("persistedQuery")
                known = Known(
                    key,
                    content_type(media).encode("latin-1"),
                    info.operation_name,
                    operation.kind,
                    persisted["sha256Hash"].lower() if persisted is not None else None,
                )
                self.raw_requests.remember(raw, known)
            if params.method != "POST":
                headers.update(GET_CACHE_HEADERS)
                if fresh and headers["ETag"] in request.headers.get("if-none-match", ""):
                    info.cache = "not_modified"
                    return Response(status_code=304, headers=headers)
            if fresh:
                body, info.cache = await self.cache.lookup(key, version)
                if body is not None:
                    return Response(body, media_type=content_type(media), headers=headers)
        with marking_writes() as written:
            result = await self._execute(request, params, query, request_id, media)
        if written.lsn is not None:
            self._wrote(request, written.lsn, headers)
        is_query = operation is not None and operation.kind == "query"
        response = self._response(media, result, info, headers, is_query)
        if written.lsn is not None:
            response.set_cookie(
                LSN_COOKIE,
                format_lsn(written.lsn),
                max_age=REMEMBER_S,
                path="/graphql",
                httponly=True,
                samesite="lax",
            )
        if self.cache is not None and key is not None and version is not None and not result.errors:
            await self.cache.keep(key, version, bytes(response.body))
        return response

    async def _execute(
        self, request: Request, params: GraphQLParams, query: str, request_id: str, media: str
    ) -> ExecutionResult:
        try:
            return await self.schema.execute(
                query,
                variable_values=params.variables,
                context_value=Context(request=request, request_id=request_id, plan_queries=True),
                operation_name=params.operation_name,
                allowed_operation_types=_ALLOWED[params.method],
                operation_extensions=params.extensions,
            )
        except InvalidOperationTypeError:
            raise RequestError("Mutations are only accepted over POST.", 405, {"Allow": "POST"}) from None
        except CannotGetOperationTypeError as error:
            status = request_error_status(media)
            raise RequestError(error.as_http_error_reason(), status) from None

    def _client_lsn(self, request: Request) -> int:
        return self.client_lsn(
            request.headers.get(LSN_HEADER),
            request.cookies.get(LSN_COOKIE),
            request.headers.get("authorization"),
        )

    def client_lsn(self, header: str | None, cookie: str | None, authorization: str | None) -> int:
        """How far in the WAL this client's reads must see: its last write, as it hands it back
        (header or cookie) or as this process remembers it for its API token (0: no write)."""
        need = max(parse_lsn(header) or 0, parse_lsn(cookie) or 0)
        if self.recent_writes:
            token = bearer_token(authorization)
            if token is not None:
                need = max(need, self.recent_writes.lsn(hash_token(token)))
        return need

    def _wrote(self, request: Request, lsn: int, headers: dict[str, str]) -> None:
        """A write committed: the client is told where (to send back), and its token remembered."""
        headers[LSN_HEADER] = format_lsn(lsn)
        token = bearer_token(request.headers.get("authorization"))
        if token is not None:
            self.recent_writes.wrote(hash_token(token), lsn)

    def _response(
        self, media: str, result: ExecutionResult, info: RequestInfo, headers: dict[str, str], is_query: bool
    ) -> Response:
        payload: dict[str, Any] = {}
        request_error = isinstance(result, PreExecutionError) or (
            result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or ())
        )
        if result.errors:
            errors = [coded(error, info.request_id) for error in result.errors]
            payload["errors"] = [error.formatted for error in errors]
            info.error_codes.extend(error.code for error in errors)
            headers = {k: v for k, v in headers.items() if k not in {"ETag", "Cache-Control"}}
            if is_query and result.data is None and all(e.code == "SERVICE_UNAVAILABLE" for e in errors):
                # Nothing was answered and nothing happened: the database is away (a cached
                # answer needs no database; this one did). Retry later, as for a refused request.
                return _render(media, 503, payload, headers)
        if not request_error:
            payload["data"] = result.data
            # Which path answered: one planned statement, or the field-by-field executor.
            headers = {
                **headers,
                "X-Query-Plan": "planned" if isinstance(result.data, orjson.Fragment) else "executor",
            }
        if result.extensions:
            payload["extensions"] = result.extensions
        status = request_error_status(media) if request_error else 200
        return _render(media, status, payload, headers)
