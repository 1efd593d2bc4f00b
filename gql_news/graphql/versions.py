"""Data versions: what a cached response is valid against, at no cost to writers and, while
the channel is up, none to readers.

A version is an opaque token that changes whenever a write to the news graph commits, in
every process. `current()` is asked once per cacheable request.

- PostgreSQL (`PushedVersions`): writes announce themselves at commit (`pg_notify` from
  statement triggers, migration 0012_data_notify, payload: the transaction id). Each process
  keeps one connection LISTENing; the token is the last transaction announced, the same in
  every process that received it, so ETags agree across replicas. No statement is run for a
  cache hit. While that connection is down (and until it is back and listening) the token is
  read instead, from the database's current snapshot (`pg_current_snapshot()`: its text changes
  whenever any write transaction ends, and never returns to an earlier value): one statement,
  touching no table, and never a stale answer. A silent connection is caught by a heartbeat.
  An answer can be stale only for the moment between a commit and its notification reaching a
  process (milliseconds, more under load); not in the process that wrote: its own commits
  (`db.writing`) replace the token with a fresh one at once, until the next notification brings
  a shared one (or, when its own came first, after a second: the last one announced covered
  it); and not for the client that wrote, in any process: it sends back the write's WAL
  position, and a process whose floor (the position read after its last notification) is
  below it does not answer that client from the cache (`graphql.http`, `gql_news.replicas`).
- The same connection reads the primary's WAL position after each notification (coalesced:
  one statement for a burst): the floor the client's last write is compared with, and with
  read replicas the position a replica must have replayed before it may answer a query
  (`gql_news.replicas`); reads go to the primary meanwhile.
- SQLite (`CounterVersions`): the `data_version` counter the triggers bump, read once per
  request (SQLite serialises writers anyway).
"""

from __future__ import annotations

import abc
import asyncio
import hashlib
import itertools
import logging
import os
from typing import TYPE_CHECKING, Any

from gql_news.db import committed_hooks, read_replicas
from gql_news.graphql.sql import fetch_one
from gql_news.replicas import WRITTEN_LSN_SQL
from gql_news.tasks import stop

if TYPE_CHECKING:
    import asyncpg

logger = logging.getLogger("gql_news.events")

CHANNEL = "gql_news_data"
_HEARTBEAT_S = 2.0  # a connection dropped without a FIN is noticed within this (plus its timeout)
_BACKOFF_MIN_S = 0.2
_BACKOFF_MAX_S = 5.0
_LOCAL = itertools.count(1)
# A write's own notification comes round in milliseconds; past this, none is on its way.
_SETTLE_S = 1.0


class DataVersions(abc.ABC):
    """The token a cached response is stamped with and checked against."""

    async def start(self) -> None:  # noqa: B027 - nothing to start for a counter read per request
        """Begin following writes."""

    async def close(self) -> None:  # noqa: B027
        """Stop following writes."""

    @abc.abstractmethod
    async def current(self) -> str:
        """The version now. Raises when the database cannot be asked (the caller answers 503)."""


class CounterVersions(DataVersions):
    """The `data_version` row, bumped by triggers on every write (SQLite)."""

    async def current(self) -> str:
        row = await fetch_one("SELECT version FROM data_version WHERE id = 1")
        return f"s{int(row['version']) if row else 0}"


def _digest(snapshot: str) -> str:
    return hashlib.sha256(snapshot.encode()).hexdigest()[:20]


