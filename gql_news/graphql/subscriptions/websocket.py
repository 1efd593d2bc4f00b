"""The WebSocket side of /graphql: strawberry's graphql-transport-ws handler, with our rules.

- Only the `graphql-transport-ws` subprotocol is spoken. The legacy `graphql-ws`
  (subscriptions-transport-ws, unmaintained since 2021) is refused: the socket is accepted
  and closed with 4406, as the protocol prescribes for an unacceptable subprotocol.
- Only subscriptions run here; queries and mutations go over HTTP.
- Each subscribe message goes through the schema's pre-execution pipeline, as HTTP requests do
  (parse once, limits, cost, validation, masking); a refusal, a syntax or validation error is an
  `error` message for that id, and the connection stays open. Errors carry `extensions.code`,
  and masked ones the socket's request id, which the log lines of that socket carry too.
- Messages are at most `max_ws_message_bytes` (uvicorn closes the socket with 1009 past it).
- At most `max_subscriptions_per_connection` run at once per socket, and
  `max_subscriptions_per_worker` in the whole process; `connection_init` must arrive within
  `ws_init_timeout_s` (else 4408). A token in the connection_init payload
  (`{"authorization": "Bearer …"}`) must be valid (else 4403), and stay valid: it is checked
  again at each subscribe message and before events are delivered, so a revoked token loses
  its subscriptions. With `subscriptions_require_token` one is required.
- On shutdown the lifespan closes the sockets still open with 1001 (going away).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncGenerator, Mapping
from datetime import timedelta
from typing import Any, cast

import orjson
from graphql import GraphQLError
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

from gql_news.graphql.context import Context
from gql_news.graphql.pipeline.extension import coded
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


class _CodedSchema:
    """What the handler calls `schema`: runs subscriptions only, and codes every error."""

    def __init__(self, schema: NewsSchema) -> None:
        self.schema = schema

    async def stream(self, query: str, **kwargs: Any) -> AsyncGenerator[ExecutionResult, None]:
        kwargs["allowed_operation_types"] = (OperationType.SUBSCRIPTION,)
        source = await self.schema.stream(query, **kwargs)
        request_id = kwargs["context_value"].request_id
        return self._coded(cast(AsyncGenerator[ExecutionResult, None], source), request_id)

    @staticmethod
    async def _coded(
        source: AsyncGenerator[ExecutionResult, None], request_id: str
    ) -> AsyncGenerator[ExecutionResult, None]:
        """Every error coded (the pipeline already did, but for failures outside it)."""
        async with aclosing(source):
            async for result in source:
                if result.errors:
                    result.errors = [coded(e, request_id) for e in result.errors]
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
            refusal = await self._refusal(message)
        if refusal is not None:
            error: ErrorMessage = {"id": message["id"], "type": "error", "payload": [cast(Any, refusal)]}
            await self.send_message(error)
            return
        await super().handle_subscribe(message)

    async def _refusal(self, message: SubscribeMessage) -> dict[str, Any] | None:
        """Why this subscribe message may not run (an error to send for its id), or None."""
        limit = self.endpoint.max_subscriptions
        if len(self.operations) >= limit:
            return _bad(f"At most {limit} subscriptions may run on one connection.", limit=limit)
        if self.endpoint.running >= self.endpoint.max_worker_subscriptions:
            return _bad(
                "The server runs as many subscriptions as it can; try again later.",
                "SERVICE_UNAVAILABLE",
                limit=self.endpoint.max_worker_subscriptions,
            )
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
        if self.context.authorization is not None and await self.context.principal(max_age_s=0) is None:
            return _bad("The connection's API token is not valid (revoked?).", "UNAUTHENTICATED")
        operation = self.endpoint.schema.pipeline.document(query).operation(name)
        if operation is not None and operation.kind != "subscription":
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
        *,
        max_subscriptions: int = 20,
        max_worker_subscriptions: int = 1000,
        init_timeout_s: float = 10.0,
        require_token: bool = False,
    ) -> None:
        self.schema = schema
        self.max_subscriptions = max_subscriptions
        self.max_worker_subscriptions = max_worker_subscriptions
        self.init_timeout_s = init_timeout_s
        self.require_token = require_token
        self.sockets: dict[WebSocket, _Handler] = {}

    @property
    def running(self) -> int:
        """Subscriptions running in this process, on every socket."""
        return sum(len(handler.operations) for handler in self.sockets.values())

    async def handle(self, websocket: WebSocket) -> None:
        if GRAPHQL_TRANSPORT_WS_PROTOCOL not in websocket.scope.get("subprotocols", ()):
            await websocket.accept()
            await websocket.close(4406, "Subprotocol not acceptable: use graphql-transport-ws")
            return
        await websocket.accept(subprotocol=GRAPHQL_TRANSPORT_WS_PROTOCOL)
        # One id for the socket: masked errors name it, and so do the log lines written for it.
        context = Context(request_id=uuid.uuid4().hex, token_required=self.require_token)
        client = websocket.client
        logger.info(
            "websocket opened (request id %s) from %s",
            context.request_id,
            f"{client.host}:{client.port}" if client else "-",
        )
        handler = _Handler(self, websocket, context)
        self.sockets[websocket] = handler
        try:
            await handler.handle()
        finally:
            del self.sockets[websocket]

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
