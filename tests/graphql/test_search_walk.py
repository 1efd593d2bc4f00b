"""The newest-first walk of a search that goes on past its budget (PostgreSQL,
`gql_news_newest_matches_grown`, migration 0015): the same newest matches as reading them all,
walking further only when the density it saw says that is cheaper than the GIN read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections

from gql_news.settings import Settings
from tests import factories as f
from tests.databases import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the walk is PostgreSQL's")

_GROWN = "SELECT id FROM gql_news_newest_matches_grown(to_tsquery('gql_news_english', $1), false, $2, $3, $4)"
_ALL = (
    "SELECT id FROM article WHERE search_vector @@ to_tsquery('gql_news_english', $1)"
    " ORDER BY published_at DESC, id DESC LIMIT $2"
)


async def _ids(sql: str, *params: Any) -> list[int]:
    rows = await connections.get("default").execute_query_dict(sql, list(params))
    return [int(row["id"]) for row in rows]


async def test_the_walk_goes_on_only_while_cheaper_than_the_index(db_session: Settings) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(300):
        words = ["weather"]
        if n % 3 == 0:
            words.append("harbour")  # every third article: 100 matches
        if n % 30 == 0:
            words.append("lighthouse")  # every thirtieth: 10
        await f.article(f"Story {n}", lead=" ".join(words) + ".", published=start + timedelta(hours=n))
    # 33 matches in the newest 100 articles, 41 wanted: at that density 37 more articles (with the
    # margin) against ~99 matches for the index, so the walk goes on and finds them all.
    assert await _ids(_GROWN, "harbour", 41, 100, 300) == await _ids(_ALL, "harbour", 41)
    # Enough in the budget: the walk stops there.
    assert await _ids(_GROWN, "harbour", 20, 100, 300) == await _ids(_ALL, "harbour", 20)
    # 3 matches in the newest 100, 21 wanted: going on (900 articles) costs more than reading the
    # 9 matches the index holds, so the walk stops short and the caller reads the index.
    assert await _ids(_GROWN, "lighthouse", 21, 100, 300) == await _ids(_ALL, "lighthouse", 3)
    # Nothing in the budget: no density to go on from.
    assert await _ids(_GROWN, "zeppelin", 21, 100, 300) == []


_WINDOW = "SELECT id FROM gql_news_newest_matches_window(to_tsquery('gql_news_english', $1), $2, $3)"


async def test_the_recent_window_gives_the_newest_matches_whatever_the_estimate(db_session: Settings) -> None:
    # `gql_news_newest_matches_window` (migration 0017): the matches of a recent window when it
    # holds enough, else a wider one, else all of them: the same rows as reading every match.
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(300):
        words = ["weather"]
        if n % 3 == 0:
            words.append("harbour")  # 100 matches, spread evenly
        if n >= 290:
            words.append("storm")  # 10 matches, all among the newest
        if n < 10:
            words.append("calm")  # 10 matches, all among the oldest
        await f.article(f"Story {n}", lead=" ".join(words) + ".", published=start + timedelta(hours=n))
    for word, wanted in (("harbour", 7), ("harbour", 41), ("storm", 3), ("calm", 3), ("zeppelin", 3)):
        every = await _ids(_ALL, word, wanted)
        # The right estimate, one far too high (a window too narrow, widened) and one too low.
        for estimate in (100, 10_000, 1):
            assert await _ids(_WINDOW, word, wanted, estimate) == every, (word, wanted, estimate)
