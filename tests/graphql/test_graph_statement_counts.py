"""Facets, counts, co-mentions, related articles and timelines cost the same number of
statements for a list of 1 and a list of 50.

Each query loads any one kind of entity by id from one field only: two fields loading people
by id in different event-loop ticks take two statements, in the same tick one, and which
happens depends on scheduling, not on list lengths.
"""

from __future__ import annotations

import httpx

from tests import factories as f
from tests.graphql.helpers import for_one_and_fifty

ENTITY = "__typename ... on Person { name } ... on Organisation { name } ... on Country { code }"
FACETS = (
    "facets { topics(first: 3) { topic { name } count } countries(first: 3) { country { code } count }"
    " people(first: 3) { person { name } count } organisations(first: 3) { organisation { name } count } }"
)
PEOPLE = f"""
query($n: Int!) {{
  people(first: $n) {{ edges {{ node {{
    name mentionCount articleCount
    coMentioned(first: 5) {{ count lastSeen entity {{ {ENTITY} }} }}
    mentionTimeline(interval: MONTH, from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") {{ start count }}
    articles(first: 2) {{ totalCount {FACETS} }}
  }} }} }}
}}
"""
ARTICLES = f"""
query($n: Int!) {{
  articles(first: $n) {{
    {FACETS}
    edges {{ node {{ title related(first: 3) {{ score article {{ title }} sharedEntities {{ {ENTITY} }} }} }} }}
  }}
  countries(first: $n, filter: {{mentioned: true}}) {{ edges {{ node {{
    code mentionCount articleCount
    articles(first: 1) {{ {FACETS} }}
  }} }} }}
  topics(first: $n) {{ edges {{ node {{ name articleCount mentionTimeline(interval: YEAR, from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") {{ count }} }} }} }}
}}
"""


async def _make(n: int, start: int) -> None:
    by = await f.country("BY")
    for i in range(start, start + n):
        person = await f.person(f"Person {i}", country_code="BY")
        org = await f.organisation(f"Org {i}", country_code="KR")
        other = await f.person(f"Other {i}")
        await f.article(f"Story {i}", entities=[person, by, org, other], topics=["News", f"Topic {i}"])
        await f.article(f"Sequel {i}", entities=[person, org, by], topics=[f"Topic {i}"])


async def _compare(client: httpx.AsyncClient, query: str, check: str) -> None:
    made = 0

    async def make(n: int) -> None:
        nonlocal made
        await _make(n, made)
        made += n

    small, large, one, fifty = await for_one_and_fifty(client, query, make)
    assert len(small[check]["edges"]) == 1
    assert len(large[check]["edges"]) == 50
    assert len(one) == len(fifty), "\n".join(s[:120] for s in [*one, "----", *fifty])


async def test_entity_graph_fields_on_many_people(uncached_client: httpx.AsyncClient) -> None:
    await _compare(uncached_client, PEOPLE, "people")


async def test_facets_and_related_on_many_articles(uncached_client: httpx.AsyncClient) -> None:
    await _compare(uncached_client, ARTICLES, "articles")
