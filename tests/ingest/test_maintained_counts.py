"""The maintained counts (ingest.counts) and the store's search documents equal what the mention
rows and the 0008 definitions give, after random imports, edits, deletes and catalogue changes."""

from __future__ import annotations

import asyncio
import random
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tortoise import connections

from gql_news.db import database, reset_content
from gql_news.ingest import importer
from gql_news.ingest.article_edits import ArticlePatch, delete_article, update_article
from gql_news.ingest.counts import CO_MENTIONS, QUEUE, counts_deferred, fold_counts, recount
from gql_news.ingest.entities import EntityInput, add_alias, create_entity, delete_entity
from gql_news.ingest.importer import ImportReport, collect, import_items
from gql_news.ingest.parser import ParsedArticle
from gql_news.ingest.store import relink_articles, store_articles
from gql_news.models import Article
from gql_news.settings import Settings
from tests.app_client import app_client
from tests.databases import BACKEND

_COUNTRIES = ("France", "Germany", "Kenya", "Japan", "Peru", "Chile")
_SURNAMES = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Petrova", "Haddad", "Silva", "Novak")
_ORGS = ("Harbour Group", "Delta Energy", "Northwind Bank", "Atlas Telecom")


async def rows(sql: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await connections.get("default").execute_query_dict(sql)
    return found


def _kind(row: dict[str, Any]) -> tuple[int, int]:
    if row["person_id"] is not None:
        return (0, row["person_id"])
    if row["organisation_id"] is not None:
        return (1, row["organisation_id"])
    return (2, row["country_id"])


async def _expected() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]]:
    """The three tables recomputed in Python from the mention and article rows."""
    mentions = await rows(
        "SELECT m.article_id, m.person_id, m.organisation_id, m.country_id, a.published_at"
        " FROM mention m JOIN article a ON a.id = m.article_id"
    )
    per_article: dict[int, Counter[tuple[int, int]]] = defaultdict(Counter)
    published: dict[int, Any] = {}
    for row in mentions:
        per_article[row["article_id"]][_kind(row)] += 1
        published[row["article_id"]] = row["published_at"]
    counts: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    pairs: dict[Any, list[Any]] = {}
    timeline: Counter[Any] = Counter()
    for pk, entities in per_article.items():
        when = _utc(published[pk])
        for entity, n in entities.items():
            counts[entity][0] += 1
            counts[entity][1] += n
            timeline[(*entity, when.date().isoformat())] += 1
            for other in entities:
                if other != entity:
                    pair = pairs.setdefault((*entity, *other), [0, when])
                    pair[0] += 1
                    pair[1] = max(pair[1], when)
    return (
        {key: tuple(value) for key, value in counts.items()},
        {key: (n, last) for key, (n, last) in pairs.items()},
        dict(timeline),
    )


def _utc(value: Any) -> datetime:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


async def _stored() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]]:
    counts = {
        (r["kind"], r["entity_id"]): (r["articles"], r["mentions"])
        for r in await rows("SELECT * FROM entity_count")
    }
    pairs = {
        (r["kind"], r["entity_id"], r["other_kind"], r["other_id"]): (r["articles"], _utc(r["last_seen"]))
        for r in await rows(f"SELECT * FROM {CO_MENTIONS}")
    }
    # Each pair is stored once, the lower key first; the view shows it both ways round.
    stored = await rows("SELECT kind, entity_id, other_kind, other_id FROM entity_pair_count")
    assert all((r["kind"], r["entity_id"]) < (r["other_kind"], r["other_id"]) for r in stored)
    assert len(stored) * 2 == len(pairs)
    timeline = {
        (r["kind"], r["entity_id"], _utc(r["day"]).date().isoformat()): r["articles"]
        for r in await rows("SELECT * FROM entity_timeline")
    }
    return counts, pairs, timeline


