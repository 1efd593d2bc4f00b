"""A minimal graphql-transport-ws client over `websockets`, for asserting on exact frames."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"
_WAIT_S = 20  # generous: the machine is shared; a hang fails the test instead of blocking it


class WsClient:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    async def send(self, message: dict[str, Any]) -> None:
        await self.connection.send(json.dumps(message))

    async def receive(self) -> dict[str, Any]:
        raw = await asyncio.wait_for(self.connection.recv(), _WAIT_S)
        message: dict[str, Any] = json.loads(raw)
        return message

    async def init(self, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        await self.send({"type": "connection_init", **({"payload": payload} if payload is not None else {})})
        return await self.receive()

    async def subscribe(self, op_id: str, query: str, variables: dict[str, Any] | None = None) -> None:
        await self.send(
            {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
        )

    async def synced(self) -> None:
        """Ping and wait for the pong: the server has handled every message sent before."""
        await self.send({"type": "ping"})
        while (await self.receive())["type"] != "pong":
            pass


@asynccontextmanager
async def ws_connect(url: str, subprotocols: list[str] | None = None) -> AsyncIterator[WsClient]:
    async with connect(url, subprotocols=subprotocols or [PROTOCOL], open_timeout=20) as connection:  # type: ignore[arg-type]
        yield WsClient(connection)
