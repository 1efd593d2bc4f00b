"""An event costs a fixed number of statements per subscription, however many articles it
carries: matching is one statement, the rows one, and every relation level below the
articles one (prefetched from the subscription's selection)."""

from __future__ import annotations

from contextlib import AsyncExitStack

from gql_news.events.publish import current_broker, note_articles, publishing
from tests import factories as f
from tests.graphql.helpers import count_statements
from tests.subscriptions.conftest import Live
from tests.subscriptions.wsclient import ws_connect

NESTED = """
subscription($f: ArticleFilter) { articlePublished(filter: $f) {
  title topics { name } people { name country { code } } countries { code }
  organisations { name country { code } people { name } }
} }
"""


async def _articles(n: int, tag: str) -> list[int]:
    by = await f.country("BY")
    ids = []
    for i in range(n):
        person = await f.person(f"Person {tag} {i}", country_code="BY")
        org = await f.organisation(f"Org {tag} {i}", country_code="KR")
        await f.member(person, org)
        ids.append((await f.article(f"Story {tag} {i}", entities=[person, by, org], topics=["News"])).id)
    return ids


async def _publish(ids: list[int]) -> None:
    async with publishing():
        note_articles(ids, "created")


def _per_subscription(statements: list[str]) -> list[str]:
    """Leave out the event's own statements (its outbox row written, the outbox read: once per
    event and process, whatever the subscriptions; timed reads may add more) and the wake-up."""
    return [
        sql
        for sql in statements
        if "event_outbox" not in sql and "pg_notify" not in sql and "data_version" not in sql
    ]


async def _statements_for_event(live: Live, ids: list[int]) -> int:
    broker = current_broker()
    assert broker is not None
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("n", NESTED, {"f": {"country": "BY"}})
        await live.wait_for_subscribers(1)
        with count_statements() as statements:
            await _publish(ids)
            titles = []
            for _ in ids:
                message = await ws.receive()
                titles.append(message["payload"]["data"]["articlePublished"]["title"])
                assert message["payload"]["data"]["articlePublished"]["people"][0]["country"] == {
                    "code": "BY"
                }
        assert len(titles) == len(ids)
        return len(_per_subscription(statements))


async def test_event_statements_do_not_grow_with_its_articles(live: Live) -> None:
    one = await _statements_for_event(live, await _articles(1, "a"))
    many = await _statements_for_event(live, await _articles(12, "b"))
    assert one == many
    assert one <= 10  # match, rows, topics, people, countries, organisations, their people


async def _statements_with_sockets(live: Live, ids: list[int], sockets: int, distinct: int) -> int:
    """Statements of one event delivered to `sockets` subscriptions using `distinct` filters."""
    broker = current_broker()
    assert broker is not None
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(ws_connect(live.ws_url)) for _ in range(sockets)]
        for i, ws in enumerate(clients):
            await ws.init()
            words = (
                ["Story", "Person", "Org"][: 1 + i % distinct] if distinct <= 3 else [f"Story {i % distinct}"]
            )
            await ws.subscribe("n", NESTED, {"f": {"country": "BY", "text": " ".join(words)}})
        await live.wait_for_subscribers(sockets)
        with count_statements() as statements:
            await _publish(ids)
            for ws in clients:
                message = await ws.receive()
                assert message["type"] == "next", message
        return len(_per_subscription(statements))


async def test_sockets_sharing_a_subscription_share_its_work(live: Live) -> None:
    """Ten sockets asking the same cost what one does; distinct filters share the filter
    statement (batched) and each costs its own read of what it selects, whatever the sockets."""
    ids = await _articles(1, "s")
    one = await _statements_with_sockets(live, ids, 1, 1)
    ten = await _statements_with_sockets(live, ids, 10, 1)
    assert ten == one
    two = await _statements_with_sockets(live, ids, 8, 2)
    three = await _statements_with_sockets(live, ids, 9, 3)
    step = two - one
    assert 0 < step < one  # a distinct subscription adds its prefetch, not the filter or the rows
    assert three - two == step
