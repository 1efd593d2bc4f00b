"""uvicorn's httptools protocol with the bounds it lacks: the request head's size and two deadlines.

httptools buffers a header value whole before handing it over, so a client could make a worker
hold a 100 MB header; and uvicorn has no deadline for a request's head or body, so a client
trickling one byte a second holds a connection (and a task) for ever. Here:

- the bytes received while a request's line and headers are incomplete are counted, and past
  `max_header_bytes` the client gets 431 and the connection closes (at most one read beyond
  the limit is held);
- from connection or request start, the head must be complete within `header_timeout_s`, and
  then the body within `body_timeout_s`; past either the connection closes (408 while the head
  is incomplete; a late body reaches the app as a disconnect).

The limits come from the settings (the environment), which every worker reads the same way.
uvicorn is given this class as its `http` protocol by `gql-news serve`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gql_news.settings import get_settings

logger = logging.getLogger("gql_news.http")

_REASONS = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol with a head size limit and head and body deadlines."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.max_head_bytes = settings.max_header_bytes
        self.head_timeout_s = settings.header_timeout_s
        self.body_timeout_s = settings.body_timeout_s
        self._in_head = True
        self._head_bytes = 0
        self._deadline: asyncio.TimerHandle | None = None

    # Deadlines
    def _arm(self, seconds: float, in_head: bool) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expired, in_head)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self, in_head: bool) -> None:
        self._deadline = None
        if self.transport is None or self.transport.is_closing():
            return
        logger.info(
            "closed a connection from %s: its request's %s came too slowly",
            self._peer(),
            "head" if in_head else "body",
        )
        if in_head:
            self._refuse(408, b"The request's line and headers did not arrive in time.")
        else:
            self.transport.close()

    def _peer(self) -> str:
        return f"{self.client[0]}:{self.client[1]}" if self.client else "-"

    def _refuse(self, status: int, message: bytes) -> None:
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
            b"connection: close\r\n\r\n%s" % (status, _REASONS[status], len(message), message)
        )
        self.transport.close()

    # Protocol interface
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.head_timeout_s, True)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._in_head and self._head_bytes > self.max_head_bytes and not self.transport.is_closing():
            logger.info(
                "refused a request from %s: its head exceeds %d bytes", self._peer(), self.max_head_bytes
            )
            self._disarm()
            self._refuse(431, b"The request's line and headers are too large.")

    def handle_websocket_upgrade(self) -> None:
        self._disarm()  # the WebSocket protocol takes the transport over, with its own limits
        super().handle_websocket_upgrade()

    # Parser callbacks
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # a request following another on this connection
            self._arm(self.head_timeout_s, True)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        if self.parser.should_upgrade():
            self._disarm()
        else:
            self._arm(self.body_timeout_s, False)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        self._in_head = True  # what arrives next is the head of the next request
        self._head_bytes = 0
        super().on_message_complete()