async def _expected_topics() -> tuple[dict[Any, int], dict[Any, int], int]:
    """The topic counts and the total (migration 0015) recomputed in Python from the rows."""
    topics: dict[int, list[int]] = defaultdict(list)
    for row in await rows("SELECT article_id, topic_id FROM article_topic"):
        topics[row["article_id"]].append(row["topic_id"])
    entities: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for row in await rows("SELECT article_id, person_id, organisation_id, country_id FROM mention"):
        entities[row["article_id"]].add(_kind(row))
    per_entity: Counter[Any] = Counter()
    per_topic: Counter[int] = Counter()
    for pk, filed in topics.items():
        per_topic.update(filed)
        per_entity.update((*entity, topic) for entity in entities[pk] for topic in filed)
    total = (await rows("SELECT COUNT(*) AS n FROM article"))[0]["n"]
    return dict(per_entity), dict(per_topic), total


async def _stored_topics() -> tuple[dict[Any, int], dict[Any, int], int]:
    per_entity = {
        (r["kind"], r["entity_id"], r["topic_id"]): r["articles"]
        for r in await rows("SELECT * FROM entity_topic_count")
    }
    per_topic = {r["topic_id"]: r["articles"] for r in await rows("SELECT * FROM topic_count")}
    total = await rows("SELECT articles FROM article_total")
    return per_entity, per_topic, sum(r["articles"] for r in total)


async def _assert_counts_and_documents() -> None:
    stored = await _stored()
    assert stored == await _expected()
    topics = await _stored_topics()
    assert topics == await _expected_topics()
    assert len(topics[0]) >= 20  # not trivially equal
    assert len(topics[1]) >= 3
    assert topics[2] >= 100
    assert len(stored[0]) >= 10  # not trivially equal
    assert len(stored[1]) >= 50
    assert len(stored[2]) >= 100
    if BACKEND == "postgres":
        differing = await rows(
            "SELECT id FROM article WHERE search_title IS DISTINCT FROM to_tsvector('gql_news_english', title)"
            " OR ARRAY(SELECT (u.lexeme, u.weights) FROM unnest(search_vector) u ORDER BY 1) IS DISTINCT FROM"
            " ARRAY(SELECT (u.lexeme, u.weights) FROM unnest(gql_news_text_vector(title, standfirst, body)"
            " || gql_news_names_vector(id)) u ORDER BY 1)"
        )
    else:
        from importlib import import_module

        names = import_module("gql_news.migrations.0008_search")._sqlite_names("a.id")
        differing = await rows(
            f"SELECT a.id FROM article a LEFT JOIN article_fts f ON f.rowid = a.id"
            f" WHERE f.rowid IS NULL OR f.entities IS NOT {names} OR f.title IS NOT a.title"
        )
    assert differing == []


def _body(rng: random.Random, names: list[str]) -> str:
    words = ["The talks went on.", "Markets moved.", "Officials met again.", "Nothing was agreed."]
    picked = rng.sample(names, rng.randint(0, min(5, len(names))))
    parts = [rng.choice(words)]
    for name in picked:
        parts.append(f"{name} said it mattered. {rng.choice(words)}")
        if rng.random() < 0.3:
            parts.append(f"{name} added more.")
    return " ".join(parts)


_TOPICS = ("News", "Sport", "Tech", "Arts")


def _topics(rng: random.Random) -> tuple[str, ...]:
    return tuple(rng.sample(_TOPICS, rng.randint(0, 2)))


def _parsed(title: str, body: str, when: datetime, topics: tuple[str, ...] = ("News",)) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        body=body,
        published_at=when,
        topics=topics,
        byline=None,
        standfirst=body,
        source_url=None,
    )


