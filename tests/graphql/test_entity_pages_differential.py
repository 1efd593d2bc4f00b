"""Entity article pages (the mention index walk) answer as graphql-core's executor does, on data
made to stress the walk (beside the content the generated comparison seeds): many articles at
one instant, articles naming an entity several times, fractional seconds and offsets, every page
followed by its cursors, cursors of other lists, `first: 0`, entity pages nested two levels, and
articles moved in time, re-imported and deleted through the API (PLANNER_ARTICLES of them,
default 24). Two `gql-news serve` processes on one database, the planner's and
QUERY_PLANNER=off (`test_planner_differential`'s, with a database of this module's own).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import orjson
import pytest
from graphql import build_schema
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from bench.fuzz_requests import custom_scalars, with_variables
from bench.fuzz_target import Known
from bench.fuzz_target import _walk as collect
from tests.graphql.test_planner_differential import Pair, pair, planned_sdl

__all__ = ["pair"]  # the fixture, shared

PAGE = (
    "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
    " edges { cursor node { slug publishedAt } }"
)
ENTITY_PAGE = {
    "country": "query($k: String!, $n: Int, $a: String) { e: country(code: $k) { articles(first: $n, after: $a) { %s } } }",
    "person": "query($k: String!, $n: Int, $a: String) { e: person(slug: $k) { articles(first: $n, after: $a) { %s } } }",
    "organisation": "query($k: String!, $n: Int, $a: String) { e: organisation(slug: $k) { articles(first: $n, after: $a) { %s } } }",
}
NESTED = (
    "query($a: String, $n: Int) { people(first: 20) { edges { node { slug"
    " articles(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug publishedAt"
    " people { slug articles(first: 2, after: $a) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }"
    " edges { cursor node { slug organisations { slug articles(first: 1) { edges { cursor node { slug } } } } } } } }"
    " countries { code articles(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
    " edges { cursor } } } } } } } } } }"
)
CREATE = "mutation($input: ArticleInput!) { createArticle(input: $input) { slug id } }"
UPDATE = "mutation($id: ID!, $input: ArticlePatch!) { updateArticle(id: $id, input: $input) { id } }"
DELETE = "mutation($id: ID!) { deleteArticle(id: $id) }"
TIMES = (
    "2024-05-01T10:00:00Z",
    "2024-05-01T12:00:00+02:00",  # the same instant
    "2024-05-01T10:00:00.250000Z",
    "2024-05-01T09:59:59.999999Z",
    "2023-12-31T23:00:00-01:00",
)


@dataclass
class Pages:
    planned: httpx.Client
    executor: httpx.Client
    token: str
    url: str
    entities: list[tuple[str, str]] = field(default_factory=list)  # (kind, key)
    cursors: list[str] = field(default_factory=list)
    compared: int = 0

    def gql(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"}
        body = self.planned.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        ).json()
        assert not body.get("errors"), body
        return body["data"]

    def same(self, query: str, variables: dict[str, Any]) -> Any:
        """Both answers, equal; the planner's was planned. Returns the answer's data."""
        payload = {"query": query, "variables": variables}
        one = self.planned.post("/graphql", json=payload)
        two = self.executor.post("/graphql", json=payload)
        self.compared += 1
        canonical = [orjson.dumps(r.json(), option=orjson.OPT_SORT_KEYS) for r in (one, two)]
        assert (one.status_code, canonical[0]) == (two.status_code, canonical[1]), (query, variables)
        body = one.json()
        if "errors" not in body:
            assert one.headers.get("x-query-plan") == "planned", (query, variables)
        return body.get("data")


@pytest.fixture(scope="module")
def pages(pair: Pair) -> Iterator[Pages]:
    """The planner's server and the executor's on one database, as the generated comparison has
    them (with its seeded content)."""
    with (
        httpx.Client(base_url=pair.planned.base_url, timeout=60) as one,
        httpx.Client(base_url=pair.executor_url, timeout=60) as two,
    ):
        yield Pages(one, two, pair.planned.token, pair.database_url)


def _seed(pair: Pages) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    """Articles naming two people, an organisation and countries, several times, at tied times."""
    person = 'mutation($n: String!) { createPerson(input: {name: $n, countryCode: "FR"}) { slug } }'
    people = [pair.gql(person, {"n": n})["createPerson"]["slug"] for n in ("Lena Okafor", "Tomas Rivera")]
    org = pair.gql('mutation { createOrganisation(input: {name: "Harbour Trust Group"}) { slug } }')
    organisation = org["createOrganisation"]["slug"]
    created = []
    for i in range(int(os.environ.get("PLANNER_ARTICLES") or 24)):
        named = ["France", "Lena Okafor"] * (1 + i % 3) + (["Tomas Rivera"] if i % 2 else ["Germany"])
        if i % 4 == 0:
            named += ["Harbour Trust Group", "Japan", "Harbour Trust Group"]
        body = " ".join(f"{name} spoke on day {i}." for name in named)
        article = {"title": f"Report number {i}", "body": body, "publishedAt": TIMES[i % len(TIMES)]}
        created.append(pair.gql(CREATE, {"input": article})["createArticle"])
    _import(pair, "May 1, 2024")
    return [
        *(("person", p) for p in people),
        ("organisation", organisation),
        *(("country", c) for c in ("FR", "DE", "JP", "BY")),
    ], created


def _import(pair: Pages, day: str) -> None:
    text = (
        f"Quiet Harbour Report\n\nNews | {day} By: Desk\n\n"
        "France and Japan met. France said Lena Okafor would come; Lena Okafor did."
    )
    pair.gql("mutation($t: String!) { importArticle(input: {text: $t}) { id } }", {"t": text})


def _walk(pair: Pages, kind: str, key: str, size: int, after: str | None = None) -> list[str]:
    """Every page of one entity's articles from `after`, both answers compared; the slugs (in
    order of publication time, newest first, and as many as the maintained totalCount says:
    asserted)."""
    slugs: list[str] = []
    times: list[datetime] = []
    totals: set[int] = set()
    whole = after is None and size > 0
    for _ in range(200):
        data = pair.same(ENTITY_PAGE[kind] % PAGE, {"k": key, "n": size, "a": after})
        page = data["e"]["articles"]
        pair.cursors += [e["cursor"] for e in page["edges"]]
        slugs += [e["node"]["slug"] for e in page["edges"]]
        times += [datetime.fromisoformat(e["node"]["publishedAt"]) for e in page["edges"]]
        totals.add(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"] or size == 0:
            assert not whole or totals == {len(slugs)}, (kind, key, totals, len(slugs))
            assert times == sorted(times, reverse=True), (kind, key, times)
            assert len(set(slugs)) == len(slugs), slugs
            return slugs
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("no last page")


def _forged() -> list[str]:
    """Cursors of the right list with unusual keys: ties, fractions, offsets, unknown ids."""
    keys = [
        ("2024-05-01T10:00:00+00:00", 10**6),
        ("2024-05-01T10:00:00+00:00", 1),
        ("2024-05-01T12:00:00+02:00", 10**6),
        ("2024-05-01T10:00:00.250000+00:00", 10**6),
        ("2024-05-01T10:00:00.1+00:00", 5),
        ("2024-05-01T10:00:00", 3),
        ("2024-05-01", 3),
        ("2100-01-01T00:00:00+00:00", 1),
        ("1900-01-01T00:00:00+00:00", 1),
    ]
    encoded = [json.dumps(["a-", when, pk], separators=(",", ":")) for when, pk in keys]
    encoded.append(json.dumps(["a+", "2024-05-01T10:00:00+00:00", 3], separators=(",", ":")))
    return [base64.urlsafe_b64encode(text.encode()).decode().rstrip("=") for text in encoded] + [
        base64.urlsafe_b64encode(text.encode()).decode() for text in encoded[:2]
    ]


def _check_everything(pair: Pages) -> None:
    for kind, key in pair.entities:
        full = _walk(pair, kind, key, 100)
        assert full or key == "BY", (kind, key)
        for size in (0, 1, 2, 3, 7):
            assert _walk(pair, kind, key, size) == (full if size else [])
    cursors = list(dict.fromkeys(pair.cursors))[:60] + _forged()
    for kind, key in pair.entities:
        for after in cursors:
            pair.same(ENTITY_PAGE[kind] % PAGE, {"k": key, "n": 4, "a": after})
    for nested in [None, *cursors[::5]]:
        for size in (0, 2):
            pair.same(NESTED, {"a": nested, "n": size})


def _mentions_in_step(pair: Pages) -> None:
    """Every mention holds its article's publication time."""
    if pair.url.startswith("sqlite://"):
        import sqlite3

        with sqlite3.connect(pair.url.removeprefix("sqlite://")) as db:
            stale = db.execute(
                "SELECT COUNT(*) FROM mention m JOIN article a ON a.id = m.article_id"
                " WHERE m.published_at IS NOT a.published_at"
            ).fetchone()[0]
    else:
        import asyncio

        import asyncpg

        async def count() -> int:
            connection = await asyncpg.connect(pair.url)
            try:
                return int(
                    await connection.fetchval(
                        "SELECT COUNT(*) FROM mention m JOIN article a ON a.id = m.article_id"
                        " WHERE m.published_at IS DISTINCT FROM a.published_at"
                    )
                )
            finally:
                await connection.close()

        stale = asyncio.run(count())
    assert stale == 0


