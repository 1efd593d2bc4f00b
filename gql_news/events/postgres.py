"""Fan-out over PostgreSQL LISTEN/NOTIFY: no service beyond the database the app already uses.

Publishing is `pg_notify` on a pooled connection. Receiving needs a connection of its own:
the pool resets connections with `UNLISTEN *` and hands them to other queries, so each
process keeps one dedicated asyncpg connection LISTENing, and reconnects (with backoff) when
it drops. A NOTIFY sent while it is reconnecting is lost, the events it announced are not:
they are in the outbox, read when the connection is back (and by the timed reads meanwhile).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import asyncpg
from tortoise import connections
from tortoise.backends.base.config_generator import expand_db_url

from gql_news.events.broker import ListeningBroker, encode

logger = logging.getLogger("gql_news.events")

_PING_EVERY_S = 15.0  # a connection dropped without a FIN is only noticed when used


def connect_kwargs(database_url: str) -> dict[str, Any]:
    """asyncpg.connect arguments for a Tortoise database URL (its own query options dropped)."""
    credentials = expand_db_url(database_url)["credentials"]
    return {key: credentials.get(key) for key in ("host", "port", "user", "password", "database")}


class PostgresBroker(ListeningBroker):
    """NOTIFY to publish, one dedicated LISTEN connection per process to receive."""

    _errors = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)

    def __init__(self, database_url: str, channel: str, **reader: float) -> None:
        super().__init__(**reader)
        self.channel = channel
        self._connect = connect_kwargs(database_url)
        self._connection: asyncpg.Connection | None = None

    async def publish(self, last_id: int) -> None:
        client = connections.get("default")
        await client.execute_query("SELECT pg_notify($1, $2)", [self.channel, encode(last_id)])

    async def _receive(self) -> None:
        connection = await asyncpg.connect(
            **self._connect, timeout=10, server_settings={"application_name": "gql_news-listen"}
        )
        self._connection = connection
        try:
            lost = asyncio.Event()
            connection.add_termination_listener(lambda _conn: lost.set())
            await connection.add_listener(self.channel, self._on_notify)
            self._ready()
            logger.info("listening for events on PostgreSQL channel %r", self.channel)
            while not lost.is_set() and not self.closed:  # closed by the server, or silent to a ping
                try:
                    await asyncio.wait_for(lost.wait(), _PING_EVERY_S)
                except TimeoutError:
                    await connection.execute("SELECT 1", timeout=5)
        finally:
            self._connection = None
            connection.terminate()

    def _cut(self) -> None:
        if self._connection is not None:
            self._connection.terminate()

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self.deliver_message(payload)
