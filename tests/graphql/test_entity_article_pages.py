"""An entity's article page (a person's, organisation's or country's articles, newest first) read
from its mentions' (entity, published_at DESC, article_id DESC) index.

The planner walks the index when the page has no filter; with one it reads the articles as
before. A filter that keeps every article (`publishedBefore` far ahead) so gives the old path's
answer to compare with, in the same request.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from gql_news.graphql.ids import to_global_id
from gql_news.ingest.counts import CountChange
from gql_news.models import Article, Mention
from tests import factories as f
from tests.graphql.helpers import count_statements, data, mutate, ok, token_headers

EVERYTHING = {"publishedBefore": "2100-01-01T00:00:00Z"}
PAGE = (
    "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
    " edges { cursor node { title publishedAt } }"
)
QUERY = (
    "query($c: String!, $n: Int, $a: String, $filter: ArticleFilter) { country(code: $c) {"
    f" walked: articles(first: $n, after: $a) {{ {PAGE} }}"
    f" filtered: articles(first: $n, after: $a, filter: $filter) {{ {PAGE} }} }} }}"
)
DAY = datetime(2024, 5, 1, tzinfo=UTC)
UPDATE = "mutation($id: ID!, $input: ArticlePatch!) { updateArticle(id: $id, input: $input) { id } }"


async def _pages(client: httpx.AsyncClient, code: str, size: int) -> list[dict[str, Any]]:
    """Every page of the country's articles, walked and filtered alike (asserted)."""
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        response = await client.post(
            "/graphql",
            json={"query": QUERY, "variables": {"c": code, "n": size, "a": after, "filter": EVERYTHING}},
        )
        assert response.headers.get("x-query-plan") == "planned"
        body = response.json()
        assert "errors" not in body, body
        walked, filtered = body["data"]["country"]["walked"], body["data"]["country"]["filtered"]
        assert walked == filtered
        pages.append(walked)
        if not walked["pageInfo"]["hasNextPage"]:
            return pages
        after = walked["pageInfo"]["endCursor"]


def _titles(pages: list[dict[str, Any]]) -> list[str]:
    return [edge["node"]["title"] for page in pages for edge in page["edges"]]