@pytest.mark.no_cover
def test_entity_pages_equal_the_executors_through_edits(pages: Pages) -> None:
    pair = pages
    pair.entities, created = _seed(pair)
    _mentions_in_step(pair)
    _check_everything(pair)
    ids = [a["id"] for a in created]
    # Moved in time: into a tie, to a fraction of a second, far back, with an offset.
    moves = [
        "2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.250000+00:00",
        "2001-01-01T00:00:00Z",
        "2024-05-01T13:00:00+03:00",
    ]
    for n, article_id in enumerate(ids[::3]):
        pair.gql(UPDATE, {"id": article_id, "input": {"publishedAt": moves[n % len(moves)]}})
    # A time and a body changed at once (the mentions are written again).
    pair.gql(
        UPDATE,
        {
            "id": ids[1],
            "input": {"publishedAt": "2030-01-01T00:00:00Z", "body": "Japan and France, then Lena Okafor."},
        },
    )
    pair.gql(
        UPDATE, {"id": ids[2], "input": {"body": "Tomas Rivera visited Japan. Japan answered Tomas Rivera."}}
    )
    pair.gql(DELETE, {"id": ids[4]})
    _import(pair, "June 3, 2019")  # the same slug again: the article updated in place, moved back
    _mentions_in_step(pair)
    pair.cursors.clear()
    _check_everything(pair)
    _generated(pair)
    print(f"compared {pair.compared} requests")


