"""Quotes cost a fixed number of statements however many articles or people a page holds."""

from __future__ import annotations

import httpx

from gql_news.models import Article, Person, Quote
from tests import factories as f
from tests.graphql.helpers import for_one_and_fifty

ARTICLE_QUOTES = """
query($n: Int!) {
  articles(first: $n) { edges { node {
    title
    quotes { text start end speaker { name country { code } } article { title } }
  } } }
}
"""
PERSON_QUOTES = """
query($n: Int!) {
  people(first: $n) { edges { node {
    name
    quotesConnection(first: 2) { totalCount edges { cursor node { text speaker { name } article { title } } } }
    quotes { text speaker { name } article { title } }
  } } }
}
"""


async def _make(n: int) -> None:
    """n people, each quoted three times in an article of their own."""
    for _ in range(n):
        person = await f.person(f"Speaker {await Person.all().count()}", country_code="BY")
        article: Article = await f.article("Story", entities=[person])
        for index in range(3):
            start = len(article.title) + 2 + index
            await Quote.create(article=article, person=person, text="quoted", start=start, end=start + 6)


async def test_article_quotes_statement_count_is_constant(executor_client: httpx.AsyncClient) -> None:
    small, large, one, fifty = await for_one_and_fifty(executor_client, ARTICLE_QUOTES, _make)
    assert len(small["articles"]["edges"]) == 1
    edges = large["articles"]["edges"]
    assert len(edges) == 50
    assert all(len(e["node"]["quotes"]) == 3 for e in edges)
    assert all(q["speaker"]["country"] == {"code": "BY"} for e in edges for q in e["node"]["quotes"])
    # articles page, quotes of the page, their speakers (country joined in), their articles
    assert len(one) == len(fifty) == 4, "\n".join(s[:90] for s in [*one, "----", *fifty])


async def test_planned_quotes_are_one_statement(uncached_client: httpx.AsyncClient) -> None:
    small, large, one, fifty = await for_one_and_fifty(uncached_client, ARTICLE_QUOTES, _make)
    edges = large["articles"]["edges"]
    assert len(small["articles"]["edges"]) == 1
    assert len(edges) == 50
    assert all(len(e["node"]["quotes"]) == 3 for e in edges)
    assert len(one) == len(fifty) == 1, "\n".join(s[:90] for s in [*one, "----", *fifty])


async def test_person_quotes_statement_count_is_constant(uncached_client: httpx.AsyncClient) -> None:
    small, large, one, fifty = await for_one_and_fifty(uncached_client, PERSON_QUOTES, _make)
    assert small["people"]["edges"][0]["node"]["quotesConnection"]["totalCount"] == 3
    edges = large["people"]["edges"]
    assert len(edges) == 50
    for edge in edges:
        assert len(edge["node"]["quotes"]) == 3
        quotes = edge["node"]["quotesConnection"]
        assert quotes["totalCount"] == 3
        assert len(quotes["edges"]) == 2
        assert all(q["node"]["speaker"]["name"] == edge["node"]["name"] for q in quotes["edges"])
    # people page, quote pages of all people (connection and list), their counts, speakers, articles
    assert len(one) == len(fifty) <= 6, "\n".join(s[:90] for s in [*one, "----", *fifty])
