"""store_articles: many articles in a few statements, with store_article's rules and results."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, cast

import asyncpg
import pytest

from gql_news.ingest import store
from gql_news.ingest.importer import ImportReport, Item, import_items
from gql_news.ingest.parser import ParsedArticle, parse_article
from gql_news.ingest.store import store_article, store_articles
from gql_news.models import Article, ArticleTopic, EntityCandidate, Mention, Topic
from gql_news.settings import Settings
from tests.graphql.helpers import count_statements


def _article(n: int, body: str = "Iran and Belarus met. Energy Minister Ana Petrova spoke.") -> ParsedArticle:
    return parse_article(f"Story {n}\n\nNews, Topic {n % 3} | May 1, 2024\n\n{body} ({n})")


async def test_results_in_input_order_with_duplicates(db_session: Settings) -> None:
    one, two = _article(1), _article(2)
    two_edited = replace(two, body="Chad. (2)", standfirst="Chad. (2)")
    results = await store_articles([one, two, one, two_edited])
    assert [r.status for r in results] == ["created", "created", "unchanged", "updated"]
    assert results[0].article_id == results[2].article_id
    assert results[1].article_id == results[3].article_id
    assert await Article.all().count() == 2
    assert (await Article.get(id=results[1].article_id)).body == "Chad. (2)"
    chad = cast(
        list[str], await Mention.filter(article_id=results[1].article_id).values_list("text", flat=True)
    )
    assert chad == ["Chad"]
    again = await store_articles([one, two_edited])
    assert [r.status for r in again] == ["unchanged", "unchanged"]


async def test_a_batch_is_linked_like_single_stores(db_session: Settings) -> None:
    articles = [_article(n) for n in range(5)]
    batch = await store_articles(articles)
    batched = await Mention.all().order_by("article_id", "start").values_list("text", "start", "end")
    candidates = await EntityCandidate.all().count()
    await Article.all().delete()
    for parsed in articles:
        await store_article(parsed)
    single = await Mention.all().order_by("article_id", "start").values_list("text", "start", "end")
    assert batched == single
    assert candidates == await EntityCandidate.all().count() == 5
    assert len(batch) == 5
    assert await Topic.all().count() == 4
    assert await ArticleTopic.all().count() == 10


async def test_statements_do_not_grow_with_the_batch(db_session: Settings) -> None:
    await store_articles([_article(100)])  # topics exist, gazetteer cached
    with count_statements() as few:
        await store_articles([_article(0)])
    with count_statements() as many:
        await store_articles([_article(n) for n in range(1, 60)])
    assert len(many) == len(few), (few, many)


async def test_import_isolates_an_article_the_database_refuses(db_session: Settings) -> None:
    bad = ParsedArticle(
        title="Bad topic",
        topics=("x" * 150,),  # the parser refuses this; a hand-built article need not
        published_at=datetime(2024, 5, 1, tzinfo=UTC),
        byline=None,
        body="Belarus.",
        standfirst="Belarus.",
    )
    items = [Item(f"item{n}", functools.partial(_article, n)) for n in range(3)]
    items.insert(1, Item("bad", lambda: bad))
    report = ImportReport()
    advanced: list[int] = []
    await import_items(items, report, lambda: advanced.append(1), batch=10)
    assert report.counts["created"] == 3
    assert [f.label for f in report.failures] == ["bad"]
    assert len(advanced) == 4
    assert await Article.all().count() == 3
    assert not await Article.filter(title="Bad topic").exists()


async def test_a_batch_waits_for_a_concurrent_import_creating_the_same_topic(
    db_session: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another importer created a topic and has not committed: this batch waits for it and uses
    its row, instead of failing on the unique slug and being written again whole (PostgreSQL;
    SQLite writers take turns)."""
    if not db_session.is_postgres:
        pytest.skip("concurrent writers: PostgreSQL")
    attempts: list[int] = []
    write_batch = store._store_batch

    async def counted(*args: Any, **kwargs: Any) -> Any:
        attempts.append(1)
        return await write_batch(*args, **kwargs)

    monkeypatch.setattr(store, "_store_batch", counted)
    other = await asyncpg.connect(db_session.database_url.replace("postgres://", "postgresql://", 1))
    try:
        transaction = other.transaction()
        await transaction.start()
        await other.execute("INSERT INTO topic (slug, name) VALUES ('brand-new-desk', 'Brand New Desk')")
        parsed = parse_article("Harbour Story\n\nBrand New Desk | May 1, 2024\n\nBelarus and Iran met.")
        storing = asyncio.ensure_future(store_articles([parsed]))
        await asyncio.sleep(0.5)
        assert not storing.done()  # waiting on the other's uncommitted topic
        await transaction.commit()
        result = (await asyncio.wait_for(storing, 20))[0]
    finally:
        await other.close()
    assert result.status == "created"
    assert len(attempts) == 1  # not rolled back and written again
    desk = await Topic.filter(slug="brand-new-desk").values_list("id", flat=True)
    assert len(desk) == 1
    linked = await ArticleTopic.filter(topic_id=desk[0]).values_list("article_id", flat=True)
    assert [int(cast(Any, pk)) for pk in linked] == [result.article_id]


async def _linked_rows(title_prefix: str) -> list[tuple[Any, ...]]:
    """What linking wrote for the articles whose title starts so, by article number."""
    rows: list[tuple[Any, ...]] = []
    for pk, title in (
        await Article.filter(title__startswith=title_prefix).order_by("id").values_list("id", "title")
    ):
        number = str(title).rsplit(" ", 1)[1]
        mentions = (
            await Mention.filter(article_id=pk)
            .order_by("start")
            .values_list("person_id", "organisation_id", "country_id", "start", "end")
        )
        candidates = (
            await EntityCandidate.filter(article_id=pk).order_by("start").values_list("text", "start")
        )
        rows.append((number, mentions, candidates))
    return rows


