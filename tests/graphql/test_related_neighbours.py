"""Related articles come from precomputed neighbour lists: kept current when an article's
entities change, the same when rebuilt from scratch, and a list longer than the stored one is
computed on demand with the same answers. Against the Python reference of `graph_data`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from gql_news.ingest import neighbours
from gql_news.ingest.importer import ImportReport, collect, import_items
from gql_news.ingest.neighbours import (
    QUEUE,
    drain_neighbours,
    neighbours_deferred,
    rebuild_neighbours,
    refresh_neighbours,
)
from gql_news.models import Article, ArticleNeighbour, Mention
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


async def _check(client: httpx.AsyncClient, graph: g.Graph, only: set[int] | None = None) -> None:
    by_slug = {s.slug: s for s in graph.stories}
    for first in (2, STORED, 8):
        result = await data(client, QUERY, {"first": first})
        for edge in result["articles"]["edges"]:
            story = by_slug[edge["node"]["slug"]]
            if only is not None and story.id not in only:
                continue
            expected = g.related(graph, story)[:first]
            got = edge["node"]["related"]
            assert [r["article"]["title"] for r in got] == [e[0] for e in expected], (story.title, first)
            assert [r["score"] for r in got] == pytest.approx([e[1] for e in expected])


async def _lists() -> set[tuple[int, int, int]]:
    rows = await ArticleNeighbour.all().values_list("article_id", "neighbour_id", "shared")
    return set(rows)


async def _queued() -> set[int]:
    rows = await connections.get("default").execute_query_dict(f"SELECT article_id FROM {QUEUE}")
    return {int(row["article_id"]) for row in rows}


async def _relink(graph: g.Graph) -> list[g.Story]:
    """Re-link two articles to other entities, as the store does: new mentions, then a refresh."""
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
    return [story for story, _ in changes]


async def test_lists_follow_changed_entities_and_match_a_rebuild(short_lists: httpx.AsyncClient) -> None:
    graph = await g.build()
    await _check(short_lists, graph)
    stored = await _lists()
    assert max(len([r for r in stored if r[0] == s.id]) for s in graph.stories) == STORED

    await _relink(graph)
    await _check(short_lists, graph)

    incremental = await _lists()
    async with in_transaction():
        assert await rebuild_neighbours() == len(graph.stories)
    assert await _lists() == incremental
    await _check(short_lists, graph)


async def test_a_deferred_refresh_is_queued_answered_on_demand_then_drained(
    short_lists: httpx.AsyncClient,
) -> None:
    graph = await g.build()
    before = await _lists()
    with neighbours_deferred():  # what `gql-news import` does around its batches
        changed = await _relink(graph)
        await refresh_neighbours([changed[0].id])  # queued twice: one row
    ids = {story.id for story in changed}
    assert await _queued() == ids
    assert await _lists() == before  # nothing refreshed yet
    await _check(short_lists, graph, only=ids)  # their own lists: computed while queued

    assert await drain_neighbours() == len(ids)
    assert await _queued() == set()
    await _check(short_lists, graph)  # every list current
    drained = await _lists()
    async with in_transaction():
        await rebuild_neighbours()
    assert await _lists() == drained
    assert await drain_neighbours() == 0


async def test_an_import_leaves_no_list_queued(short_lists: httpx.AsyncClient, tmp_path: Path) -> None:
    graph = await g.build(n=6)
    names = [p.name for p in graph.people[:3]] + [o.name for o in graph.organisations[:2]]
    for n in range(4):
        body = f"{names[n]} met {names[n + 1]} in Minsk. {names[0]} said so."
        (tmp_path / f"{n}.txt").write_text(f"Story {n}\n\nNews | May {n + 1}, 2024\n\n{body}\n", "utf-8")
    items, unreadable = collect([str(tmp_path)], lambda: "")
    assert not unreadable
    report = ImportReport()
    await import_items(items, report, lambda: None, batch=2)
    assert report.ok
    assert report.counts["created"] == 4
    assert await _queued() == set()
    imported = {pk for (pk,) in await Article.filter(title__startswith="Story").values_list("id")}
    assert imported <= {row[0] for row in await _lists()}
    drained = await _lists()
    async with in_transaction():
        await rebuild_neighbours()
    assert await _lists() == drained


async def test_an_import_ending_while_another_runs_leaves_the_drain_to_it(
    short_lists: httpx.AsyncClient, tmp_path: Path, test_settings: Settings
) -> None:
    """Concurrent imports (PostgreSQL): one that ends while another is still storing queues its
    articles and does not drain; the last to end drains them all, with the lists a rebuild gives."""
    graph = await g.build(n=6)
    names = [p.name for p in graph.people[:3]] + [o.name for o in graph.organisations[:2]]
    for part in ("a", "b"):
        (tmp_path / part).mkdir()
        for n in range(3):
            body = f"{names[n]} met {names[n + 1]} in Minsk ({part}). {names[0]} said so."
            text = f"Story {part}{n}\n\nNews | May {n + 1}, 2024\n\n{body}\n"
            (tmp_path / part / f"{n}.txt").write_text(text, "utf-8")
    first, _ = collect([str(tmp_path / "a")], lambda: "")
    second, _ = collect([str(tmp_path / "b")], lambda: "")
    report = ImportReport()
    running = asyncio.Event()
    done = asyncio.Event()

    async def another_import() -> None:
        async with neighbours.importing():
            running.set()
            await done.wait()

    other = asyncio.ensure_future(another_import())
    await running.wait()
    await import_items(first, report, lambda: None, batch=2)
    a_ids = {pk for (pk,) in await Article.filter(title__startswith="Story a").values_list("id")}
    assert len(a_ids) == 3
    assert await _queued() == (a_ids if test_settings.is_postgres else set())
    done.set()
    await other
    await import_items(second, report, lambda: None, batch=2)
    assert report.ok
    assert report.counts["created"] == 6
    assert await _queued() == set()
    drained = await _lists()
    assert a_ids <= {row[0] for row in drained}
    async with in_transaction():
        await rebuild_neighbours()
    assert await _lists() == drained


async def test_a_drain_waits_for_another_past_the_statement_timeout(test_settings: Settings) -> None:
    """One drain at a time (PostgreSQL: an advisory lock); the second waits for the first however
    long, not cut off by the sessions' statement timeout, then finds what is left."""
    if not test_settings.is_postgres:
        pytest.skip("an advisory lock: PostgreSQL")
    async with tuned_client(test_settings, related_neighbours=STORED, statement_timeout_ms=300):
        graph = await g.build(n=12)
        with neighbours_deferred():
            changed = await _relink(graph)
        other = await asyncpg.connect(test_settings.database_url.replace("postgres://", "postgresql://", 1))
        try:
            async with other.transaction():
                await other.execute(f"SELECT pg_advisory_xact_lock({neighbours._DRAIN_LOCK})")
                draining = asyncio.ensure_future(drain_neighbours())
                await asyncio.sleep(1.0)  # over the 300 ms statement timeout
                assert not draining.done()
            assert await asyncio.wait_for(draining, 30) == len(changed)
        finally:
            await other.close()
        assert await _queued() == set()
