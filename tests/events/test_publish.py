"""What the write paths publish, and when: after the outermost transaction commits, once per
write, nothing for a write that failed or changed nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from gql_news.db import db
from gql_news.events.broker import InProcessBroker, Subscriber, decode, encode
from gql_news.events.publish import install, note_articles, publishing
from gql_news.ingest.article_edits import ArticlePatch, update_article
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.errors import InputError
from gql_news.ingest.parser import parse_article
from gql_news.ingest.review import confirm_candidate
from gql_news.ingest.store import store_article, store_articles
from gql_news.models import Article, EntityCandidate
from gql_news.settings import Settings

STORY = (
    "Minsk Talks\n\nNews | May 1, 2024\n\nAndrei Dapkiunas met Rufus Firefly, the trade minister, in Minsk."
)
OTHER = "Harbour Deal\n\nNews | May 2, 2024\n\nRufus Firefly, the trade minister, signed in Brest."


@pytest.fixture
async def events(db_session: Settings) -> AsyncIterator[Subscriber]:
    broker = InProcessBroker()
    install(broker)
    try:
        async with broker.subscribe() as subscriber:
            subscriber.broker = broker  # type: ignore[attr-defined]
            yield subscriber
    finally:
        install(None)
        await broker.close()


async def _drain(subscriber: Subscriber) -> list[tuple[str, tuple[int, ...]]]:
    """What the outbox reader delivers now (the fixture's broker runs no reader task)."""
    await subscriber.broker.reader.catch_up()  # type: ignore[attr-defined]
    out: list[tuple[str, tuple[int, ...]]] = []
    while not subscriber._queue.empty():
        event = subscriber._queue.get_nowait()
        assert event is not None
        out.append((event.reason, event.article_ids))
    return out


async def test_store_publishes_created_then_updated_and_not_unchanged(events: Subscriber) -> None:
    first = await store_article(parse_article(STORY))
    assert await _drain(events) == [("created", (first.article_id,))]
    assert (await store_article(parse_article(STORY))).status == "unchanged"
    assert await _drain(events) == []
    changed = await store_article(parse_article(STORY.replace("in Minsk", "in Gomel")))
    assert changed.status == "updated"
    assert await _drain(events) == [("updated", (first.article_id,))]


async def test_a_batch_is_one_event_per_reason(events: Subscriber) -> None:
    results = await store_articles([parse_article(STORY), parse_article(OTHER)])
    assert await _drain(events) == [("created", tuple(sorted(r.article_id for r in results)))]


async def test_a_nested_relink_is_published_once_after_the_outer_commit(events: Subscriber) -> None:
    """Confirming a candidate creates the person inside its transaction and re-links the
    articles in a savepoint: one event, after the whole confirmation committed."""
    await load_catalogue()
    ids = sorted(r.article_id for r in await store_articles([parse_article(STORY), parse_article(OTHER)]))
    await _drain(events)
    candidate = await EntityCandidate.filter(text="Rufus Firefly").first()
    assert candidate is not None
    await confirm_candidate(candidate.id)
    assert await _drain(events) == [("relinked", tuple(ids))]


async def test_a_failed_write_publishes_nothing(events: Subscriber) -> None:
    stored = await store_article(parse_article(STORY))
    other = await store_article(parse_article(OTHER))
    await _drain(events)
    copy = (await Article.get(id=other.article_id)).body
    with pytest.raises(InputError):  # would make it a copy of the other article
        await update_article(
            stored.article_id,
            ArticlePatch(
                title="Harbour Deal",
                body=copy,
                published_at=(await Article.get(id=other.article_id)).published_at,
            ),
        )
    assert await _drain(events) == []


async def test_an_exception_inside_publishing_discards_what_was_noted(events: Subscriber) -> None:
    async def failing_write() -> None:
        async with publishing():
            note_articles([1, 2], "created")
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await failing_write()
    async with publishing():
        async with publishing():
            note_articles([3], "relinked")
        note_articles([3], "created")  # the stronger reason wins
        note_articles([4], "updated")
    assert await _drain(events) == [("created", (3,)), ("updated", (4,))]


async def test_long_events_are_split_and_bad_messages_ignored(events: Subscriber) -> None:
    async with publishing():
        note_articles(range(1, 1201), "relinked")
    drained = await _drain(events)
    assert [len(ids) for _, ids in drained] == [500, 500, 200]
    assert sum((ids for _, ids in drained), ()) == tuple(range(1, 1201))
    assert decode(encode(7)) == 7
    for bad in ["", "{}", "[1]", '{"outbox": "7"}', '{"outbox": 0}', '{"outbox": true}']:
        assert decode(bad) is None


async def test_events_are_recorded_in_the_writing_transaction(db_session: Settings) -> None:
    """No broker at all: the write's events are in the outbox, with increasing ids; a write
    that failed left none."""

    async def outbox() -> list[tuple[int, str, str]]:
        rows = await db().execute_query_dict("SELECT id, reason, article_ids FROM event_outbox ORDER BY id")
        return [(row["id"], row["reason"], row["article_ids"]) for row in rows]

    before = await outbox()
    first = await store_article(parse_article(STORY))
    second = await store_article(parse_article(OTHER))
    rows = (await outbox())[len(before) :]
    assert [(reason, ids) for _, reason, ids in rows] == [
        ("created", f"[{first.article_id}]"),
        ("created", f"[{second.article_id}]"),
    ]
    assert rows[0][0] < rows[1][0]
    copy = await Article.get(id=second.article_id)
    with pytest.raises(InputError):
        await update_article(
            first.article_id,
            ArticlePatch(title="Harbour Deal", body=copy.body, published_at=copy.published_at),
        )
    assert len(await outbox()) == len(before) + 2