class PushedVersions(DataVersions):
    """The last write announced on the `gql_news_data` channel (PostgreSQL)."""

    def __init__(self, connect: dict[str, Any]) -> None:
        self._connect = connect
        self._token: str | None = None  # None while not listening: read the snapshot instead
        self._announced: str | None = None  # the last token the channel brought
        self._task: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        # Set when a notification came (the floor is to be read) or the connection dropped.
        self._wake = asyncio.Event()
        self._floor_stale = False
        self._notifications = 0
        self._closing = False
        self._connection: asyncpg.Connection | None = None
        self.fallback_reads = 0

    @property
    def listening(self) -> bool:
        return self._token is not None

    async def start(self) -> None:
        self._closing = False
        committed_hooks.append(self._wrote)
        self._task = asyncio.create_task(self._listen_forever(), name="gql_news-versions")
        try:
            await asyncio.wait_for(self._first_attempt.wait(), 3.0)
        except TimeoutError:
            logger.warning("not following data versions yet; cache checks read the database meanwhile")

    async def close(self) -> None:
        """Stop listening, within about two seconds whatever the connection is doing (`stop`:
        the loops also end on `_closing`, and a listener still running after a second has its
        connection cut)."""
        self._closing = True
        if self._wrote in committed_hooks:
            committed_hooks.remove(self._wrote)
        task, self._task = self._task, None
        if task is not None:
            self._wake.set()
            await stop(task, "the data-version listener", self._cut)
        self._token = None

    def _cut(self) -> None:
        self._wake.set()
        if self._connection is not None:
            self._connection.terminate()

    async def current(self) -> str:
        token = self._token
        if token is not None:
            return token
        self.fallback_reads += 1
        row = await fetch_one("SELECT pg_current_snapshot()::text AS s")
        return f"x{_digest(str(row['s']) if row else '')}"

    def _wrote(self) -> None:
        """This process committed a write: a token no one has used, until its notification."""
        if self._token is None:
            return
        token = self._token = f"w{os.getpid()}.{next(_LOCAL)}"
        asyncio.get_running_loop().call_later(_SETTLE_S, self._settle, token)

    def _settle(self, token: str) -> None:
        """No notification came since that write: its own came first (or it changed nothing
        announced), so the last one announced covers it, and the token is shared again."""
        if self._token == token and self._announced is not None:
            self._token = self._announced

    def _on_notify(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        if self._token is not None:
            self._token = self._announced = f"n{payload[:20]}"
        replicas = read_replicas()
        if replicas is not None:
            # Until the primary's WAL position after this write is read, no replica is known to
            # have it: a response cached under the new token must not be read from one.
            replicas.floor_unknown()
            self._notifications += 1
            self._floor_stale = True
            self._wake.set()

    async def _read_floor(self, connection: asyncpg.Connection) -> None:
        """The primary's WAL position now covers every write notified before the statement was
        sent; a notification arriving meanwhile asks for another read."""
        self._floor_stale = False
        seen = self._notifications
        lsn = await connection.fetchval(WRITTEN_LSN_SQL, timeout=_HEARTBEAT_S)
        replicas = read_replicas()
        if replicas is not None and self._notifications == seen:
            replicas.floor_at(int(lsn))

    async def _listen_forever(self) -> None:
        # asyncpg is imported by the PostgreSQL listener that uses it, not with the module (which
        # an import into SQLite loads: ~0.02 s of CPU less there).
        import asyncpg

        backoff = _BACKOFF_MIN_S
        while not self._closing:
            try:
                await self._receive()
                backoff = _BACKOFF_MIN_S
                if self._closing:
                    return
                logger.warning("the data-version listener lost its connection; reconnecting")
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                if self._closing:  # its connection was cut to stop it
                    return
                logger.warning(
                    "could not follow data versions (%s); retrying in %.1f s", type(exc).__name__, backoff
                )
            finally:
                self._token = self._announced = None
                self._first_attempt.set()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, _BACKOFF_MAX_S)

    async def _receive(self) -> None:
        import asyncpg

        connection = await asyncpg.connect(
            **self._connect, timeout=5, server_settings={"application_name": "gql_news-versions"}
        )
        self._connection = connection
        try:
            lost = asyncio.Event()

            def dropped(_conn: Any) -> None:
                lost.set()
                self._wake.set()

            connection.add_termination_listener(dropped)
            await connection.add_listener(CHANNEL, self._on_notify)
            # Listening from here on: every later commit is announced. What committed before is
            # in the snapshot, so the token differs from any taken before a write we missed.
            snapshot = await connection.fetchval("SELECT pg_current_snapshot()::text")
            self._token = self._announced = f"c{_digest(str(snapshot))}"
            self._floor_stale = read_replicas() is not None
            self._first_attempt.set()
            while not lost.is_set() and not self._closing:
                if self._floor_stale:
                    await self._read_floor(connection)
                    continue
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), _HEARTBEAT_S)
                except TimeoutError:
                    await connection.execute("SELECT 1", timeout=_HEARTBEAT_S)
        finally:
            self._connection = None
            self._token = self._announced = None
            replicas = read_replicas()
            if replicas is not None:
                replicas.floor_unknown()
            connection.terminate()


def open_versions(is_postgres: bool, database_url: str) -> DataVersions:
    if not is_postgres:
        return CounterVersions()
    from gql_news.events.postgres import connect_kwargs

    return PushedVersions(connect_kwargs(database_url))
