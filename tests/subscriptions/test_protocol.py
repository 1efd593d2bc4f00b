"""The WebSocket's rules: subprotocol, connection_init, tokens, limits, bad documents, shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from websockets.exceptions import ConnectionClosed

from gql_news.graphql.ids import to_global_id
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.models import EntityCandidate
from gql_news.settings import Settings
from gql_news.tokens import create_token
from tests.subscriptions.conftest import Live, start_live
from tests.subscriptions.wsclient import WsClient, ws_connect

SIMPLE = "subscription { articlePublished { title } }"
STORY = (
    "Minsk Talks\n\nNews | May 1, 2024\n\nAndrei Dapkiunas met Rufus Firefly, the trade minister, in Minsk."
)


async def _closed_with(ws: WsClient) -> int | None:
    """The close code the server sent, after reading whatever came before it."""
    try:
        for _ in range(10):
            await ws.receive()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    raise AssertionError("the connection stayed open")


@pytest.fixture
async def live_limited(test_settings: Settings) -> AsyncIterator[Live]:
    settings = test_settings.model_copy(
        update={"max_subscriptions_per_connection": 2, "ws_init_timeout_s": 0.5, "max_depth": 4}
    )
    async for running in start_live(settings):
        yield running


async def test_legacy_subprotocol_is_refused(live: Live) -> None:
    async with ws_connect(live.ws_url, subprotocols=["graphql-ws"]) as ws:
        assert await _closed_with(ws) == 4406


async def test_connection_init_must_come_in_time(live_limited: Live) -> None:
    async with ws_connect(live_limited.ws_url) as ws:
        assert await _closed_with(ws) == 4408


async def test_subscribe_before_init_is_refused(live: Live) -> None:
    async with ws_connect(live.ws_url) as ws:
        await ws.subscribe("1", SIMPLE)
        assert await _closed_with(ws) == 4401


async def test_a_bad_token_is_forbidden(live: Live) -> None:
    async with ws_connect(live.ws_url) as ws:
        await ws.send({"type": "connection_init", "payload": {"authorization": "Bearer nope"}})
        assert await _closed_with(ws) == 4403


async def test_subscriptions_per_connection_are_limited(live_limited: Live) -> None:
    async with ws_connect(live_limited.ws_url) as ws:
        await ws.init()
        for op_id in ("1", "2", "3"):
            await ws.subscribe(op_id, SIMPLE)
        refused = await ws.receive()
        assert refused["id"] == "3"
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"] == {"code": "BAD_USER_INPUT", "limit": 2}
        await live_limited.wait_for_subscribers(2)
        await store_article(parse_article(STORY))
        delivered = {(await ws.receive())["id"] for _ in range(2)}
        assert delivered == {"1", "2"}  # the connection and its two subscriptions carry on
        await ws.send({"id": "1", "type": "complete"})
        await ws.synced()
        await ws.subscribe("4", SIMPLE)  # a slot is free again
        await ws.synced()


@pytest.mark.parametrize(
    ("query", "code", "fragment"),
    [
        ("subscription { articlePublished { title ", "BAD_USER_INPUT", "Syntax Error"),
        ("subscription { articlePublished { nope } }", "BAD_USER_INPUT", "nope"),
        ("subscription { nothing }", "BAD_USER_INPUT", "nothing"),
        ("{ articles { totalCount } }", "BAD_USER_INPUT", "Only subscriptions"),
        ('mutation { deleteArticle(id: "x") }', "BAD_USER_INPUT", "Only subscriptions"),
        (
            "subscription { articlePublished { people { articles { edges { node { people { name } } } } } } }",
            "QUERY_TOO_COMPLEX",
            "depth",
        ),
        (
            'subscription { entityMentioned(entityId: "bm90LWFuLWlk") { title } }',
            "BAD_USER_INPUT",
            "Malformed",
        ),
        ('subscription { articlePublished(filter: {topic: "a\\u0000"}) { title } }', "BAD_USER_INPUT", "NUL"),
    ],
    ids=["syntax", "unknown-field", "unknown-root", "query", "mutation", "too-deep", "bad-id", "nul"],
)
async def test_bad_documents_get_an_error_and_the_connection_stays(
    live_limited: Live, query: str, code: str, fragment: str
) -> None:
    async with ws_connect(live_limited.ws_url) as ws:
        await ws.init()
        await ws.subscribe("bad", query)
        error = await ws.receive()
        assert (error["id"], error["type"]) == ("bad", "error"), error
        assert error["payload"][0]["extensions"]["code"] == code
        assert fragment in error["payload"][0]["message"]
        await ws.synced()  # still open


async def test_unknown_entity_is_not_found(live: Live) -> None:
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe(
            "e",
            "subscription($id: ID!) { entityMentioned(entityId: $id) { title } }",
            {"id": to_global_id("Person", 99999)},
        )
        error = await ws.receive()
    assert error["type"] == "error"
    assert error["payload"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_following_a_candidate_needs_a_token(live: Live) -> None:
    await load_catalogue()
    await store_article(parse_article(STORY))
    candidate = await EntityCandidate.get(text="Rufus Firefly")
    query = "subscription($id: ID!) { entityMentioned(entityId: $id) { title } }"
    variables = {"id": to_global_id("EntityCandidate", candidate.id)}
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("c", query, variables)
        error = await ws.receive()
        assert error["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    token = await create_token("editor")
    again = STORY.replace("Minsk Talks", "Minsk Talks Again").replace("in Minsk", "in Brest")
    async with ws_connect(live.ws_url) as ws:
        assert (await ws.init({"authorization": f"Bearer {token}"}))["type"] == "connection_ack"
        await ws.subscribe("c", query, variables)
        await live.wait_for_subscribers(1)
        await store_article(parse_article(again))
        message = await ws.receive()
    assert message["payload"]["data"]["entityMentioned"]["title"] == "Minsk Talks Again"


async def test_token_can_be_required(test_settings: Settings) -> None:
    settings = test_settings.model_copy(update={"subscriptions_require_token": True})
    async for live in start_live(settings):
        async with ws_connect(live.ws_url) as ws:
            await ws.send({"type": "connection_init"})
            assert await _closed_with(ws) == 4403
        token = await create_token("reader")
        async with ws_connect(live.ws_url) as ws:
            assert (await ws.init({"authorization": f"Bearer {token}"}))["type"] == "connection_ack"


async def test_shutdown_closes_sockets_and_ends_subscriptions(test_settings: Settings) -> None:
    """Stopping the server closes open sockets (uvicorn sends 1012, the lifespan 1001 to any it
    left) and the broker ends every feed: nothing hangs."""
    from gql_news.events.publish import current_broker

    runner = start_live(test_settings)
    live = await runner.__anext__()
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("s", SIMPLE)
        await live.wait_for_subscribers(1)
        broker = current_broker()
        assert broker is not None
        await runner.aclose()  # server.should_exit, then wait for it to finish
        assert await _closed_with(ws) in {1001, 1012}
    assert broker.closed
    assert broker.subscriber_count == 0
    assert current_broker() is None
