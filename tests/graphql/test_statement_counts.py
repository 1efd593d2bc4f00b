"""No N+1: the statements a nested query costs depend on its depth, not on list lengths."""

from __future__ import annotations

import asyncio

import httpx

from tests import factories as f
from tests.conftest import BACKEND
from tests.graphql.helpers import count_statements, data, for_one_and_fifty

NESTED = """
query($n: Int!) {
  articles(first: $n) {
    edges { node {
      title
      topics { name }
      people { name country { code articles(first: 5) { edges { node { title } } } } }
      countries { code }
      organisations { name country { code } people { name } }
      mentions { text entity { __typename ... on Person { name } ... on Country { code } ... on Organisation { name } } }
    } }
  }
}
"""
# articles page, topics, people, person->country, country->articles page, countries, organisations,
# organisation->country (shared with person->country when issued in the same tick, else one more),
# organisation->people, mentions, and the three entity loaders behind mentions.
MAX_STATEMENTS = 13


async def _make_articles(n: int) -> None:
    by = await f.country("BY")
    kr = await f.country("KR")
    for i in range(n):
        person = await f.person(f"Person {i}", country_code="BY")
        org = await f.organisation(f"Org {i}", country_code="KR")
        await f.member(person, org)
        await f.article(f"Story {i}", entities=[person, by, kr, org], topics=["News"])


async def test_planned_nested_query_is_one_statement(uncached_client: httpx.AsyncClient) -> None:
    _small, large, one, fifty = await for_one_and_fifty(uncached_client, NESTED, _make_articles)
    assert len(large["articles"]["edges"]) == 50
    assert len(one) == len(fifty) == 1, "\n".join(fifty)


async def test_nested_query_statement_count_is_constant(executor_client: httpx.AsyncClient) -> None:
    small, large, one, fifty = await for_one_and_fifty(executor_client, NESTED, _make_articles)
    assert len(small["articles"]["edges"]) == 1
    edges = large["articles"]["edges"]
    assert len(edges) == 50
    assert all(len(e["node"]["people"]) == 1 and len(e["node"]["mentions"]) == 4 for e in edges)
    assert len(one) == len(fifty), "\n".join(s[:90] for s in [*one, "----", *fifty])
    assert len(fifty) <= MAX_STATEMENTS, "\n".join(fifty)


_COUNTRY_ARTICLES = "{ countries(first: 100) { edges { node { code articles(first: 2) { totalCount edges { node { title } } } } } } }"


async def _country_articles(client: httpx.AsyncClient) -> list[str]:
    await _make_articles(3)
    with count_statements() as statements:
        result = await data(client, _COUNTRY_ARTICLES)
    by_code = {e["node"]["code"]: e["node"]["articles"] for e in result["countries"]["edges"]}
    assert by_code["BY"]["totalCount"] == 3
    assert len(by_code["BY"]["edges"]) == 2
    assert by_code["FR"]["totalCount"] == 0
    return statements


async def test_country_articles_for_many_countries_planned(uncached_client: httpx.AsyncClient) -> None:
    statements = await _country_articles(uncached_client)
    assert len(statements) == 1, "\n".join(statements)


async def test_country_articles_for_many_countries_executor(executor_client: httpx.AsyncClient) -> None:
    """The countries page, the articles pages of all the countries, the counts of all of them."""
    statements = await _country_articles(executor_client)
    assert len(statements) == 3, "\n".join(statements)


async def test_a_cached_hit_runs_no_statement_on_postgresql(client: httpx.AsyncClient) -> None:
    """PostgreSQL pushes the data version to the process (NOTIFY at commit): a hit asks nothing.
    SQLite reads its write counter: one statement."""
    await _make_articles(3)
    first = await client.post("/graphql", json={"query": NESTED, "variables": {"n": 3}})
    for _ in range(50):  # PostgreSQL: until the notifications of those writes have come round
        with count_statements() as statements:
            again = await client.post("/graphql", json={"query": NESTED, "variables": {"n": 3}})
        if not statements or BACKEND != "postgres":
            break
        await asyncio.sleep(0.02)
    assert again.content == first.content
    if BACKEND == "postgres":
        assert statements == []
    else:
        assert len(statements) == 1, statements
        assert "data_version" in statements[0]
    await _make_articles(1)  # any write moves the version: the next answer is computed afresh
    with count_statements() as statements:
        fresh = await client.post("/graphql", json={"query": NESTED, "variables": {"n": 3}})
    assert fresh.content != first.content
    assert "Story 0" in fresh.text  # the new article, newest first
    assert statements, "a fresh answer runs its query"
