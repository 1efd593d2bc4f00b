"""Publishing from the write paths: note the articles a write touched, record them in the
outbox inside its transaction, wake every instance once it committed.

Every write that creates, updates or re-links articles runs inside `write_transaction()` (or
`publishing()` around its own transactions). Nested blocks (a re-link inside an alias change
inside a candidate confirmation) hand their ids to the outermost one, which inserts the outbox
rows just before its transaction commits: the events commit or roll back with the write. Once
committed, the process's broker announces the newest id to every instance (a wake-up; a lost
one delays delivery until the next timed read, it loses nothing).

The process's broker is installed by the app's lifespan (and by `gql-news import`); without
one, writes still record their events, and announce nothing. A failing announcement is
logged, never raised: the write stands.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar

from gql_news.db import writing
from gql_news.events import outbox
from gql_news.events.broker import REASONS, Broker, InProcessBroker, Reason
from gql_news.settings import Settings

logger = logging.getLogger("gql_news.events")

_broker: Broker | None = None
_retention_s = 3600.0
_PRUNE_EVERY_S = 60.0
_last_prune = time.monotonic()  # the first prune waits a minute after start-up
_pending: ContextVar[dict[int, Reason] | None] = ContextVar("gql_news_pending_events", default=None)


def install(broker: Broker | None) -> None:
    """Make `broker` the one writes in this process publish to (None: publish nothing)."""
    global _broker
    _broker = broker


def current_broker() -> Broker | None:
    return _broker


def open_broker(settings: Settings) -> Broker:
    """Redis when `REDIS_URL` is set, else LISTEN/NOTIFY on PostgreSQL, else in-process (SQLite)."""
    global _retention_s
    _retention_s = settings.events_retention_s
    channel = settings.events_channel
    reader = {"poll_s": settings.events_poll_s, "gap_wait_s": settings.events_gap_wait_s}
    if settings.redis_url:
        from gql_news.events.redis_pubsub import RedisBroker

        return RedisBroker(settings.redis_url, channel, **reader)
    if settings.is_postgres:
        from gql_news.events.postgres import PostgresBroker

        return PostgresBroker(settings.database_url, channel, **reader)
    return InProcessBroker(**reader)


def note_articles(ids: Iterable[int], reason: Reason) -> None:
    """Record articles the current write touched (ignored outside `publishing()`)."""
    pending = _pending.get()
    if pending is None:
        return
    for pk in ids:
        _merge(pending, pk, reason)


def _merge(pending: dict[int, Reason], pk: int, reason: Reason) -> None:
    known = pending.get(pk)
    if known is None or REASONS.index(reason) < REASONS.index(known):  # created > updated > relinked
        pending[pk] = reason


@asynccontextmanager
async def publishing() -> AsyncIterator[None]:
    """Collect the articles noted in the block; after it ends, the outermost block records them
    (in a transaction of its own) and wakes every instance. A block left by an exception
    records nothing."""
    outer = _pending.get()
    mine: dict[int, Reason] = {}
    token = _pending.set(mine)
    try:
        yield
    finally:
        _pending.reset(token)
    # Only reached when the block succeeded: an exception propagates past this point.
    if outer is not None:
        for pk, reason in mine.items():
            _merge(outer, pk, reason)
        return
    if mine:
        async with writing() as connection:
            last = await outbox.record(connection, mine)
        await _announce(last)


async def _announce(last: int | None) -> None:
    broker = _broker
    if last is None or broker is None:
        return
    try:
        await broker.publish(last)
    except Exception as exc:  # noqa: BLE001 - the events are stored; readers find them on their next read
        logger.warning("could not announce events up to %d (%s)", last, type(exc).__name__)
    await _prune()


async def _prune() -> None:
    global _last_prune
    if time.monotonic() - _last_prune < _PRUNE_EVERY_S:
        return
    _last_prune = time.monotonic()
    try:
        gone = await outbox.prune(_retention_s)
    except Exception as exc:  # noqa: BLE001 - pruning is housekeeping: the next write tries again
        logger.warning("could not prune the event outbox (%s)", type(exc).__name__)
        return
    if gone:
        logger.info("pruned %d event(s) older than %.0f s from the outbox", gone, _retention_s)


@asynccontextmanager
async def write_transaction() -> AsyncIterator[None]:
    """One write: a transaction holding its events' outbox rows, announced once it committed."""
    if _pending.get() is not None:  # inside another write: its events join that one's
        async with publishing(), writing():
            yield
        return
    mine: dict[int, Reason] = {}
    token = _pending.set(mine)
    last: int | None = None
    try:
        async with writing() as connection:
            yield
            # Only reached when the block succeeded; the rows commit or roll back with the write.
            if mine:
                last = await outbox.record(connection, mine)
    finally:
        _pending.reset(token)
    await _announce(last)
