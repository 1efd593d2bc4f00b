"""Raw, column-picked SQL on Tortoise's connection, written once for SQLite and PostgreSQL.

Loaders hand strawberry plain rows instead of ORM instances: building model objects is where a
Tortoise-backed GraphQL server spends much of its time. Queries are written with `?`
placeholders; on PostgreSQL they become `$1..$n`.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import orjson
from tortoise import connections
from tortoise.log import db_client_logger

from gql_news.db import read_replicas
from gql_news.replicas import Replica

Row = dict[str, Any]

logger = logging.getLogger("gql_news.sql")

_PLACEHOLDER = re.compile(r"\?")


def is_postgres() -> bool:
    dialect: str = connections.get("default").capabilities.dialect
    return dialect == "postgres"


def to_dialect(sql: str) -> str:
    """`?` placeholders as the connected database expects them."""
    if not is_postgres():
        return sql
    counter = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _m: f"${next(counter)}", sql)


class _RequestConnection:
    """One pooled PostgreSQL connection held for a whole request, taken on its first query.

    Loaders of one request may fire concurrently; an asyncpg connection runs one statement at
    a time, so they take turns on the lock. A query's connection may be a replica's
    (`read_from_replicas`); everything else reads from the primary.
    """

    def __init__(self) -> None:
        self.stack = AsyncExitStack()
        self.connection: Any = None
        self.lock = asyncio.Lock()
        self.need: int | None = None  # a replica must have replayed this far; None: the primary
        self.replica: Replica | None = None  # the replica `connection` is to


_held: ContextVar[_RequestConnection | None] = ContextVar("gql_news_request_connection", default=None)


@asynccontextmanager
async def request_connection() -> AsyncIterator[None]:
    """Run every `fetch` of the block on one connection (PostgreSQL) instead of one per query."""
    held = _RequestConnection()
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        await _give_back(held)


def read_from_replicas(need: int) -> None:
    """Let the request's reads go to a replica that has replayed the WAL up to `need` (and the
    process's floor); without replicas, or while none has, they go to the primary."""
    held = _held.get()
    if held is not None:
        held.need = need


async def _give_back(held: _RequestConnection) -> None:
    """Return the held connection to the pool; a connection the database dropped cannot fail
    the request whose answer is already made (asyncpg has put its slot back in the pool)."""
    held.connection = None
    held.replica = None
    try:
        await held.stack.aclose()
    except Exception as exc:  # noqa: BLE001 - whatever releasing a dead connection raises
        logger.warning("a database connection was lost (%s); the pool replaces it", type(exc).__name__)


async def release_request_connection() -> None:
    """Give the request's held connection back to the pool, before a write takes its own.

    A request holding one pooled connection while waiting for a second (a mutation's
    transaction) could deadlock the pool under load; a later `fetch` takes one again.
    """
    held = _held.get()
    if held is None:
        return
    async with held.lock:
        if held.connection is not None:
            await _give_back(held)


def _connection_lost(exc: BaseException) -> bool:
    """Whether a failed statement leaves its connection unusable: anything but an error the
    server reported on a healthy session (a statement cancelled by its timeout included).

    asyncpg is imported here, where a PostgreSQL statement failed (it is then loaded already), not
    with the module: an import into SQLite does not load it (~0.02 s of CPU)."""
    import asyncpg

    if isinstance(exc, asyncpg.QueryCanceledError):
        return False
    if isinstance(exc, (asyncpg.OperatorInterventionError, asyncpg.PostgresConnectionError)):
        return True  # shutdown, crash, restart: the server ends the session
    return not isinstance(exc, asyncpg.PostgresError)


async def fetch(sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Run one SELECT and return its rows (dicts, or asyncpg records that read the same way)."""
    client = connections.get("default")
    held = _held.get()
    if held is None or client.capabilities.dialect != "postgres":
        rows: list[Row] = await client.execute_query_dict(to_dialect(sql), list(params))
        return rows
    query = to_dialect(sql)
    if db_client_logger.isEnabledFor(logging.DEBUG):
        db_client_logger.debug("%s: %s", query, params)
    async with held.lock:
        while True:
            if held.connection is None:
                await _take(held, client)
            replica = held.replica
            try:
                records: list[Row] = await held.connection.fetch(query, *params)
            except BaseException as exc:
                lost = _connection_lost(exc)
                if lost:
                    # The server may have sent its farewell before the socket closes: asyncpg then
                    # still thinks the session is busy, and a next statement on it would fail with
                    # an internal error. Close it now; the next `fetch` takes a fresh connection.
                    held.connection.terminate()
                    await _give_back(held)
                replicas = read_replicas()
                if replica is None or replicas is None or not (lost or _recovery_conflict(exc)):
                    raise
                # A replica failed: the request reads on from the primary, the client sees nothing.
                if lost:
                    replicas.lost(replica, exc)
                else:
                    await _give_back(held)
                held.need = None
                continue
            return records


async def _take(held: _RequestConnection, primary: Any) -> None:
    replicas = read_replicas()
    if held.need is not None and replicas is not None:
        found = await replicas.connection(held.stack, held.need)
        if found is not None:
            held.connection, held.replica = found
            return
    held.connection = await held.stack.enter_async_context(primary.acquire_connection())


def _recovery_conflict(exc: BaseException) -> bool:
    """A replica cancelled the statement because replaying the WAL needed what it read (SQLSTATE
    40001 there, 40P01 for a buffer-pin deadlock): the primary answers it."""
    import asyncpg

    return isinstance(exc, asyncpg.PostgresError) and exc.sqlstate in {"40001", "40P01"}


def in_list(values: Sequence[Any]) -> str:
    """`(?, ?, ?)` for an IN clause of these values (never empty)."""
    return "(" + ", ".join("?" for _ in values) + ")" if values else "(NULL)"


def as_datetime(value: Any) -> datetime:
    """A timestamp column as an aware datetime (SQLite hands back the stored ISO text)."""
    result = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if result.tzinfo is None:
        result = result.replace(tzinfo=UTC)
    return result


def like_pattern(text: str) -> str:
    """A case-folded `LIKE` pattern matching `text` as a substring (with `ESCAPE '\\'`)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def json_list(value: Any) -> list[str]:
    """A JSON list column (text on SQLite, jsonb text via asyncpg) as a Python list."""
    if value is None:
        return []
    if isinstance(value, (bytes, str)):
        loaded = orjson.loads(value)
        return list(loaded) if isinstance(loaded, list) else []
    return list(value)


async def fetch_one(sql: str, params: Sequence[Any] = ()) -> Row | None:
    rows = await fetch(sql, params)
    return rows[0] if rows else None