def _generated(pair: Pages) -> None:
    """Queries hypothesis-graphql draws from the planned schema, rooted at the entity lookups and
    lists, with this data's slugs, codes and cursors (PLANNER_EXAMPLES of them, default 150)."""
    sdl = planned_sdl()
    reduced = build_schema(sdl)
    known = Known()
    collect(
        pair.gql(
            "{ people(first: 20) { edges { cursor node { id slug articles(first: 20) { edges { cursor } } } } }"
            " organisations(first: 100) { edges { node { id slug } } } }"
        ),
        known,
    )
    known.strings += [key for _, key in pair.entities]
    known.cursors += _forged() + list(dict.fromkeys(pair.cursors))[:40]
    roots = ["person", "organisation", "country", "people", "organisations", "node"]

    @st.composite
    def requests(draw: Any) -> tuple[str, dict[str, Any] | None]:
        query = draw(
            queries(sdl, fields=[draw(st.sampled_from(roots))], custom_scalars=custom_scalars(known))
        )
        if draw(st.booleans()):
            return with_variables(query, reduced)
        return query, None

    @settings(
        max_examples=int(os.environ.get("PLANNER_EXAMPLES") or 150),
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @seed(int(os.environ.get("PLANNER_SEED") or 3))
    @given(request=requests())
    def same(request: tuple[str, dict[str, Any] | None]) -> None:
        query, variables = request
        payload = {"query": query, "variables": variables}
        one = pair.planned.post("/graphql", json=payload)
        two = pair.executor.post("/graphql", json=payload)
        pair.compared += 1
        canonical = [orjson.dumps(r.json(), option=orjson.OPT_SORT_KEYS) for r in (one, two)]
        assert (one.status_code, canonical[0]) == (two.status_code, canonical[1]), payload

    same()
