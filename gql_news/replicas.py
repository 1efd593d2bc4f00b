"""Read replicas: which server a request's reads go to, and whether a replica has replayed enough.

A position in PostgreSQL's write-ahead log (an LSN) orders every commit. A replica that has
replayed up to an LSN shows every commit before it, so a read may go to a replica when the
replica's `pg_last_wal_replay_lsn()` is at least what the read must see:

- the process's floor: the primary's WAL position read right after the last write this process
  heard of (the data-version listener reads it after each notification; this process's own
  writes raise it too). A response is cached under the data version of that write, so it must
  not be read from a replica that has not replayed it. While the floor is unknown (a
  notification just came, or the listener is down) reads go to the primary.
- the client's own last write (read-your-writes): the WAL position after its commit is handed
  back (`X-Gql-News-Lsn` header and cookie, and remembered per API token in the process), and
  its reads go to the primary until a replica has replayed that far, and skip the response
  cache of a process whose floor is below it (its notification has not come yet).

Every serving process on PostgreSQL follows these positions, with replicas or without: without,
`Replicas` holds none, every read goes to the primary, and the positions only keep a client
from being answered from a cache made before its own write.

How far a replica has replayed is remembered per replica and asked again (on the connection the
read then uses) only when a read needs more and the last answer is older than a few
milliseconds: with no writes, choosing a replica costs no statement. A replica that fails (it
refuses connections, drops one, or is no standby) leaves the rotation at once; the request goes
on on the primary, and a background probe brings the replica back, trying with a growing delay.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

logger = logging.getLogger("gql_news.replicas")

LSN_HEADER = "X-Gql-News-Lsn"
LSN_COOKIE = "gql_news_lsn"
# How long a client's write is remembered (cookie and per token): replicas replay within
# milliseconds; one lagging more than this is late enough to be looked at by an operator.
REMEMBER_S = 300

# LSNs as numbers (bytes into the WAL): asyncpg has no codec for pg_lsn. The insert position:
# read after a commit, it lies past that commit's record even when the commit did not wait for
# the record to be flushed (`synchronous_commit` off: the count folds and neighbour lists, and
# any database or role configured so), and the notification went out at commit all the same.
# The flushed position read then may lie before the record, so a replica that had replayed it
# could answer without the write a version already announced.
#
# Right after a page fills up, the insert position lies past the next page's header (24 bytes;
# 40 at the start of a segment) though no record follows yet, while a replica's replayed
# position stops at the page boundary until the next record is written: the header is taken off,
# or reads would wait for some other write (about once per thousand commits, seconds on an idle
# primary). No record can end right after a header, so nothing written is left out.
_AFTER_HEADER = """
WITH p AS (SELECT ({lsn} - '0/0'::pg_lsn)::bigint AS l,
                  current_setting('wal_block_size')::bigint AS page,
                  pg_size_bytes(current_setting('wal_segment_size')) AS segment)
