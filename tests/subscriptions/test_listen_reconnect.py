"""The LISTEN connection comes back after PostgreSQL drops it, and events flow again."""

from __future__ import annotations

import asyncio

from gql_news.db import db
from gql_news.events.postgres import PostgresBroker
from gql_news.events.publish import current_broker
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from tests.subscriptions.conftest import Live
from tests.subscriptions.wsclient import ws_connect

STORY = "After The Outage\n\nNews | May 1, 2024\n\nAndrei Dapkiunas spoke in Minsk."


async def test_events_flow_again_after_the_listen_connection_is_killed(live: Live) -> None:
    await load_catalogue()
    broker = current_broker()
    assert isinstance(broker, PostgresBroker)
    assert broker.listening
    made = broker.connections_made
    killed = await db().execute_query_dict(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity "
        "WHERE application_name = 'gql_news-listen' AND datname = current_database() AND pid <> pg_backend_pid()"
    )
    assert [row["done"] for row in killed] == [True]
    for _ in range(600):  # the drop is seen at once, or by the next ping (15 s)
        if broker.connections_made > made and broker.listening:
            break
        await asyncio.sleep(0.1)
    assert broker.connections_made > made, "the LISTEN connection was not re-established"
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("r", "subscription { articlePublished { title people { name } } }")
        await live.wait_for_subscribers(1)
        await store_article(parse_article(STORY))
        message = await ws.receive()
    assert message["payload"]["data"]["articlePublished"] == {
        "title": "After The Outage",
        "people": [{"name": "Andrei Dapkiunas"}],
    }