async def test_counts_follow_random_writes(db_session: Settings) -> None:
    rng = random.Random(16)
    people = [
        (await create_entity("person", EntityInput(name=f"{first} {surname}"))).entity_id
        for first, surname in zip(
            ("Ana", "Erik", "Lea", "Ken", "Olga", "Omar", "Rosa", "Ivan"), _SURNAMES, strict=True
        )
    ]
    orgs = [(await create_entity("organisation", EntityInput(name=name))).entity_id for name in _ORGS]
    names = [
        f"{a} {b}"
        for a, b in zip(("Ana", "Erik", "Lea", "Ken", "Olga", "Omar", "Rosa", "Ivan"), _SURNAMES, strict=True)
    ]
    names += [*_ORGS, *_COUNTRIES]
    start = datetime(2023, 12, 20, tzinfo=UTC)

    def when() -> datetime:
        return start + timedelta(hours=rng.randint(0, 24 * 120), minutes=rng.randint(0, 59))

    articles = [_parsed(f"Story number {n}", _body(rng, names), when(), _topics(rng)) for n in range(240)]
    results = await store_articles(articles)
    await _assert_counts_and_documents()

    ids = [r.article_id for r in results]
    for step in range(60):
        pk = rng.choice(ids)
        action = rng.random()
        if action < 0.4:
            edit = rng.random()
            patch = (
                ArticlePatch(body=_body(rng, names))
                if edit < 0.5
                else ArticlePatch(topics=_topics(rng))
                if edit < 0.75
                else ArticlePatch(published_at=when())
            )
            await update_article(pk, patch)
        elif action < 0.6:
            await delete_article(pk)
            ids.remove(pk)
        elif action < 0.8:  # a new version under the same slug (the store's update path)
            title = (await Article.get(id=pk)).title
            await store_articles(
                [
                    _parsed(title, _body(rng, names), when(), _topics(rng)),
                    _parsed(f"Extra {step}", _body(rng, names), when(), _topics(rng)),
                ]
            )
        else:
            await relink_articles(rng.sample(ids, 5))
    await _assert_counts_and_documents()

    await add_alias("person", people[0], "Lindqvist-Okafor")
    await delete_entity("organisation", orgs[1])
    await delete_entity("person", people[3])
    await _assert_counts_and_documents()

    expected = await _stored()
    expected_topics = await _stored_topics()
    await recount()
    assert await _stored() == expected
    assert await _stored_topics() == expected_topics
    ids = [pk for (pk,) in await Article.all().values_list("id")]
    assert ids


async def test_queued_counts_are_folded_once(db_session: Settings) -> None:
    """Articles stored inside `counts_deferred()` (the import on PostgreSQL) are counted by
    `fold_counts`; writes that change or delete one still queued count it themselves, so after
    the fold every count equals the rows' again, whatever the order."""
    rng = random.Random(18)
    for first, surname in zip(("Ana", "Erik", "Lea", "Ken"), _SURNAMES, strict=False):
        await create_entity("person", EntityInput(name=f"{first} {surname}"))
    names = [f"{a} {b}" for a, b in zip(("Ana", "Erik", "Lea", "Ken"), _SURNAMES, strict=False)]
    names += [*_ORGS[:2], *_COUNTRIES]
    start = datetime(2024, 3, 1, tzinfo=UTC)
    stamps = (start + timedelta(hours=rng.randint(0, 24 * 60)) for _ in range(10_000))
    articles = [_parsed(f"Queued {n}", _body(rng, names), next(stamps), _topics(rng)) for n in range(120)]
    await store_articles(articles[:20])  # counted at once
    with counts_deferred():
        results = await store_articles(articles[20:])
    ids = [r.article_id for r in results]
    if BACKEND == "postgres":
        assert len(await rows(f"SELECT article_id FROM {QUEUE}")) == 100
    # Edits, deletes and re-links of queued articles, outside the deferral (the API's writes).
    await update_article(ids[0], ArticlePatch(body=_body(rng, names)))
    await update_article(ids[1], ArticlePatch(topics=_topics(rng)))
    await delete_article(ids[2])
    await relink_articles(ids[3:6])
    title = (await Article.get(id=ids[6])).title
    with counts_deferred():  # a new version of a queued article inside the deferral
        await store_articles([_parsed(title, _body(rng, names), next(stamps), _topics(rng))])
    folded = await fold_counts()
    assert await rows(f"SELECT article_id FROM {QUEUE}") == []
    assert folded == (94 if BACKEND == "postgres" else 0)  # ids[:6] left it
    await _assert_counts_and_documents()
    assert await fold_counts() == 0