async def test_ties_and_repeated_mentions(uncached_client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    # Three articles at one instant (newest id first), one naming the country three times.
    tied = [await f.article(f"Tied {i}", entities=[kr], published=DAY) for i in range(3)]
    often = await f.article("Often", entities=[kr, kr, kr], published=DAY - timedelta(hours=1))
    older = [
        await f.article(f"Older {i}", entities=[kr], published=DAY - timedelta(days=i + 1)) for i in range(4)
    ]
    await f.article("Elsewhere", entities=[await f.country("FR")], published=DAY + timedelta(days=1))
    expected = [a.title for a in [*reversed(tied), often, *older]]
    for size in (1, 2, 3, 20):
        pages = await _pages(uncached_client, "KR", size)
        assert _titles(pages) == expected, size
        assert all(page["totalCount"] == len(expected) for page in pages)
        assert len(pages) == -(-len(expected) // size)


async def test_the_unfiltered_page_walks_the_index(uncached_client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    for i in range(3):
        await f.article(f"Walked {i}", entities=[kr])
    with count_statements() as statements:
        result = await data(
            uncached_client, '{ country(code: "KR") { articles(first: 2) { edges { node { title } } } } }'
        )
    assert [e["node"]["title"] for e in result["country"]["articles"]["edges"]] == ["Walked 2", "Walked 1"]
    assert any("SELECT DISTINCT x.published_at" in s for s in statements), statements


async def test_a_mention_written_through_the_orm_gets_its_article_time(
    uncached_client: httpx.AsyncClient,
) -> None:
    kr = await f.country("KR")
    bare = await f.article("Bare", published=DAY)  # names nobody
    await f.article("Before", entities=[kr], published=DAY - timedelta(days=1))
    await f.article("After", entities=[kr], published=DAY + timedelta(days=1))
    counts = CountChange()  # the maintained counts (totalCount), as every write path keeps them
    await counts.before([bare.id])
    mention = await Mention.create(article=bare, country=kr, text="Bare", start=0, end=4)
    await counts.apply()
    f._wrote()
    (stored,) = await Mention.filter(id=mention.id).values_list("published_at", flat=True)
    assert stored == DAY  # filled by the insert trigger from the article
    assert _titles(await _pages(uncached_client, "KR", 2)) == ["After", "Bare", "Before"]


async def test_an_article_moved_in_time_moves_its_mentions(uncached_client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    first, _, third = [
        await f.article(name, entities=[kr], published=DAY + timedelta(days=i))
        for i, name in enumerate(("First", "Second", "Third"))
    ]
    assert _titles(await _pages(uncached_client, "KR", 2)) == ["Third", "Second", "First"]
    # A plain update of the article (its mentions follow by trigger).
    await Article.filter(id=first.id).update(published_at=DAY + timedelta(days=10))
    f._wrote()
    assert _titles(await _pages(uncached_client, "KR", 2)) == ["First", "Third", "Second"]
    # And through the API.
    headers = await token_headers()
    patch = {"publishedAt": (DAY - timedelta(days=10)).isoformat()}
    ok(
        await mutate(
            uncached_client, UPDATE, {"id": to_global_id("Article", third.id), "input": patch}, headers
        )
    )
    assert _titles(await _pages(uncached_client, "KR", 2)) == ["First", "Second", "Third"]
    moved = await Mention.filter(article_id=third.id).values_list("published_at", flat=True)
    assert moved == [DAY - timedelta(days=10)]


async def test_people_and_organisations_walk_too(uncached_client: httpx.AsyncClient) -> None:
    ann = await f.person("Ann Lee")
    acme = await f.organisation("Acme Works")
    for i in range(5):
        await f.article(f"Both {i}", entities=[ann, acme, ann], published=DAY + timedelta(hours=i % 2))
    query = (
        "query($p: String!, $o: String!, $a: String, $filter: ArticleFilter) {"
        f" person(slug: $p) {{ w: articles(first: 2, after: $a) {{ {PAGE} }}"
        f" f: articles(first: 2, after: $a, filter: $filter) {{ {PAGE} }} }}"
        f" organisation(slug: $o) {{ w: articles(first: 2, after: $a) {{ {PAGE} }}"
        f" f: articles(first: 2, after: $a, filter: $filter) {{ {PAGE} }} }} }}"
    )
    after = None
    seen: list[str] = []
    while True:
        result = await data(
            uncached_client, query, {"p": ann.slug, "o": acme.slug, "a": after, "filter": EVERYTHING}
        )
        person, organisation = result["person"], result["organisation"]
        assert person["w"] == person["f"] == organisation["w"] == organisation["f"]
        seen += [e["node"]["title"] for e in person["w"]["edges"]]
        if not person["w"]["pageInfo"]["hasNextPage"]:
            break
        after = person["w"]["pageInfo"]["endCursor"]
    assert seen == ["Both 3", "Both 1", "Both 4", "Both 2", "Both 0"]


async def test_the_store_writes_the_article_time_with_its_mentions(
    uncached_client: httpx.AsyncClient,
) -> None:
    create = "mutation($input: ArticleInput!) { createArticle(input: $input) { slug } }"
    article = {
        "title": "Harbour deal signed",
        "body": "Iran and Belarus signed a harbour deal.\n\nThe Korean side watched.",
        "publishedAt": "2024-03-01T09:30:00+01:00",
        "topics": ["Trade"],
    }
    with count_statements() as statements:
        created = ok(await mutate(uncached_client, create, {"input": article}, await token_headers()))
    slug = created["createArticle"]["slug"]
    # The mention insert reads the article's time itself (the fill trigger has nothing to do).
    inserts = [s for s in statements if s.lstrip().startswith('INSERT INTO "mention"')]
    assert inserts
    assert all('"published_at"' in s for s in inserts)
    stored = await Article.get(slug=slug)
    times = await Mention.filter(article_id=stored.id).values_list("published_at", flat=True)
    assert times
    assert set(times) == {stored.published_at}
    result = await data(
        uncached_client, '{ country(code: "BY") { articles(first: 1) { edges { node { slug } } } } }'
    )
    assert result["country"]["articles"]["edges"] == [{"node": {"slug": slug}}]
