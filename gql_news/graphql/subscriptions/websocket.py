"""The WebSocket side of /graphql: strawberry's graphql-transport-ws handler, with our rules.

- Only the `graphql-transport-ws` subprotocol is spoken. The legacy `graphql-ws`
  (subscriptions-transport-ws, unmaintained since 2021) is refused: the socket is accepted
  and closed with 4406, as the protocol prescribes for an unacceptable subprotocol.
- Only subscriptions run here; queries and mutations go over HTTP.
- Each subscribe message passes the same document limits as HTTP (depth, aliases, tokens,
  cost) before anything runs; a refusal, a syntax or validation error is an `error` message
  for that id, and the connection stays open. Errors carry `extensions.code`.
- At most `max_subscriptions_per_connection` run at once per socket; `connection_init` must
  arrive within `ws_init_timeout_s` (else 4408). A token in the connection_init payload
  (`{"authorization": "Bearer …"}`) must be valid (else 4403); with
  `subscriptions_require_token` one is required.
- On shutdown the lifespan closes the sockets still open with 1001 (going away).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncGenerator, Mapping
from datetime import timedelta
from typing import Any, cast

import orjson
from graphql import GraphQLError, GraphQLSyntaxError, parse
from starlette.websockets import WebSocket, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ErrorMessage, SubscribeMessage
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType
from strawberry.utils.aio import aclosing

from gql_news.graphql.cache import contains_nul, document
from gql_news.graphql.context import Context
from gql_news.graphql.errors import format_error
from gql_news.graphql.limits import Limits, TooComplex, check_cost
from gql_news.graphql.schema import NewsSchema

logger = logging.getLogger("gql_news.ws")

GOING_AWAY = 1001


class _Coded(GraphQLError):
    """An error already formatted for the client (code added, internals masked)."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__(str(payload["message"]))
        self.payload = payload

    @property
    def formatted(self) -> dict[str, Any]:  # type: ignore[override]
        return self.payload


def _bad(message: str, code: str = "BAD_USER_INPUT", **extensions: Any) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, **extensions}}


def _syntax_error(query: str) -> dict[str, Any]:
    """The located syntax error of a document that does not parse."""
    try:
        parse(query, no_location=False)
    except GraphQLSyntaxError as error:
        return format_error(error, "")
    return _bad("The document does not parse.")


class _CodedSchema:
    """What the handler calls `schema`: runs subscriptions only, and codes every error."""

    def __init__(self, schema: NewsSchema) -> None:
        self.schema = schema

    async def stream(self, query: str, **kwargs: Any) -> AsyncGenerator[ExecutionResult, None]:
        kwargs["allowed_operation_types"] = (OperationType.SUBSCRIPTION,)
        source = await self.schema.stream(query, **kwargs)
        return self._coded(cast(AsyncGenerator[ExecutionResult, None], source))

    @staticmethod
    async def _coded(
        source: AsyncGenerator[ExecutionResult, None],
    ) -> AsyncGenerator[ExecutionResult, None]:
        async with aclosing(source):
            async for result in source:
                if result.errors:
                    request_id = uuid.uuid4().hex
                    result.errors = [_Coded(format_error(e, request_id)) for e in result.errors]
                yield result


class _Handler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, endpoint: SubscriptionEndpoint, websocket: WebSocket, context: Context) -> None:
        super().__init__(
            view=cast(Any, endpoint),
            websocket=ASGIWebSocketAdapter(cast(Any, endpoint), websocket, websocket),
            context=context,
            root_value=None,
            schema=cast(Any, _CodedSchema(endpoint.schema)),
            connection_init_wait_timeout=timedelta(seconds=endpoint.init_timeout_s),
        )
        self.endpoint = endpoint

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        refusal = None
        if self.connection_acknowledged and message.get("id") not in self.operations:
            refusal = self._refusal(message)
        if refusal is not None:
            error: ErrorMessage = {"id": message["id"], "type": "error", "payload": [cast(Any, refusal)]}
            await self.send_message(error)
            return
        await super().handle_subscribe(message)

    def _refusal(self, message: SubscribeMessage) -> dict[str, Any] | None:
        """Why this subscribe message may not run (an error to send for its id), or None."""
        limit = self.endpoint.max_subscriptions
        if len(self.operations) >= limit:
            return _bad(f"At most {limit} subscriptions may run on one connection.", limit=limit)
        payload: Any = message.get("payload")
        query = payload.get("query") if isinstance(payload, Mapping) else None
        variables = payload.get("variables") if isinstance(payload, Mapping) else None
        name = payload.get("operationName") if isinstance(payload, Mapping) else None
        if (
            not isinstance(query, str)
            or not isinstance(variables, dict | None)
            or not isinstance(name, str | None)
        ):
            return _bad(
                "The payload needs `query` (a string), and optionally `variables` (an object) and `operationName`."
            )
        try:
            doc = document(query, self.endpoint.limits)
            if doc is None:
                return _syntax_error(query)
            check_cost(doc.ast, name, variables or {}, self.endpoint.limits)
        except TooComplex as error:
            return {"message": str(error), "extensions": error.extensions}
        if doc.has_nul or contains_nul(variables):
            return _bad("Strings may not contain the NUL character (U+0000).")
        operation = doc.operation_type(name)
        if operation is not None and operation != "subscription":
            return _bad(
                "Only subscriptions are served over the WebSocket; send queries and mutations over HTTP."
            )
        return None

    @staticmethod
    def _get_pre_execution_close_reason(error: GraphQLError) -> str | None:
        """Never close the connection over one bad document: its id gets an `error` message."""
        return None


class SubscriptionEndpoint:
    """The WebSocket route for /graphql, and the sockets it has open (closed on shutdown)."""

    def __init__(
        self,
        schema: NewsSchema,
        limits: Limits,
        *,
        max_subscriptions: int = 20,
        init_timeout_s: float = 10.0,
        require_token: bool = False,
    ) -> None:
        self.schema = schema
        self.limits = limits
        self.max_subscriptions = max_subscriptions
        self.init_timeout_s = init_timeout_s
        self.require_token = require_token
        self.sockets: set[WebSocket] = set()

    async def handle(self, websocket: WebSocket) -> None:
        if GRAPHQL_TRANSPORT_WS_PROTOCOL not in websocket.scope.get("subprotocols", ()):
            await websocket.accept()
            await websocket.close(4406, "Subprotocol not acceptable: use graphql-transport-ws")
            return
        await websocket.accept(subprotocol=GRAPHQL_TRANSPORT_WS_PROTOCOL)
        self.sockets.add(websocket)
        try:
            await _Handler(self, websocket, Context()).handle()
        finally:
            self.sockets.discard(websocket)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object]:
        """Check the token of connection_init, if any (required with `require_token`)."""
        wants_check = context.authorization is not None or self.require_token
        if wants_check and await context.principal() is None:
            raise ConnectionRejectionError
        no_payload: UnsetType = UNSET
        return no_payload

    # What strawberry's WebSocket adapter asks of its view.
    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> str:
        return orjson.dumps(data).decode()

    async def close_all(self) -> None:
        """Close every open socket with 1001 (going away): the server is shutting down."""
        for websocket in list(self.sockets):
            if websocket.application_state == WebSocketState.CONNECTED:
                try:
                    await websocket.close(GOING_AWAY, "Server shutting down")
                except RuntimeError:  # closed meanwhile
                    continue
