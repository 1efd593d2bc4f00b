"""Durable live updates: every article a subscription delivers carries its event's id, and a
client that reconnects with the last one (`afterEventId`) first receives what it missed, then
goes live; ids no longer kept, or never given, are refused with a code."""

from __future__ import annotations

from typing import Any

from gql_news.db import db
from gql_news.events import outbox
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from tests.subscriptions.conftest import Live
from tests.subscriptions.wsclient import WsClient, ws_connect

SUBSCRIPTION = "subscription($after: ID) { articlePublished(afterEventId: $after) { title eventId } }"


def _text(title: str) -> str:
    return f"{title}\n\nNews | May 1, 2024\n\nAndrei Dapkiunas spoke in Minsk about {title.lower()}."


async def _store(title: str) -> int:
    """Store an article; the id of the event that recorded it."""
    stored = await store_article(parse_article(_text(title)))
    rows = await db().execute_query_dict("SELECT id, article_ids FROM event_outbox ORDER BY id DESC LIMIT 1")
    assert rows[0]["article_ids"] == f"[{stored.article_id}]"
    return int(rows[0]["id"])


async def _next(ws: WsClient) -> dict[str, Any]:
    message = await ws.receive()
    assert message["type"] == "next", message
    article: dict[str, Any] = message["payload"]["data"]["articlePublished"]
    return article


async def test_a_resumed_subscription_receives_what_it_missed_then_live_updates(live: Live) -> None:
    first = await _store("Resume One")
    second = await _store("Resume Two")
    third = await _store("Resume Three")
    assert first < second < third
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("r", SUBSCRIPTION, {"after": str(first)})
        assert await _next(ws) == {"title": "Resume Two", "eventId": str(second)}
        assert await _next(ws) == {"title": "Resume Three", "eventId": str(third)}
        await live.wait_for_subscribers(1)
        fourth = await _store("Resume Four")
        assert await _next(ws) == {"title": "Resume Four", "eventId": str(fourth)}
        await ws.synced()  # nothing else was queued: no duplicate of the replayed events


async def test_a_new_subscription_starts_from_now(live: Live) -> None:
    await _store("Before Subscribing")
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("n", SUBSCRIPTION)
        await live.wait_for_subscribers(1)
        latest = await _store("After Subscribing")
        assert await _next(ws) == {"title": "After Subscribing", "eventId": str(latest)}


async def _refusal(live: Live, after: str) -> dict[str, Any]:
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("x", SUBSCRIPTION, {"after": after})
        message = await ws.receive()
    assert message["type"] == "error", message
    error: dict[str, Any] = message["payload"][0]
    return error


async def test_resuming_after_an_unknown_or_expired_event_is_refused(live: Live) -> None:
    first = await _store("Expiring One")
    second = await _store("Expiring Two")
    third = await _store("Expiring Three")
    for bad in ["abc", "-1", "1e3", str(third + 1000)]:
        error = await _refusal(live, bad)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert error["extensions"]["field"] == "afterEventId"
    # Everything ages past the retention window: only the newest row stays, as the horizon.
    await db().execute_script("UPDATE event_outbox SET created_at = created_at - 100000")
    assert await outbox.prune(3600) >= 2
    error = await _refusal(live, str(first))
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "afterEventId",
        "reason": "EVENTS_EXPIRED",
    }
    async with ws_connect(live.ws_url) as ws:  # the client that saw `second` missed nothing kept
        await ws.init()
        await ws.subscribe("r", SUBSCRIPTION, {"after": str(second)})
        assert await _next(ws) == {"title": "Expiring Three", "eventId": str(third)}


async def test_event_id_is_null_in_queries(live: Live) -> None:
    await _store("Queried")
    response = await live.http.post(
        "/graphql", json={"query": "{ articles(first: 1) { edges { node { eventId } } } }"}
    )
    assert response.json() == {"data": {"articles": {"edges": [{"node": {"eventId": None}}]}}}
