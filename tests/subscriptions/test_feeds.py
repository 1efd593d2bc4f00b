"""articlePublished and entityMentioned end to end in one process: a real uvicorn serving the
app, a real WebSocket client, writes through the same code paths as the API and the CLI."""

from __future__ import annotations

from typing import Any

from gql_news.graphql.ids import to_global_id
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.entities import add_alias
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.models import Article, Person
from tests.graphql.helpers import mutate, ok, token_headers
from tests.subscriptions.conftest import Live
from tests.subscriptions.wsclient import WsClient, ws_connect

NESTED = "{ title people { name country { code } } countries { code } organisations { name } }"
PUBLISHED = f"subscription($f: ArticleFilter) {{ articlePublished(filter: $f) {NESTED} }}"
MENTIONED = "subscription($id: ID!) { entityMentioned(entityId: $id) { title people { name } } }"
IMPORT = "mutation($t: String!) { importArticle(input: {text: $t}) { slug } }"


def text(title: str, body: str, topics: str = "News") -> str:
    return f"{title}\n\n{topics} | May 1, 2024\n\n{body}"


DAPKIUNAS = text("Minsk Talks", "Andrei Dapkiunas met investors from South Korea in Minsk, Belarus.")
FRANCE = text("Paris Summit", "Ministers gathered in France for the summit.", topics="Politics")


async def _next(ws: WsClient, op_id: str) -> dict[str, Any]:
    message = await ws.receive()
    assert (message["id"], message["type"]) == (op_id, "next"), message
    payload: dict[str, Any] = message["payload"]
    assert "errors" not in payload, payload
    result: dict[str, Any] = payload["data"]
    return result


async def test_imported_article_is_pushed_with_its_people_and_countries(live: Live) -> None:
    await load_catalogue()
    headers = await token_headers()
    async with ws_connect(live.ws_url) as ws:
        assert (await ws.init())["type"] == "connection_ack"
        await ws.subscribe("a", PUBLISHED)
        await live.wait_for_subscribers(1)
        ok(await mutate(live.http, IMPORT, {"t": DAPKIUNAS}, headers))
        article = (await _next(ws, "a"))["articlePublished"]
    assert article["title"] == "Minsk Talks"
    assert article["people"] == [{"name": "Andrei Dapkiunas", "country": {"code": "BY"}}]
    assert {"BY", "KR"} <= {c["code"] for c in article["countries"]}


async def test_filters_choose_the_articles(live: Live) -> None:
    """Each subscription gets exactly the articles its filter matches; the France story,
    written second, reaches only the subscriptions it matches and is the first thing the
    non-matching ones see after the Belarus story (so they did not get the Belarus one)."""
    await load_catalogue()
    person = await Person.get(name="Andrei Dapkiunas")
    filters = {
        "by-country": {"country": "by"},
        "by-alpha3": {"country": "BLR"},
        "person": {"person": person.slug},
        "topic": {"topic": "news"},
        "fr": {"country": "FR"},
        "politics": {"topic": "politics"},
        "both": {"country": "BY", "topic": "politics"},
        "before": {"publishedBefore": "2000-01-01T00:00:00Z"},
        "nobody": {"person": "no-such-person"},
        "text": {"text": "Dapkiunas investors"},
        "text-miss": {"text": "zebra"},
    }
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        for op_id, flt in filters.items():
            await ws.subscribe(op_id, PUBLISHED, {"f": flt})
        await live.wait_for_subscribers(len(filters))
        await store_article(parse_article(DAPKIUNAS))
        await store_article(parse_article(FRANCE))
        received: dict[str, list[str]] = {}
        for _ in range(7):  # 5 Belarus matches, 2 France matches
            message = await ws.receive()
            assert message["type"] == "next", message
            received.setdefault(message["id"], []).append(
                message["payload"]["data"]["articlePublished"]["title"]
            )
        await ws.synced()
    assert received == {
        "by-country": ["Minsk Talks"],
        "by-alpha3": ["Minsk Talks"],
        "person": ["Minsk Talks"],
        "topic": ["Minsk Talks"],
        "text": ["Minsk Talks"],
        "fr": ["Paris Summit"],
        "politics": ["Paris Summit"],
    }


async def test_entity_mentioned_follows_new_articles_and_relinks(live: Live) -> None:
    await load_catalogue()
    person = await Person.get(name="Andrei Dapkiunas")
    await store_article(parse_article(text("Earlier", "The envoy Dapki spoke in Minsk.")))
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("m", MENTIONED, {"id": to_global_id("Person", person.id)})
        await live.wait_for_subscribers(1)
        await store_article(parse_article(FRANCE))  # does not mention him
        await store_article(parse_article(DAPKIUNAS))
        first = (await _next(ws, "m"))["entityMentioned"]
        assert first == {"title": "Minsk Talks", "people": [{"name": "Andrei Dapkiunas"}]}
        # An alias re-links the older article, which now mentions him.
        await add_alias("person", person.id, "Dapki")
        second = (await _next(ws, "m"))["entityMentioned"]
    assert second == {"title": "Earlier", "people": [{"name": "Andrei Dapkiunas"}]}


async def test_update_article_is_pushed_after_commit(live: Live) -> None:
    await load_catalogue()
    person = await Person.get(name="Andrei Dapkiunas")
    stored = await store_article(parse_article(FRANCE))
    headers = await token_headers()
    update = 'mutation($id: ID!) { updateArticle(id: $id, input: {body: "Andrei Dapkiunas flew to France."}) { title } }'
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("u", PUBLISHED, {"f": {"person": person.slug}})
        await live.wait_for_subscribers(1)
        ok(await mutate(live.http, update, {"id": to_global_id("Article", stored.article_id)}, headers))
        article = (await _next(ws, "u"))["articlePublished"]
    assert article["title"] == "Paris Summit"
    assert article["people"] == [{"name": "Andrei Dapkiunas", "country": {"code": "BY"}}]


async def test_a_failed_write_publishes_nothing(live: Live) -> None:
    """A refused write (an alias naming another entity) rolls back and sends no event."""
    await load_catalogue()
    person = await Person.get(name="Andrei Dapkiunas")
    await store_article(parse_article(DAPKIUNAS))
    headers = await token_headers()
    clash = 'mutation($id: ID!) { addAlias(entityId: $id, alias: "Aleksandr Lukashenko") { id } }'
    async with ws_connect(live.ws_url) as ws:
        await ws.init()
        await ws.subscribe("p", PUBLISHED)
        await live.wait_for_subscribers(1)
        body = await mutate(live.http, clash, {"id": to_global_id("Person", person.id)}, headers)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        await store_article(parse_article(FRANCE))
        article = (await _next(ws, "p"))["articlePublished"]
    assert article["title"] == "Paris Summit"
    assert await Article.all().count() == 2
