"""The event outbox: article events as rows, written by the writing transaction, read by every
instance (see migration 0011_event_outbox).

`record` inserts a write's events just before its transaction commits: an event exists exactly
when its write committed, whatever happens to the wake-up that follows (NOTIFY or Redis
PUBLISH, fire and forget). `OutboxReader` is each process's fan-out: while the process has
subscribers it reads the rows past the last one it delivered, after every wake-up and on a
timer (faster while the wake-up channel is down), and hands each row to the local subscribers
once. Ids come from a sequence, so a transaction that took an id may commit after a later one:
an id skipped over is read again until it appears or `gap_wait_s` has passed (a rolled-back
write leaves its id unused for ever). Delivery is at least once: a resuming subscriber may see
an event twice, with the same id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from gql_news.events.event import REASONS, ArticleEvent, Reason
from gql_news.graphql.sql import in_list, to_dialect
from gql_news.tasks import stop

logger = logging.getLogger("gql_news.events")

IDS_PER_EVENT = 500  # articles per event: receivers match an event's ids in one statement
PAGE = 200  # rows per read: an event holds up to a batch's article ids
MAX_MISSING = 10_000  # skipped ids waited for at once (~1 MB); past it the oldest are given up
_EPOCH = {
    "postgres": "extract(epoch FROM clock_timestamp())",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}


def _client() -> BaseDBAsyncClient:
    client: BaseDBAsyncClient = connections.get("default")
    return client


def _now(client: BaseDBAsyncClient) -> str:
    return _EPOCH["postgres" if client.capabilities.dialect == "postgres" else "sqlite"]


async def record(connection: BaseDBAsyncClient, pending: dict[int, Reason]) -> int | None:
    """Insert the events of one write on its transaction's connection: one row per reason and
    `IDS_PER_EVENT` articles. The highest id inserted; None when there was nothing to record."""
    last: int | None = None
    sql = to_dialect("INSERT INTO event_outbox (reason, article_ids) VALUES (?, ?) RETURNING id")
    for reason in REASONS:
        ids = sorted(pk for pk, why in pending.items() if why == reason)
        for first in range(0, len(ids), IDS_PER_EVENT):
            chunk = ids[first : first + IDS_PER_EVENT]
            rows = await connection.execute_query_dict(sql, [reason, orjson.dumps(chunk).decode()])
            last = int(rows[0]["id"])
    return last


def _event(row: dict[str, Any]) -> ArticleEvent:
    ids = tuple(int(pk) for pk in orjson.loads(row["article_ids"]))
    reason: Reason = row["reason"]
    return ArticleEvent(ids, reason, event_id=int(row["id"]))


async def last_id() -> int:
    """The newest event's id (0 when there is none)."""
    rows = await _client().execute_query_dict("SELECT COALESCE(MAX(id), 0) AS id FROM event_outbox")
    return int(rows[0]["id"])


async def read_after(after: int, limit: int = PAGE) -> list[ArticleEvent]:
    """The events with ids above `after`, oldest first, at most `limit`."""
    client = _client()
    rows = await client.execute_query_dict(
        to_dialect("SELECT id, reason, article_ids FROM event_outbox WHERE id > ? ORDER BY id LIMIT ?"),
        [after, limit],
    )
    return [_event(row) for row in rows]


async def read_ids(ids: Sequence[int]) -> list[ArticleEvent]:
    """The events among these ids that exist now, oldest first."""
    client = _client()
    out: list[ArticleEvent] = []
    for first in range(0, len(ids), 500):
        chunk = list(ids[first : first + 500])
        rows = await client.execute_query_dict(
            to_dialect(
                f"SELECT id, reason, article_ids FROM event_outbox WHERE id IN {in_list(chunk)} ORDER BY id"
            ),
            chunk,
        )
        out.extend(_event(row) for row in rows)
    return out


async def resume_window() -> tuple[int, int]:
    """The oldest and the newest id the outbox holds (0, 0 when empty)."""
    rows = await _client().execute_query_dict(
        "SELECT COALESCE(MIN(id), 0) AS oldest, COALESCE(MAX(id), 0) AS newest FROM event_outbox"
    )
    return int(rows[0]["oldest"]), int(rows[0]["newest"])


