"""Facets of article connections equal counts computed in Python from the fixture graph."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from gql_news.models import Country
from tests.graphql import graph_data as g
from tests.graphql.helpers import codes, data, gql

FACETS = """
facets {
  topics(first: $k) { topic { name } count }
  countries(first: $k) { country { code } count }
  people(first: $k) { person { name } count }
  organisations(first: $k) { organisation { name } count }
}
"""
_LABEL = {
    "topics": ("topic", "name"),
    "countries": ("country", "code"),
    "people": ("person", "name"),
    "organisations": ("organisation", "name"),
}


def _answer(facets: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    return {
        kind: [(value[field][attr], value["count"]) for value in facets[kind]]
        for kind, (field, attr) in _LABEL.items()
    }


def _expected(stories: list[g.Story], k: int) -> dict[str, list[tuple[str, int]]]:
    return {kind: g.facet(stories, kind, k) for kind in _LABEL}


async def test_top_level_facets_count_the_whole_list_not_the_page(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    query = f"query($k: Int) {{ articles(first: 3) {{ totalCount edges {{ node {{ slug }} }} {FACETS} }} }}"
    for k in (10, 2, 100):
        result = (await data(uncached_client, query, {"k": k}))["articles"]
        assert len(result["edges"]) == 3
        assert result["totalCount"] == len(graph.stories)
        assert _answer(result["facets"]) == _expected(graph.stories, k)


async def test_filtered_facets(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    by, person = graph.countries[0], graph.people[1]
    cases: list[tuple[str, Any]] = [
        ('{country: "by"}', lambda s: any(g.key(e) == g.key(by) for e in s.entities)),
        (f'{{person: "{person.slug}"}}', lambda s: any(g.key(e) == g.key(person) for e in s.entities)),
        ('{topic: "tech"}', lambda s: "Tech" in s.topics),
        (
            '{publishedAfter: "2024-01-01T00:00:00Z", publishedBefore: "2024-03-01T00:00:00Z"}',
            lambda s: datetime(2024, 1, 1, tzinfo=UTC) <= s.published < datetime(2024, 3, 1, tzinfo=UTC),
        ),
        (
            '{country: "JP", topic: "politics"}',
            lambda s: "Politics" in s.topics and any(g.label(e) == "JP" for e in s.entities),
        ),
    ]
    for flt, keep in cases:
        stories = [s for s in graph.stories if keep(s)]
        query = f"query($k: Int) {{ articles(first: 1, filter: {flt}) {{ totalCount {FACETS} }} }}"
        result = (await data(uncached_client, query, {"k": 100}))["articles"]
        assert result["totalCount"] == len(stories), flt
        assert _answer(result["facets"]) == _expected(stories, 100), flt


async def test_nested_facets_for_many_parents(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    query = (
        "query($k: Int) { countries(first: 100, filter: {mentioned: true}) { edges { node { code "
        f'articles(first: 1, filter: {{topic: "politics"}}) {{ {FACETS} }} }} }} }} '
        f"people(first: 100) {{ edges {{ node {{ name articles(first: 2) {{ {FACETS} }} }} }} }} }}"
    )
    result = await data(uncached_client, query, {"k": 3})
    countries = result["countries"]["edges"]
    assert {c["node"]["code"] for c in countries} == {c.code for c in graph.countries}
    for edge in countries:
        code = edge["node"]["code"]
        stories = [
            s for s in graph.stories if "Politics" in s.topics and any(g.label(e) == code for e in s.entities)
        ]
        assert _answer(edge["node"]["articles"]["facets"]) == _expected(stories, 3), code
    for edge in result["people"]["edges"]:
        name = edge["node"]["name"]
        stories = [s for s in graph.stories if any(e.name == name for e in s.entities)]
        assert _answer(edge["node"]["articles"]["facets"]) == _expected(stories, 3), name


async def test_facet_size_is_checked(uncached_client: httpx.AsyncClient) -> None:
    await g.build(n=3)
    for k in (-1, 101):
        body = await gql(
            uncached_client,
            "query($k: Int) { articles { facets { people(first: $k) { count } } } }",
            {"k": k},
        )
        assert codes(body) == ["BAD_USER_INPUT"], body
    none = await data(
        uncached_client,
        "{ articles { facets { people(first: 0) { count } topics(first: null) { count } } } }",
    )
    assert none["articles"]["facets"]["people"] == []


async def test_facets_of_an_empty_list(uncached_client: httpx.AsyncClient) -> None:
    await g.build(n=4)
    query = f'query($k: Int) {{ articles(filter: {{person: "nobody"}}) {{ totalCount {FACETS} }} }}'
    result = (await data(uncached_client, query, {"k": 5}))["articles"]
    assert result["totalCount"] == 0
    assert all(v == [] for v in result["facets"].values())


async def test_one_entitys_top_facets_keep_ties_and_name_order(uncached_client: httpx.AsyncClient) -> None:
    """One entity's facets read only its most frequent partners (the pair counts in count order,
    migration 0015): small `first` values, where the cut falls among equal counts, still give
    the values computed from the stories, by count then name."""
    graph = await g.build(n=60, seed=11)
    entities: list[tuple[str, str, g.Entity]] = [
        *(("country", f'code: "{c.code}"', c) for c in graph.countries),
        *(("person", f'slug: "{p.slug}"', p) for p in graph.people[:3]),
        *(("organisation", f'slug: "{o.slug}"', o) for o in graph.organisations[:2]),
    ]
    for field, argument, entity in entities:
        stories = [s for s in graph.stories if any(g.key(e) == g.key(entity) for e in s.entities)]
        assert stories, argument
        filtered = "country" if field == "country" else field
        value = entity.code if isinstance(entity, Country) else entity.slug
        for k in (1, 2, 3, 5):
            nested = (
                f"query($k: Int) {{ {field}({argument}) {{ articles(first: 1) {{ totalCount {FACETS} }} }} }}"
            )
            result = (await data(uncached_client, nested, {"k": k}))[field]["articles"]
            assert result["totalCount"] == len(stories), argument
            assert _answer(result["facets"]) == _expected(stories, k), (argument, k)
            listed = f'query($k: Int) {{ articles(filter: {{{filtered}: "{value}"}}) {{ {FACETS} }} }}'
            result = (await data(uncached_client, listed, {"k": k}))["articles"]
            assert _answer(result["facets"]) == _expected(stories, k), (argument, k)