async def test_the_next_batch_linked_ahead_is_linked_as_in_its_transaction(
    db_session: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`import_items` links a batch in a worker thread while the one before is written; what it
    stores is what linking in the transaction gives, and links made against another gazetteer
    (the catalogue changed meanwhile) are not used."""
    from gql_news.ingest import importer
    from gql_news.ingest.article_rows import Prelinked, prelink
    from gql_news.ingest.linker import build_gazetteer

    bodies = [
        "Iran and Belarus met. Energy Minister Ana Petrova spoke.",
        "Chad and Peru signed. “We agreed,” said Finance Minister Lars Bergqvist.",
        "Belarus. Spokesperson Mina Solberg of the council said nothing new.",
    ]
    ahead: list[int] = []

    def counted(texts: Any, gazetteer: Any, stop: Any = None) -> Prelinked:
        ahead.append(len(texts))
        return prelink(texts, gazetteer, stop)

    monkeypatch.setattr(importer, "prelink", counted)
    items = [Item(f"a{n}", functools.partial(_article, n, bodies[n % 3])) for n in range(7)]
    report = ImportReport()
    await import_items(items, report, lambda: None, batch=2)
    assert report.counts["created"] == 7
    assert ahead == [2, 2, 2]  # batches 2 to 4 (the first is one article): linked while 1 to 3 were written
    for n in range(7):
        await store_articles([parse_article(f"Alone {n}\n\nNews | May 1, 2024\n\n{bodies[n % 3]} ({n})")])
    assert await _linked_rows("Story") == await _linked_rows("Alone")

    other = await build_gazetteer()  # equal content, another object: as after a catalogue edit

    def stale(texts: Any, _gazetteer: Any, _stop: Any = None) -> Prelinked:
        return Prelinked(
            other, {text: replace(prelink([text], other).links[text], mentions=[]) for text in texts}
        )

    monkeypatch.setattr(importer, "prelink", stale)
    items = [Item(f"b{n}", functools.partial(_article, n + 10, bodies[n % 3])) for n in range(7)]
    await import_items(items, ImportReport(), lambda: None, batch=2)
    linked = {number: rest for number, *rest in await _linked_rows("Story")}
    for n in range(7):  # the same bodies: linked again in their transactions, not left empty
        assert linked[str(n + 10)] == linked[str(n)]


async def test_linking_ahead_stops_after_a_batch_of_unchanged_articles(
    db_session: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch after the first is linked while the first is written; when the first stored
    nothing new (the same articles imported again), that linking is cut short and no later
    batch is linked ahead."""
    import threading

    from gql_news.ingest import importer
    from gql_news.ingest.article_rows import Prelinked, prelink

    items = [Item(f"a{n}", functools.partial(_article, n)) for n in range(7)]
    await import_items(items, ImportReport(), lambda: None, batch=2)
    stops: list[threading.Event | None] = []

    def counted(texts: Any, gazetteer: Any, stop: threading.Event | None = None) -> Prelinked:
        stops.append(stop)
        return prelink(texts, gazetteer, stop)

    monkeypatch.setattr(importer, "prelink", counted)
    again = ImportReport()
    await import_items(items, again, lambda: None, batch=2)
    assert again.counts["unchanged"] == 7
    assert len(stops) == 1
    assert stops[0] is not None
    assert stops[0].is_set()


async def test_prelink_leaves_out_what_is_not_linked_when_stopped(db_session: Settings) -> None:
    import threading

    from gql_news.ingest.article_rows import prelink
    from gql_news.ingest.linker import current_gazetteer

    gazetteer = await current_gazetteer()
    stop = threading.Event()
    assert set(prelink(["Iran met Chad.", "Belarus."], gazetteer, stop).links) == {
        "Iran met Chad.",
        "Belarus.",
    }
    stop.set()
    assert not prelink(["Iran met Chad."], gazetteer, stop).links


async def test_an_interrupted_import_cuts_the_linking_ahead_short(
    db_session: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled (as Ctrl-C cancels `gql-news import`) while it waits for the next batch's
    linking, the import stops that linking after the body in hand rather than waiting for the
    whole batch, and what it stored is whole batches."""
    import threading
    import time

    from gql_news.ingest import importer
    from gql_news.ingest.article_rows import Prelinked, prelink

    linked: list[str] = []

    def slow(texts: Any, gazetteer: Any, stop: threading.Event | None = None) -> Prelinked:
        for text in texts:
            if stop is not None and stop.is_set():
                break
            time.sleep(0.1)
            linked.append(text)
        return prelink([], gazetteer, stop)

    monkeypatch.setattr(importer, "prelink", slow)
    items = [Item(f"a{n}", functools.partial(_article, n)) for n in range(90)]
    advanced: list[int] = []
    first_stored = asyncio.Event()

    def advance() -> None:
        advanced.append(1)
        if len(advanced) == 10:  # the first batch (a quarter of 40) is stored; the next is being linked
            first_stored.set()

    task = asyncio.create_task(import_items(items, ImportReport(), advance, batch=40))
    await first_stored.wait()
    await asyncio.sleep(0.2)
    started = time.perf_counter()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.perf_counter() - started < 2.0  # all 40 bodies would take 4 s
    assert len(linked) < 40
    assert await Article.all().count() == 10
    assert not await Article.filter(mentions=None).exists()
