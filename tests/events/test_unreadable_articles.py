"""An event whose articles cannot be read for a while (the database restarting) is never skipped:
the feed reads them again until they can be read, and if that takes longer than
EVENTS_GAP_WAIT_S it ends the subscription with SERVICE_UNAVAILABLE, so a client resuming from
its last event id receives it.

The fault is real: a transaction holds `article` locked, so the feed's reads of the event's
articles run into the app's statement timeout (a database that does not answer), while the
outbox, which is not locked, keeps delivering events. Found by `bench.event_drill`: an event
read just as PostgreSQL restarted was lost for the subscriber."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import pytest

from gql_news.events.publish import current_broker
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.settings import Settings
from tests.conftest import BACKEND
from tests.subscriptions.conftest import Live, start_live
from tests.subscriptions.wsclient import WsClient, ws_connect

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="a lock and a statement timeout: PostgreSQL")

SUBSCRIPTION = "subscription($after: ID) { articlePublished(afterEventId: $after) { title eventId } }"
STORY = "Harbour Deal\n\nNews | May 2, 2024\n\nRufus Firefly, the trade minister, signed in Brest."


async def _live(settings: Settings, gap_wait_s: float) -> AsyncIterator[Live]:
    update = {"statement_timeout_ms": 1000, "events_gap_wait_s": gap_wait_s}
    async for running in start_live(settings.model_copy(update=update)):
        yield running


@pytest.fixture
async def patient(test_settings: Settings) -> AsyncIterator[Live]:
    async for running in _live(test_settings, 30.0):
        yield running


@pytest.fixture
async def impatient(test_settings: Settings) -> AsyncIterator[Live]:
    async for running in _live(test_settings, 0.5):
        yield running


@asynccontextmanager
async def _articles_locked(settings: Settings) -> AsyncIterator[asyncpg.Connection]:
    """`article` locked against every read by another session for the block."""
    connection = await asyncpg.connect(settings.database_url.replace("postgres://", "postgresql://", 1))
    try:
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute("LOCK TABLE article IN ACCESS EXCLUSIVE MODE")
        try:
            yield connection
        finally:
            await transaction.rollback()
    finally:
        await connection.close()


async def _event_for(settings: Settings, article_id: int) -> int:
    """An event of the article committed (outside `article`'s lock) and announced; its id."""
    connection = await asyncpg.connect(settings.database_url.replace("postgres://", "postgresql://", 1))
    try:
        event_id: int = await connection.fetchval(
            "INSERT INTO event_outbox (reason, article_ids) VALUES ('updated', $1) RETURNING id",
            f"[{article_id}]",
        )
    finally:
        await connection.close()
    broker = current_broker()
    assert broker is not None
    await broker.publish(event_id)
    return event_id


@asynccontextmanager
async def _subscribed(live: Live) -> AsyncIterator[tuple[WsClient, int]]:
    """A stored article, and a socket subscribed to every article ("s") once the feed runs."""
    stored = await store_article(parse_article(STORY))
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("s", SUBSCRIPTION)
        await live.wait_for_subscribers(1)
        yield ws, stored.article_id


async def _message(ws: WsClient, wait_s: float) -> dict[str, Any]:
    return await asyncio.wait_for(ws.receive(), wait_s)


async def test_an_event_read_while_the_database_does_not_answer_is_delivered_once_it_does(
    patient: Live,
) -> None:
    async with _subscribed(patient) as (ws, article_id):
        async with _articles_locked(patient.settings):
            event_id = await _event_for(patient.settings, article_id)
            with pytest.raises(TimeoutError):  # read, tried, timed out, tried again ...
                await _message(ws, 1.5)
        message = await _message(ws, 10)
    assert message["type"] == "next", message
    assert message["payload"]["data"]["articlePublished"] == {
        "title": "Harbour Deal",
        "eventId": str(event_id),
    }


async def test_past_the_gap_wait_the_subscription_ends_and_resuming_delivers_the_event(
    impatient: Live,
) -> None:
    async with _subscribed(impatient) as (ws, article_id):
        before = await _event_for(impatient.settings, article_id)
        first = await _message(ws, 10)
        assert first["payload"]["data"]["articlePublished"]["eventId"] == str(before)
        async with _articles_locked(impatient.settings):
            missed = await _event_for(impatient.settings, article_id)
            ended = await _message(ws, 10)
            errors = ended["payload"]["errors"] if ended["type"] == "next" else ended["payload"]
            assert [e["extensions"]["code"] for e in errors] == ["SERVICE_UNAVAILABLE"], ended
            assert await _message(ws, 10) == {"id": "s", "type": "complete"}
        await ws.subscribe("again", SUBSCRIPTION, {"after": str(before)})
        resumed = await _message(ws, 10)
    assert resumed["type"] == "next", resumed
    assert resumed["payload"]["data"]["articlePublished"] == {"title": "Harbour Deal", "eventId": str(missed)}