SELECT CASE WHEN l % segment = 40 THEN l - 40 WHEN l % page = 24 THEN l - 24 ELSE l END AS lsn FROM p
"""
WRITTEN_LSN_SQL = _AFTER_HEADER.format(lsn="pg_current_wal_insert_lsn()")
REPLAYED_LSN_SQL = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS lsn"

_FRESH_S = 0.005  # a replica's replayed LSN is asked again only when older than this
_BACKOFF_MIN_S = 0.5
_BACKOFF_MAX_S = 30.0
_REMEMBERED_TOKENS = 10_000
_LSN_TEXT = re.compile(r"[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")


def parse_lsn(text: str | None) -> int | None:
    """An LSN as PostgreSQL writes it (`16/B374D848`) as a number; None for anything else."""
    if not text or not _LSN_TEXT.fullmatch(text.strip()):
        return None
    high, _, low = text.strip().partition("/")
    return (int(high, 16) << 32) | int(low, 16)


def format_lsn(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


@dataclass
class Replica:
    """One replica: its Tortoise connection, how far it had replayed when last asked, its health."""

    name: str  # the Tortoise connection name
    where: str  # host:port/database, for logs
    replayed: int = -1
    checked_at: float = float("-inf")
    down: bool = False
    backoff_s: float = _BACKOFF_MIN_S


@dataclass
class WriteMark:
    """The WAL position after the last write a request committed (None: it wrote nothing)."""

    lsn: int | None = None


_mark: ContextVar[WriteMark | None] = ContextVar("gql_news_write_mark", default=None)


@contextmanager
def marking_writes() -> Iterator[WriteMark]:
    """Note in the yielded mark the WAL position after each write the block commits."""
    mark = WriteMark()
    token = _mark.set(mark)
    try:
        yield mark
    finally:
        _mark.reset(token)


class Replicas:
    """The replicas of this process, in rotation, with the floor every read must see."""

    def __init__(self, replicas: Sequence[Replica]) -> None:
        self.replicas = list(replicas)
        self.floor: int | None = None  # unknown until the listener (or a write) reads it
        self._next = 0
        self._probes: dict[str, asyncio.Task[None]] = {}
        self.reads = {"replica": 0, "primary": 0}  # requests that could use a replica: where they read

    # -- the floor ------------------------------------------------------------------------------

    def floor_unknown(self) -> None:
        """A write was announced whose position is not read yet: reads go to the primary."""
        self.floor = None

    def floor_at(self, lsn: int) -> None:
        self.floor = lsn if self.floor is None else max(self.floor, lsn)

    async def committed(self, primary: BaseDBAsyncClient) -> None:
        """After a commit: read the primary's WAL position, raise the floor, mark the request."""
        try:
            rows = await primary.execute_query_dict(WRITTEN_LSN_SQL)
        except Exception as exc:  # noqa: BLE001 - the write is committed; reads go to the primary meanwhile
            logger.warning("could not read the WAL position after a write (%s)", type(exc).__name__)
            self.floor_unknown()
            return
        lsn = int(rows[0]["lsn"])
        if self.floor is not None:
            self.floor = max(self.floor, lsn)
        mark = _mark.get()
        if mark is not None:
            mark.lsn = lsn if mark.lsn is None else max(mark.lsn, lsn)

    # -- choosing a replica ---------------------------------------------------------------------

    async def connection(self, stack: AsyncExitStack, need: int) -> tuple[Any, Replica] | None:
        """A pooled connection (held until `stack` closes) to a replica that has replayed at least
        `need` and the floor; None when none has (or none answers): read from the primary."""
        if not self.replicas:  # the primary only: nothing to choose (nor to count)
            return None
        floor = self.floor
        if floor is None:
            self.reads["primary"] += 1
            return None
        need = max(need, floor)
        now = time.monotonic()
        count = len(self.replicas)
        start = self._next
        for step in range(count):
            replica = self.replicas[(start + step) % count]
            if replica.down or (replica.replayed < need and now - replica.checked_at < _FRESH_S):
                continue
            self._next = (start + step + 1) % count
            connection = await self._open(replica, stack, need)
            if connection is not None:
                self.reads["replica"] += 1
                return connection, replica
        self.reads["primary"] += 1
        return None

    async def _open(self, replica: Replica, stack: AsyncExitStack, need: int) -> Any:
        inner = AsyncExitStack()
        connection: Any = None
        try:
            connection = await inner.enter_async_context(connections.get(replica.name).acquire_connection())
            if replica.replayed < need:
                self._replayed(replica, await connection.fetchval(REPLAYED_LSN_SQL))
        except Exception as exc:  # noqa: BLE001 - whatever a failing replica raises: read from the primary
            if connection is not None:
                connection.terminate()
            await _close_quietly(inner)
            self.lost(replica, exc)
            return None
        if replica.down or replica.replayed < need:
            await _close_quietly(inner)
            return None
        stack.push_async_callback(_close_quietly, inner)
        return connection

    def _replayed(self, replica: Replica, lsn: int | None) -> None:
        replica.checked_at = time.monotonic()
        if lsn is None:  # not in recovery: promoted, or not a replica at all
            self.lost(replica, None)
            return
        replica.replayed = max(replica.replayed, int(lsn))

    # -- losing and finding replicas ------------------------------------------------------------

    def lost(self, replica: Replica, exc: BaseException | None) -> None:
        """Take a replica out of rotation; a probe brings it back once it answers as a standby."""
        if replica.down:
            return
        replica.down = True
        reason = type(exc).__name__ if exc is not None else "it is not in recovery"
        logger.warning("replica %s out of rotation (%s); reading from the primary", replica.where, reason)
        self._probes[replica.name] = asyncio.create_task(
            self._probe(replica), name=f"gql_news-probe-{replica.name}"
        )

    async def _probe(self, replica: Replica) -> None:
        while replica.down:
            await asyncio.sleep(replica.backoff_s)
            replica.backoff_s = min(replica.backoff_s * 2, _BACKOFF_MAX_S)
            try:
                async with connections.get(replica.name).acquire_connection() as connection:
                    lsn = await connection.fetchval(REPLAYED_LSN_SQL)
            except Exception:  # noqa: BLE001 - still away: try again later
                continue
            if lsn is not None:
                replica.replayed = max(replica.replayed, int(lsn))
                replica.checked_at = time.monotonic()
                replica.backoff_s = _BACKOFF_MIN_S
                replica.down = False
                logger.warning("replica %s is back in rotation", replica.where)
        self._probes.pop(replica.name, None)

    async def close(self) -> None:
        probes = list(self._probes.values())
        for probe in probes:
            probe.cancel()
        await asyncio.gather(*probes, return_exceptions=True)
        self._probes.clear()


async def _close_quietly(stack: AsyncExitStack) -> None:
    """Give a replica's connection back; one the server dropped cannot fail the request."""
    try:
        await stack.aclose()
    except Exception as exc:  # noqa: BLE001 - whatever releasing a dead connection raises
        logger.debug("releasing a replica connection failed (%s)", type(exc).__name__)


class RecentWrites:
    """The WAL position of each API token's last write, for REMEMBER_S (bounded, oldest out)."""

    def __init__(self, size: int = _REMEMBERED_TOKENS, clock: Callable[[], float] = time.monotonic) -> None:
        self._size = size
        self._clock = clock
        self._entries: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wrote(self, key: str, lsn: int) -> None:
        self._entries.pop(key, None)
        self._entries[key] = (lsn, self._clock() + REMEMBER_S)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def lsn(self, key: str) -> int:
        """The position the holder of `key` must read at least (0: nothing recent)."""
        entry = self._entries.get(key)
        if entry is None:
            return 0
        if entry[1] < self._clock():
            del self._entries[key]
            return 0
        return entry[0]

    def __bool__(self) -> bool:
        return bool(self._entries)
