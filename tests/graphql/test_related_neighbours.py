"""Related articles come from precomputed neighbour lists: kept current when an article's
entities change, the same when rebuilt from scratch, and a list longer than the stored one is
computed on demand with the same answers. Against the Python reference of `graph_data`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from tortoise.transactions import in_transaction

from gql_news.ingest.neighbours import rebuild_neighbours, refresh_neighbours
from gql_news.models import ArticleNeighbour, Mention
from gql_news.settings import Settings
from tests.app_client import tuned_client
from tests.graphql import graph_data as g
from tests.graphql.helpers import data

STORED = 3  # related_neighbours here: first <= 3 reads the lists, more is computed

QUERY = (
    "query($first: Int) { articles(first: 40) { edges { node { slug related(first: $first) { score"
    " article { title } } } } } }"
)


@pytest.fixture
async def short_lists(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with tuned_client(test_settings, related_neighbours=STORED) as http:
        yield http


async def _check(client: httpx.AsyncClient, graph: g.Graph) -> None:
    by_slug = {s.slug: s for s in graph.stories}
    for first in (2, STORED, 8):
        result = await data(client, QUERY, {"first": first})
        for edge in result["articles"]["edges"]:
            story = by_slug[edge["node"]["slug"]]
            expected = g.related(graph, story)[:first]
            got = edge["node"]["related"]
            assert [r["article"]["title"] for r in got] == [e[0] for e in expected], (story.title, first)
            assert [r["score"] for r in got] == pytest.approx([e[1] for e in expected])


async def _lists() -> set[tuple[int, int, int]]:
    rows = await ArticleNeighbour.all().values_list("article_id", "neighbour_id", "shared")
    return set(rows)


async def test_lists_follow_changed_entities_and_match_a_rebuild(short_lists: httpx.AsyncClient) -> None:
    graph = await g.build()
    await _check(short_lists, graph)
    stored = await _lists()
    assert max(len([r for r in stored if r[0] == s.id]) for s in graph.stories) == STORED

    # Re-link two articles to other entities, as the store does: new mentions, then a refresh.
    changes: list[tuple[g.Story, list[g.Entity]]] = [
        (graph.stories[3], [graph.people[0], graph.countries[1]]),
        (graph.stories[10], [graph.organisations[2], graph.people[0], graph.people[5]]),
    ]
    for story, entities in changes:
        await Mention.filter(article_id=story.id).delete()
        for position, entity in enumerate(entities):
            kwargs: dict[str, Any] = {type(entity).__name__.lower(): entity}
            await Mention.create(
                article_id=story.id, text="x", start=position * 2, end=position * 2 + 1, **kwargs
            )
        await refresh_neighbours([story.id])
        story.entities = list(entities)
    await _check(short_lists, graph)

    incremental = await _lists()
    async with in_transaction():
        assert await rebuild_neighbours() == len(graph.stories)
    assert await _lists() == incremental
    await _check(short_lists, graph)
