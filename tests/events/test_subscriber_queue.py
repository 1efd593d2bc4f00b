"""A subscriber that cannot keep up: it receives what was queued, in order, then `FellBehind`,
never a feed with events missing from its middle (its client resumes from the last one)."""

from __future__ import annotations

import pytest

from gql_news.events.broker import ArticleEvent, FellBehind, Subscriber


def _event(n: int) -> ArticleEvent:
    return ArticleEvent(article_ids=(n,), reason="created", event_id=n)


async def test_a_full_queue_ends_the_feed_after_what_it_holds() -> None:
    subscriber = Subscriber(size=3)
    for n in range(1, 7):
        subscriber.put(_event(n))
    received: list[int | None] = []

    async def drain() -> None:
        async for event in subscriber:
            received.append(event.event_id)

    with pytest.raises(FellBehind):
        await drain()
    assert received == [1, 2, 3]


async def test_a_queue_that_never_fills_delivers_everything_until_closed() -> None:
    subscriber = Subscriber(size=3)
    received: list[int | None] = []
    for n in range(1, 10):
        subscriber.put(_event(n))
        async for event in subscriber:
            received.append(event.event_id)
            break
    subscriber.put(None)
    assert [e async for e in subscriber] == []
    assert received == list(range(1, 10))
