"""The read planner answers exactly as graphql-core's executor does.

Two `gql-news serve` processes on one database (the fuzz target's data: the demo article,
three more, a created person and organisation): one with the planner, one with
QUERY_PLANNER=off. hypothesis-graphql generates queries from the schema cut down to the
planned fields (so most requests are planned), with the ids, slugs, codes and cursors the
server holds, aliases, fragments (bench.fuzz_shapes), and arguments as literals or variables.
Both answers must be equal after sorting keys, errors included, and most must really have
been planned (the `X-Query-Plan` header says which path answered). Each backend's run has a fixed
seed of its own: reproducible, and the two backends compare different queries.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import httpx
import orjson
import pytest
from graphql import (
    DocumentNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    build_ast_schema,
    parse,
    print_ast,
    print_schema,
)
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from bench.fuzz_requests import custom_scalars, with_variables
from bench.fuzz_shapes import with_fragments
from bench.fuzz_target import Target, seeded
from gql_news.graphql.read.registry import registry
from gql_news.graphql.schema import schema
from tests.databases import BACKEND, scratch_database
from tests.servers import cli_token, serve_process

# A third as many on PostgreSQL: the same generator compares SQLite's answers with 150 (see
# tests/graphql/test_fuzz.py).
# PLANNER_EXAMPLES and PLANNER_SEED run a longer or another comparison.
EXAMPLES = int(os.environ.get("PLANNER_EXAMPLES") or {"sqlite": 150, "postgres": 50}[BACKEND])
SEED = int(os.environ.get("PLANNER_SEED") or {"sqlite": 1, "postgres": 2}[BACKEND])
_CONNECTION_PARTS = {"edges", "pageInfo", "totalCount", "cursor", "node"}


def planned_sdl() -> str:
    """The schema's SDL with only what the planner answers (other types left as they are)."""
    document = parse(print_schema(schema._schema))
    types = registry()
    definitions: list[Any] = []
    for definition in document.definitions:
        if isinstance(definition, ObjectTypeDefinitionNode):
            name = definition.name.value
            if name in ("Mutation", "Subscription"):
                continue
            if name in types:
                keep = set(types[name].fields) | {"id"}
                fields = tuple(f for f in definition.fields or () if f.name.value in keep)
                interfaces = tuple(i for i in definition.interfaces or () if i.name.value == "Node")
                definition = replace(definition, fields=fields, interfaces=interfaces)
            elif name.endswith(("Connection", "Edge")) or name == "PageInfo":
                fields = tuple(
                    f
                    for f in definition.fields or ()
                    if f.name.value
                    in _CONNECTION_PARTS | {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"}
                )
                definition = replace(definition, fields=fields)
        elif isinstance(definition, InterfaceTypeDefinitionNode) and definition.name.value == "Mentioned":
            continue
        definitions.append(definition)
    sdl = print_ast(DocumentNode(definitions=tuple(definitions)))
    sdl = sdl.replace("schema {\n  query: Query\n  mutation: Mutation\n  subscription: Subscription\n}", "")
    build_ast_schema(parse(sdl))  # still a valid schema
    return sdl


@dataclass
class Pair:
    planned: Target
    executor_url: str
    database_url: str


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    workdir = tmp_path_factory.mktemp("planner")
    uncached = {"RESPONSE_CACHE_BYTES": "0"}
    with (
        scratch_database(workdir, "planner", migrated=True) as url,
        serve_process(url, workdir, uncached) as planned,
        serve_process(url, workdir, {**uncached, "QUERY_PLANNER": "off"}, "--no-migrate") as executor,
    ):
        token = cli_token(url, workdir, "planner")
        yield Pair(seeded(planned.url, planned.log_path, token), executor.url, url)


def _canonical(response: httpx.Response) -> bytes:
    return orjson.dumps(response.json(), option=orjson.OPT_SORT_KEYS)


# Both apps are child processes, which coverage does not measure; this process draws queries
# (hypothesis), where coverage's tracer would add about 40% to the CPU and measure nothing.
@pytest.mark.no_cover
def test_planned_answers_equal_the_executors(pair: Pair) -> None:
    sdl = planned_sdl()
    from graphql import build_schema

    reduced = build_schema(sdl)
    scalars = custom_scalars(pair.planned.known)
    tally = {"planned": 0, "executor": 0, "executor without errors": 0}

    @st.composite
    def requests(draw: Any) -> tuple[str, dict[str, Any] | None]:
        query = draw(queries(sdl, custom_scalars=scalars))
        if draw(st.booleans()):
            query = with_fragments(query, reduced, draw(st.lists(st.booleans(), min_size=1, max_size=3)), 0)
        if draw(st.booleans()):
            lifted, variables = with_variables(query, reduced)
            return lifted, variables
        return query, None

    with (
        httpx.Client(base_url=pair.planned.base_url, timeout=60) as planned,
        httpx.Client(base_url=pair.executor_url, timeout=60) as executor,
    ):

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        @seed(SEED)
        @given(request=requests())
        def same(request: tuple[str, dict[str, Any] | None]) -> None:
            query, variables = request
            body = json.dumps({"query": query, "variables": variables})
            headers = {"Content-Type": "application/json"}
            one = planned.post("/graphql", content=body, headers=headers)
            two = executor.post("/graphql", content=body, headers=headers)
            assert (one.status_code, _canonical(one)) == (two.status_code, _canonical(two)), query
            path = one.headers.get("x-query-plan", "executor")
            tally[path] += 1
            if path != "planned" and "errors" not in one.json():
                tally["executor without errors"] += 1

        same()
    print(tally)
    # Hostile arguments (forged ids, cursors, out-of-range `first`) send a request to the
    # executor, which reports the error; of the requests that succeed, most were planned.
    assert tally["planned"] >= EXAMPLES // 4, tally
    assert tally["planned"] >= 4 * tally["executor without errors"], tally


def test_the_reduced_schema_keeps_the_planned_fields() -> None:
    sdl = planned_sdl()
    from graphql import build_schema

    reduced = build_schema(sdl)
    assert "search" not in reduced.query_type.fields  # type: ignore[union-attr]
    assert "facets" not in reduced.get_type("ArticleConnection").fields  # type: ignore[union-attr]
    assert "mentionTimeline" in reduced.get_type("Person").fields  # type: ignore[union-attr]
    assert "people(" in sdl
    assert "edges" in sdl


def test_skip_include_combinations_and_repeated_texts_stay_equal(pair: Pair) -> None:
    """A document whose plans vary with 10 `@include` variables (1,024 combinations, of which
    the per-document plan store keeps a few) and a variable-free text asked again and again
    (its statement is kept with the plan) answer as the executor does every time."""
    flags = [f"i{n}" for n in range(10)]
    fields = ["name", "slug", "id", "__typename", "title"]
    selections = " ".join(
        f"f{n}: {fields[n % len(fields)]} @include(if: ${flag})" for n, flag in enumerate(flags)
    )
    declared = ", ".join(f"${flag}: Boolean!" for flag in flags)
    varying = f"query Q({declared}) {{ people(first: 3) {{ edges {{ node {{ {selections} }} }} }} }}"
    fixed = "{ countries(first: 2) { totalCount edges { cursor node { code name } } } }"
    rng = __import__("random").Random(7)
    requests: list[dict[str, Any]] = [{"query": fixed}] * 5
    requests += [{"query": varying, "variables": {f: rng.random() < 0.5 for f in flags}} for _ in range(40)]
    requests += [{"query": fixed}] * 5
    with (
        httpx.Client(base_url=pair.planned.base_url, timeout=60) as planned,
        httpx.Client(base_url=pair.executor_url, timeout=60) as executor,
    ):
        paths = set()
        for request in requests:
            one = planned.post("/graphql", json=request)
            two = executor.post("/graphql", json=request)
            assert (one.status_code, _canonical(one)) == (two.status_code, _canonical(two)), request
            assert one.json().get("data"), one.text
            paths.add(one.headers.get("x-query-plan"))
        assert paths == {"planned"}, paths


def _example_queries() -> list[str]:
    """The README's GraphQL examples and the docs' `examples/*.graphql` that are queries
    (subscriptions and mutations are not planned)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    texts = [b.split("```", 1)[0] for b in readme.split("```graphql\n")[1:]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "examples").glob("*.graphql"))]
    bodies = ["\n".join(line for line in t.splitlines() if not line.startswith("#")) for t in texts]
    return [b for b in bodies if not b.lstrip().startswith(("subscription", "mutation"))]


# Examples that select fields the planner does not answer yet (the executor does).
_NOT_PLANNED_YET = ("facets", "search(")


def test_the_bench_queries_and_the_examples_are_planned(pair: Pair) -> None:
    from bench.queries import queries

    with httpx.Client(base_url=pair.planned.base_url, timeout=60) as client:
        data = client.post(
            "/graphql",
            json={"query": "{ articles(first: 20) { edges { node { slug countries { code } } } } }"},
        ).json()["data"]
    article = next(e["node"] for e in data["articles"]["edges"] if e["node"]["countries"])
    slug, code = article["slug"], article["countries"][0]["code"]
    graph = (
        "{ people(first: 5) { edges { node { name mentionCount articleCount"
        " coMentioned(first: 3) { count lastSeen entity { __typename ... on Person { name }"
        " ... on Organisation { name } ... on Country { code } } }"
        " countries: coMentioned(kind: COUNTRY) { count entity { ... on Country { code } } }"
        " quotes(first: 2) { text start end speaker { name } speakerCandidate { text kind } article { title } }"
        " days: mentionTimeline(interval: DAY) { start count }"
        ' weeks: mentionTimeline(interval: WEEK, from: "2018-01-01T00:00:00Z", to: "2019-06-01T00:00:00+02:00")'
        " { start count } } } }"
        " topics(first: 3) { edges { node { name articleCount"
        " months: mentionTimeline(interval: MONTH) { start count }"
        ' years: mentionTimeline(interval: YEAR, from: "2015-03-01T00:00:00Z", to: "2031-01-01T00:00:00Z")'
        " { start count } } } } }"
    )
    texts = [q.gql_news for q in queries(slug, code)] + _example_queries() + [graph]
    assert len(texts) >= 12, texts
    planned_texts = [t for t in texts if not any(part in t for part in _NOT_PLANNED_YET)]
    assert len(planned_texts) >= len(texts) - 2
    with (
        httpx.Client(base_url=pair.planned.base_url, timeout=60) as planned,
        httpx.Client(base_url=pair.executor_url, timeout=60) as executor,
    ):
        for text in texts:
            one = planned.post("/graphql", json={"query": text})
            two = executor.post("/graphql", json={"query": text})
            assert (one.status_code, _canonical(one)) == (two.status_code, _canonical(two)), text
            assert "errors" not in one.json(), one.text
            expected = "planned" if text in planned_texts else "executor"
            assert one.headers.get("x-query-plan") == expected, text
            if text == graph:  # the data is there to compare, not only empty lists
                people = [e["node"] for e in one.json()["data"]["people"]["edges"]]
                assert any(
                    p["coMentioned"] and p["countries"] and p["quotes"] and any(d["count"] for d in p["days"])
                    for p in people
                ), people