async def test_an_import_returns_with_its_counts_folded(
    db_session: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`gql-news import` queues its batches' counts (PostgreSQL) and folds them, in the background
    between batches and once more at the end (the related-article lists likewise, drained
    alongside every few batches): when it returns the queues are empty and every count equals
    the rows'."""
    monkeypatch.setattr(importer, "DRAIN_ALONGSIDE", 30)
    monkeypatch.setattr(importer, "FOLD_ALONGSIDE", 20)
    rng = random.Random(21)
    for first, surname in zip(("Ana", "Erik", "Lea", "Ken"), _SURNAMES, strict=False):
        await create_entity("person", EntityInput(name=f"{first} {surname}"))
    names = [f"{a} {b}" for a, b in zip(("Ana", "Erik", "Lea", "Ken"), _SURNAMES, strict=False)]
    names += [*_COUNTRIES, *_ORGS[:1]]
    for n in range(120):
        topics = ", ".join(_topics(rng)) or "News"
        text = f"Imported story {n}\n\n{topics} | May {n % 28 + 1}, 2024\n\n{_body(rng, names)}\n"
        (tmp_path / f"{n:03d}.txt").write_text(text, "utf-8")
    items, unreadable = collect([str(tmp_path)], lambda: "")
    assert not unreadable
    report = ImportReport()
    await import_items(items, report, lambda: None, batch=10)
    assert report.ok
    assert report.counts["created"] == 120
    assert await rows(f"SELECT article_id FROM {QUEUE}") == []
    assert await rows("SELECT article_id FROM article_neighbour_queue") == []
    await _assert_counts_and_documents()


async def test_the_app_folds_what_an_interrupted_import_left(test_settings: Settings) -> None:
    """An import stopped between a batch's commit and its fold leaves articles queued; the app
    counts them in as it starts, before its first request (PostgreSQL)."""
    if BACKEND != "postgres":
        pytest.skip("counts are queued on PostgreSQL only")
    rng = random.Random(23)
    async with database(test_settings):
        await create_entity("person", EntityInput(name="Ana Okafor"))
        names = ["Ana Okafor", *_COUNTRIES]
        start = datetime(2024, 5, 1, tzinfo=UTC)
        parsed = [_parsed(f"Left {n}", _body(rng, names), start + timedelta(days=n)) for n in range(30)]
        with counts_deferred():
            await store_articles(parsed)
        assert len(await rows(f"SELECT article_id FROM {QUEUE}")) == 30
    async with app_client(test_settings):
        try:
            assert await rows(f"SELECT article_id FROM {QUEUE}") == []
            assert (await rows("SELECT articles FROM article_total"))[0]["articles"] == 30
        finally:
            await reset_content()


async def test_concurrent_imports_fold_side_by_side(
    db_session: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports at once (PostgreSQL: their background folds side by side, on disjoint shares
    of the queue): when both have returned every count equals the rows'."""
    monkeypatch.setattr(importer, "FOLD_ALONGSIDE", 10)
    rng = random.Random(25)
    for first, surname in zip(("Ana", "Erik", "Lea"), _SURNAMES, strict=False):
        await create_entity("person", EntityInput(name=f"{first} {surname}"))
    for name in _ORGS:
        await create_entity("organisation", EntityInput(name=name))
    names = [f"{a} {b}" for a, b in zip(("Ana", "Erik", "Lea"), _SURNAMES, strict=False)]
    names += [*_COUNTRIES, *_ORGS]
    parts = []
    for part in ("a", "b"):
        (tmp_path / part).mkdir()
        for n in range(60):
            topics = ", ".join(_topics(rng)) or "News"
            text = f"Story {part}{n}\n\n{topics} | June {n % 28 + 1}, 2024\n\n{_body(rng, names)}\n"
            (tmp_path / part / f"{n:03d}.txt").write_text(text, "utf-8")
        items, unreadable = collect([str(tmp_path / part)], lambda: "")
        assert not unreadable
        parts.append(items)
    reports = [ImportReport(), ImportReport()]
    await asyncio.gather(
        *(import_items(p, r, lambda: None, batch=5) for p, r in zip(parts, reports, strict=True))
    )
    assert all(r.ok and r.counts["created"] == 60 for r in reports)
    assert await rows(f"SELECT article_id FROM {QUEUE}") == []
    await _assert_counts_and_documents()
