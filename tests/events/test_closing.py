"""Closing the event readers ends them within seconds, even when a cancellation is lost (Python
3.11's `asyncio.wait_for` returns what it waited for when that finished in the same turn as the
cancellation): the app's shutdown never waits on the database."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest

from gql_news.events.outbox import OutboxReader
from gql_news.events.postgres import PostgresBroker
from tests.conftest import BACKEND, PG_ADMIN_URL


async def _closes_quickly(close: Any) -> None:
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(close(), 10)
    assert asyncio.get_running_loop().time() - started < 3


async def test_the_outbox_reader_stops_when_a_read_swallows_its_cancellation() -> None:
    reader = OutboxReader(lambda _event: None, lambda: True, lambda: True, poll_s=0.01, gap_wait_s=1)
    reader.high = 0  # reading
    in_flight = asyncio.Event()

    async def read_finishing_as_cancelled() -> None:
        in_flight.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            return  # the answer came in the same turn: the cancellation is not seen

    reader.catch_up = read_finishing_as_cancelled  # type: ignore[method-assign]
    reader.start()
    await asyncio.wait_for(in_flight.wait(), 5)
    await _closes_quickly(reader.close)


@pytest.mark.skipif(BACKEND != "postgres", reason="LISTEN/NOTIFY: PostgreSQL")
async def test_the_postgres_listener_stops_when_a_ping_swallows_its_cancellation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("gql_news.events.postgres._PING_EVERY_S", 0.01)
    pinged = asyncio.Event()
    execute = asyncpg.Connection.execute

    async def ping_finishing_as_cancelled(self: asyncpg.Connection, *args: Any, **kwargs: Any) -> Any:
        pinged.set()
        try:
            return await execute(self, *args, **kwargs)
        except asyncio.CancelledError:
            return None  # the answer came in the same turn: the cancellation is not seen

    monkeypatch.setattr(asyncpg.Connection, "execute", ping_finishing_as_cancelled)
    broker = PostgresBroker(PG_ADMIN_URL, "gql_news_test_closing", poll_s=60, gap_wait_s=1)
    await broker.start()
    assert broker.listening
    await asyncio.wait_for(pinged.wait(), 5)
    await _closes_quickly(broker.close)
    assert not broker.listening
