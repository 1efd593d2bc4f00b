"""The read planner answers exactly as graphql-core's executor does.

Two `gql-news serve` processes on one database (the fuzz target's data: the demo article,
three more, a created person and organisation): one with the planner, one with
QUERY_PLANNER=off. hypothesis-graphql generates queries from the schema cut down to the
planned fields (so most requests are planned), with the ids, slugs, codes and cursors the
server holds, aliases, fragments (bench.fuzz_shapes), and arguments as literals or variables.
Both answers must be equal after sorting keys, errors included, and most must really have
been planned (the `X-Query-Plan` header says which path answered).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
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
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from bench.fuzz_requests import custom_scalars, with_variables
from bench.fuzz_shapes import with_fragments
from bench.fuzz_target import Target, serve
from bench.servers import Processes, free_port, gql_news_command, readyz, wait_ready
from gql_news.graphql.read.registry import registry
from gql_news.graphql.schema import schema
from tests.databases import scratch_database

EXAMPLES = 300
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


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    workdir = tmp_path_factory.mktemp("planner")
    processes = Processes()
    with (
        scratch_database(workdir, "planner") as url,
        processes_stopped(processes),
        serve(url, workdir, {"RESPONSE_CACHE_BYTES": "0"}) as planned,
    ):
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "QUERY_PLANNER": "off", "RESPONSE_CACHE_BYTES": "0"}
        server = processes.start(
            f"executor-{port}",
            [*gql_news_command(), "serve", "--no-migrate", "--host", "127.0.0.1", "--port", str(port)],
            port=port,
            env=env,
            cwd=workdir,
        )
        wait_ready(server, readyz)
        yield Pair(planned, server.base_url)


@contextmanager
def processes_stopped(processes: Processes) -> Iterator[None]:
    try:
        yield
    finally:
        processes.stop_all()


def _canonical(response: httpx.Response) -> bytes:
    return orjson.dumps(response.json(), option=orjson.OPT_SORT_KEYS)


def test_planned_answers_equal_the_executors(pair: Pair) -> None:
    sdl = planned_sdl()
    from graphql import build_schema

    reduced = build_schema(sdl)
    scalars = custom_scalars(pair.planned.known)
    tally = {"planned": 0, "executor": 0}

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
            derandomize=True,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        @given(request=requests())
        def same(request: tuple[str, dict[str, Any] | None]) -> None:
            query, variables = request
            body = json.dumps({"query": query, "variables": variables})
            headers = {"Content-Type": "application/json"}
            one = planned.post("/graphql", content=body, headers=headers)
            two = executor.post("/graphql", content=body, headers=headers)
            assert (one.status_code, _canonical(one)) == (two.status_code, _canonical(two)), query
            tally[one.headers.get("x-query-plan", "executor")] += 1

        same()
    print(tally)
    # Hostile arguments (forged ids, cursors, out-of-range `first`) send a request to the executor.
    assert tally["planned"] >= EXAMPLES // 3, tally


def test_the_reduced_schema_keeps_the_planned_fields() -> None:
    sdl = planned_sdl()
    assert "mentionTimeline" not in sdl
    assert "people(" in sdl
    assert "edges" in sdl
