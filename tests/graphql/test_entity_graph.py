"""Mention counts, co-mentions, related articles and timelines against answers computed in Python
from the fixture graph."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from gql_news.ingest.demo import load_demo
from tests.graphql import graph_data as g
from tests.graphql.helpers import codes, data, gql

ENTITY = "entity { __typename ... on Person { name } ... on Organisation { name } ... on Country { code } }"


def _label(entity: dict[str, Any]) -> str:
    return str(entity.get("code") or entity["name"])


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


async def test_mention_and_article_counts(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    result = await data(
        uncached_client,
        "{ people(first: 100) { edges { node { name mentionCount articleCount } } }"
        " organisations(first: 100) { edges { node { name mentionCount articleCount } } }"
        " countries(first: 100, filter: {mentioned: true}) { edges { node { code mentionCount articleCount } } }"
        " topics { edges { node { name articleCount } } } }",
    )
    nodes = [e["node"] for kind in ("people", "organisations", "countries") for e in result[kind]["edges"]]
    assert len(nodes) == len(graph.people) + len(graph.organisations) + len(graph.countries)
    for node in nodes:
        label = node.get("code") or node["name"]
        mentions = sum(1 for s in graph.stories for e in s.entities if g.label(e) == label)
        articles = sum(1 for s in graph.stories if any(g.label(e) == label for e in s.distinct))
        assert (node["mentionCount"], node["articleCount"]) == (mentions, articles), label
    for edge in result["topics"]["edges"]:
        name = edge["node"]["name"]
        assert edge["node"]["articleCount"] == sum(1 for s in graph.stories if name in s.topics)
    unmentioned = await data(
        uncached_client, '{ country(code: "NZ") { mentionCount articleCount coMentioned { count } } }'
    )
    assert unmentioned["country"] == {"mentionCount": 0, "articleCount": 0, "coMentioned": []}


async def test_co_mentioned(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    query = (
        "query($first: Int, $kind: EntityKind) {"
        " people(first: 20) { edges { node { name coMentioned(first: $first, kind: $kind) { count lastSeen "
        f"{ENTITY} }} }} }} }}"
        f" countries(first: 20, filter: {{mentioned: true}}) {{ edges {{ node {{ code coMentioned(first: $first, kind: $kind) {{ count lastSeen {ENTITY} }} }} }} }}"
        f" organisations(first: 20) {{ edges {{ node {{ name coMentioned(first: $first, kind: $kind) {{ count lastSeen {ENTITY} }} }} }} }} }}"
    )
    entities: list[g.Entity] = [*graph.people, *graph.organisations, *graph.countries]
    everyone = {g.label(e): e for e in entities}
    for first, kind in ((100, None), (3, None), (100, "COUNTRY"), (2, "PERSON")):
        result = await data(uncached_client, query, {"first": first, "kind": kind})
        for group in ("people", "countries", "organisations"):
            for edge in result[group]["edges"]:
                node = edge["node"]
                entity = everyone[node.get("code") or node["name"]]
                expected = g.co_mentioned(graph, entity)
                if kind is not None:
                    want = {"PERSON": "Person", "COUNTRY": "Country"}[kind]
                    expected = [r for r in expected if type(everyone[r[0]]).__name__ == want]
                got = [(_label(c["entity"]), c["count"], _when(c["lastSeen"])) for c in node["coMentioned"]]
                assert got == expected[:first], (g.label(entity), first, kind)
    body = await gql(uncached_client, "{ people { edges { node { coMentioned(first: 101) { count } } } } }")
    assert "BAD_USER_INPUT" in codes(body)


async def test_related_articles(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build()
    query = (
        "query($first: Int) { articles(first: 40) { edges { node { slug related(first: $first) { score"
        " article { title } sharedEntities { __typename ... on Person { name } ... on Organisation { name }"
        " ... on Country { code } } } } } } }"
    )
    by_slug = {s.slug: s for s in graph.stories}
    for first in (5, 40):
        result = await data(uncached_client, query, {"first": first})
        edges = result["articles"]["edges"]
        assert len(edges) == len(graph.stories)
        for edge in edges:
            story = by_slug[edge["node"]["slug"]]
            expected = g.related(graph, story)[:first]
            got = edge["node"]["related"]
            assert [r["article"]["title"] for r in got] == [e[0] for e in expected], story.title
            assert [r["score"] for r in got] == pytest.approx([e[1] for e in expected])
            assert [[_label(x) for x in r["sharedEntities"]] for r in got] == [e[2] for e in expected]
            assert story.title not in [r["article"]["title"] for r in got]


@pytest.mark.parametrize("interval", ["DAY", "WEEK", "MONTH", "YEAR"])
async def test_mention_timeline(uncached_client: httpx.AsyncClient, interval: str) -> None:
    """(An open range may hold 1,000 buckets, and counts so in the cost: the pages are small.)"""
    graph = await g.build()
    query = (
        "query($i: TimelineInterval!, $from: DateTime, $to: DateTime) {"
        " countries(first: 8, filter: {mentioned: true}) { edges { node { code"
        " mentionTimeline(interval: $i, from: $from, to: $to) { start count } } } }"
        " topics(first: 5) { edges { node { name mentionTimeline(interval: $i, from: $from, to: $to) { start count } } } } }"
    )
    result = await data(uncached_client, query, {"i": interval})
    for edge in result["countries"]["edges"]:
        node = edge["node"]
        dates = [s.published for s in graph.stories if any(g.label(e) == node["code"] for e in s.distinct)]
        got = [(_when(b["start"]).date(), b["count"]) for b in node["mentionTimeline"]]
        assert all(_when(b["start"]).time().isoformat() == "00:00:00" for b in node["mentionTimeline"])
        assert got == g.timeline(dates, interval), node["code"]
    for edge in result["topics"]["edges"]:
        dates = [s.published for s in graph.stories if edge["node"]["name"] in s.topics]
        got = [(_when(b["start"]).date(), b["count"]) for b in edge["node"]["mentionTimeline"]]
        assert got == g.timeline(dates, interval)
    # An explicit range: zero buckets at both ends, `to` exclusive.
    window = {"i": interval, "from": "2023-12-31T23:30:00Z", "to": "2024-01-07T23:59:59Z"}
    ranged = await data(uncached_client, query, window)
    for edge in ranged["countries"]["edges"]:
        lo, hi = datetime(2023, 12, 31, 23, 30, tzinfo=UTC), datetime(2024, 1, 7, 23, 59, 59, tzinfo=UTC)
        dates = [
            s.published
            for s in graph.stories
            if lo <= s.published < hi and any(g.label(e) == edge["node"]["code"] for e in s.distinct)
        ]
        buckets = [(_when(b["start"]).date(), b["count"]) for b in edge["node"]["mentionTimeline"]]
        assert buckets[0][0] == g.bucket_start(lo, interval)
        assert buckets[-1][0] == g.bucket_start(datetime(2024, 1, 7, 23, 59, 58, tzinfo=UTC), interval)
        assert sum(c for _, c in buckets) == len(dates)
        assert [b for b in buckets if b[1]] == [b for b in g.timeline(dates, interval) if b[1]]


async def test_timeline_weeks_start_on_monday(uncached_client: httpx.AsyncClient) -> None:
    graph = await g.build(n=5)
    result = await data(
        uncached_client,
        "query($c: String!) { country(code: $c) { mentionTimeline(interval: WEEK) { start count } } }",
        {"c": graph.countries[0].code},
    )
    for bucket in result["country"]["mentionTimeline"]:
        assert _when(bucket["start"]).weekday() == 0


async def test_bad_timeline_ranges(uncached_client: httpx.AsyncClient) -> None:
    await g.build(n=3)
    query = "query($i: TimelineInterval!, $from: DateTime, $to: DateTime) { countries(first: 5) { edges { node { mentionTimeline(interval: $i, from: $from, to: $to) { count } } } } }"
    for variables in (
        {"i": "DAY", "from": "2024-02-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"},
        {"i": "DAY", "from": "2000-01-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"},
        {"i": "YEAR", "from": "0001-01-01T00:00:00Z", "to": "9999-12-31T00:00:00Z"},
    ):
        body = await gql(uncached_client, query, variables)
        assert set(codes(body)) == {"BAD_USER_INPUT"}, body
        assert "SELECT" not in str(body)
    empty = await data(
        uncached_client,
        '{ country(code: "BY") { mentionTimeline(interval: DAY, from: "2024-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z") { count } } }',
    )
    assert empty["country"]["mentionTimeline"] == []
    zeros = await data(
        uncached_client,
        '{ country(code: "NZ") { mentionTimeline(interval: MONTH, from: "2024-01-15T00:00:00Z", to: "2024-04-01T00:00:00Z") { start count } } }',
    )
    assert [(_when(b["start"]).date(), b["count"]) for b in zeros["country"]["mentionTimeline"]] == [
        (date(2024, m, 1), 0) for m in (1, 2, 3)
    ]


async def test_seed_co_mentions_of_dapkiunas(uncached_client: httpx.AsyncClient) -> None:
    assert await load_demo()
    found = await data(uncached_client, '{ people(filter: {name: "dapkiunas"}) { edges { node { slug } } } }')
    slug = found["people"]["edges"][0]["node"]["slug"]
    result = await data(
        uncached_client,
        f"query($s: String!) {{ person(slug: $s) {{ mentionCount articleCount coMentioned(first: 100) {{ count {ENTITY} }} }} }}",
        {"s": slug},
    )
    person = result["person"]
    assert person["mentionCount"] >= 4
    assert person["articleCount"] == 1
    names = {_label(c["entity"]) for c in person["coMentioned"]}
    assert {"BY", "KR", "SK Hynix"} <= names
    assert "Andrei Dapkiunas" not in names
    assert all(c["count"] == 1 for c in person["coMentioned"])


async def test_co_mention_size_counts_towards_the_cost_limit(uncached_client: httpx.AsyncClient) -> None:
    query = "query($k: Int) { people(first: 100) { edges { node { coMentioned(first: $k) { entity { __typename } } } } } }"
    body = await gql(uncached_client, query, {"k": 100})
    assert codes(body) == ["QUERY_TOO_COMPLEX"], body
    assert "errors" not in await gql(uncached_client, query, {"k": 10})