async def read_since(after: int, cursor: int, upto: int, limit: int = PAGE) -> list[ArticleEvent]:
    """A page of the events a subscriber that received event `after` may have missed, ids above
    `cursor` up to `upto`, oldest first: those past `after`, and on PostgreSQL those before it
    whose transaction `after`'s snapshot did not see committed (they committed after it)."""
    client = _client()
    if client.capabilities.dialect == "postgres":
        sql = (
            "SELECT e.id, e.reason, e.article_ids FROM event_outbox e "
            "LEFT JOIN event_outbox a ON a.id = $1 WHERE e.id > $2 AND e.id <= $3 AND "
            "(e.id > $1 OR (e.id < $1 AND e.txid <> a.txid AND NOT pg_visible_in_snapshot(e.txid, a.snapshot))) "
            "ORDER BY e.id LIMIT $4"
        )
    else:
        sql = "SELECT id, reason, article_ids FROM event_outbox WHERE id > ? AND id > ? AND id <= ? ORDER BY id LIMIT ?"
    rows = await client.execute_query_dict(sql, [after, cursor, upto, limit])
    return [_event(row) for row in rows]


async def prune(retention_s: float) -> int:
    """Delete events older than the retention window, keeping the newest of them as the horizon
    a resuming subscriber is checked against; how many rows went."""
    client = _client()
    cutoff = f"{_now(client)} - ?"
    sql = (
        f"DELETE FROM event_outbox WHERE id < (SELECT MAX(id) FROM event_outbox WHERE created_at < {cutoff})"
    )
    count, _ = await client.execute_query(to_dialect(sql), [retention_s])
    return int(count or 0)


class OutboxReader:
    """One process's fan-out: new outbox rows to `deliver`, each once, while `active()`."""

    def __init__(
        self,
        deliver: Callable[[ArticleEvent], None],
        active: Callable[[], bool],
        connected: Callable[[], bool],
        *,
        poll_s: float,
        gap_wait_s: float,
    ) -> None:
        self._deliver = deliver
        self._active = active
        self._connected = connected
        self.poll_s = poll_s
        self.gap_wait_s = gap_wait_s
        self.high: int | None = None  # the highest id read; None while idle
        self._missing: dict[int, float] = {}  # skipped ids -> when first missed
        self._woken = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._closing = False
        self._task = asyncio.create_task(self._run(), name="gql_news-outbox")

    async def close(self) -> None:
        """Stop reading, within about two seconds (`stop`; the loop also ends on `_closing`)."""
        self._closing = True
        task, self._task = self._task, None
        if task is not None:
            self._woken.set()
            await stop(task, "the event outbox reader")

    def wake(self) -> None:
        """Read now (a wake-up arrived, or the channel reconnected)."""
        self._woken.set()

    async def activate(self, *, fresh: bool = False) -> None:
        """Start from the newest event if not reading yet, or if `fresh` (the process had no
        subscriber: what it read before is no one's): a new subscriber receives what commits
        from now on. Raises when the database cannot be read."""
        async with self._lock:
            if self.high is None or fresh:
                self.high = await last_id()
                self._missing.clear()
        self.wake()

    async def _run(self) -> None:
        while not self._closing:
            if self.high is None or not self._active():
                self.high = None
                self._missing.clear()
                self._woken.clear()
                await self._woken.wait()
                continue
            interval = self.poll_s if self._connected() else self.poll_s / 4
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), interval)
            self._woken.clear()
            if self.high is None or not self._active():
                continue
            try:
                await self.catch_up()
            except Exception as exc:  # noqa: BLE001 - the database is away: read again later
                logger.warning("could not read the event outbox (%s); retrying", type(exc).__name__)
                await asyncio.sleep(self.poll_s / 4)

    async def catch_up(self) -> None:
        """Deliver every row committed since the last read (and skipped ids that appeared)."""
        async with self._lock:
            if self.high is None:
                return
            now = time.monotonic()
            if self._missing:
                for event in await read_ids(sorted(self._missing)):
                    self._missing.pop(event.event_id or 0, None)
                    self._deliver(event)
                expired = [pk for pk, since in self._missing.items() if now - since > self.gap_wait_s]
                for pk in expired:
                    del self._missing[pk]
            while True:
                events = await read_after(self.high)
                for event in events:
                    assert event.event_id is not None
                    self._skipped(self.high + 1, event.event_id, now)
                    self.high = event.event_id
                    self._deliver(event)
                if len(events) < PAGE:
                    return

    def _skipped(self, first: int, stop: int, now: float) -> None:
        """Ids `first` to `stop - 1` were skipped over: wait for them (the newest ones)."""
        if stop - first > MAX_MISSING:
            logger.warning(
                "gave up waiting for events %d to %d (too many skipped ids)", first, stop - MAX_MISSING - 1
            )
            first = stop - MAX_MISSING
        for pk in range(first, stop):
            if len(self._missing) >= MAX_MISSING:
                oldest = min(self._missing)
                logger.warning("gave up waiting for event %d (too many skipped ids)", oldest)
                del self._missing[oldest]
            self._missing[pk] = now
