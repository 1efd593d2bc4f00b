"""Search ranks a capped candidate set: the most recent matches and the most recent title
matches; `totalCount` is exact below the cap and a flagged estimate above it. Both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gql_news.settings import Settings
from tests import factories as f
from tests.app_client import tuned_client
from tests.graphql.helpers import data

CAP = 10

CAPPED = """
query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) {
    totalCount totalCountIsEstimate
    pageInfo { hasNextPage endCursor }
    edges { score node { title } }
  }
}
"""


@pytest.fixture
async def capped_client(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with tuned_client(test_settings, search_candidates=CAP) as http:
        yield http


async def _search(client: httpx.AsyncClient, q: str, **variables: Any) -> Any:
    return (await data(client, CAPPED, {"q": q, **variables}))["search"]


async def test_above_the_cap_the_newest_and_the_title_matches_are_ranked(
    capped_client: httpx.AsyncClient,
) -> None:
    await f.article("Harbour Master Retires", lead="He ran the port for forty years.")  # the oldest
    for i in range(CAP + 2):
        await f.article(f"Report {i}", lead=f"The harbour saw {i} ships today.")
    result = await _search(capped_client, "harbour", first=100)
    assert result["totalCountIsEstimate"] is True
    assert result["totalCount"] > CAP
    titles = [edge["node"]["title"] for edge in result["edges"]]
    # The title match ranks first although it is the oldest match; the two oldest body matches
    # are past the cap.
    assert titles[0] == "Harbour Master Retires"
    assert sorted(titles[1:]) == sorted(f"Report {i}" for i in range(2, CAP + 2))
    assert result["pageInfo"]["hasNextPage"] is False
    # A page past the candidates is empty and still carries the estimate.
    after = result["pageInfo"]["endCursor"]
    past = await _search(capped_client, "harbour", first=5, after=after)
    assert past["edges"] == []
    assert (past["totalCount"], past["totalCountIsEstimate"]) == (result["totalCount"], True)


async def test_below_the_cap_every_match_is_ranked_and_counted_exactly(
    capped_client: httpx.AsyncClient,
) -> None:
    for i in range(CAP):
        await f.article(f"Ferry {i}", lead="A ferry crossed the lake." if i % 2 else "Calm water.")
    result = await _search(capped_client, "lake")
    assert (result["totalCount"], result["totalCountIsEstimate"]) == (CAP // 2, False)
    assert len(result["edges"]) == CAP // 2
    exactly = await _search(capped_client, "ferry")  # the cap itself is still exact
    assert (exactly["totalCount"], exactly["totalCountIsEstimate"]) == (CAP, False)
    nothing = await _search(capped_client, "zeppelin")
    assert (nothing["totalCount"], nothing["totalCountIsEstimate"], nothing["edges"]) == (0, False, [])


async def test_a_title_match_whose_body_has_a_negated_word_is_not_a_candidate(
    capped_client: httpx.AsyncClient,
) -> None:
    await f.article("Harbour Master Retires", lead="He ran the port and the lighthouse.")  # the oldest
    await f.article("Harbour Pilot Honoured", lead="She guided tankers for thirty years.")
    for i in range(CAP + 2):
        await f.article(f"Report {i}", lead=f"The harbour saw {i} ships today.")
    result = await _search(capped_client, "harbour -lighthouse", first=100)
    titles = [edge["node"]["title"] for edge in result["edges"]]
    assert titles[0] == "Harbour Pilot Honoured"  # the title match without the excluded word
    assert "Harbour Master Retires" not in titles
