"""Generated queries and mutations against the served app, on this run's database backend.

`gql-news serve` runs under uvicorn on a fresh database with the demo content and a few more
articles; hypothesis-graphql derives requests from the schema the server publishes (see
bench/fuzz.py for what is generated and what every answer must satisfy). Each backend's run has
a seed of its own, fixed, so a failure reproduces with the same command, and the two backends'
runs send different requests (150 on SQLite, 50 on PostgreSQL). `python -m bench.fuzz` runs a longer, seeded one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import build_schema, parse, validate

from bench.fuzz import fuzz, fuzz_subscriptions
from bench.fuzz_oracle import Finding, check_answer, check_log
from bench.fuzz_requests import with_variables
from bench.fuzz_target import Target, seeded
from tests.databases import BACKEND, scratch_database
from tests.servers import cli_token, serve_process

# Generating a request costs more CPU than the server spends answering it; the same requests on
# both backends would be the same generation twice. PostgreSQL's pass sends a third as many as
# SQLite's, where the same generator drives the same resolvers: enough to take PostgreSQL's own
# SQL through generated arguments.
EXAMPLES = {"sqlite": 150, "postgres": 50}[BACKEND]
SEED = {"sqlite": 1, "postgres": 2}[BACKEND]
# The served app is a child process, which coverage does not measure; in this process the
# generated tests only draw requests (hypothesis, bench/), where coverage's tracer would add
# about 40% to the CPU and measure nothing of gql_news: `no_cover` pauses it for them.


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    workdir = tmp_path_factory.mktemp("fuzz")
    with scratch_database(workdir, "fuzz", migrated=True) as url, serve_process(url, workdir) as served:
        yield seeded(served.url, served.log_path, cli_token(url, workdir, "fuzz"))


@pytest.mark.no_cover
def test_generated_requests_get_well_formed_answers(target: Target) -> None:
    tally = fuzz(target, EXAMPLES, SEED)
    assert tally.requests >= EXAMPLES
    # The generators must reach the resolvers, not only the validator.
    assert tally.clean >= EXAMPLES // 20, tally.summary()
    print(tally.summary())


@pytest.mark.no_cover
def test_generated_subscriptions_get_well_formed_answers(target: Target) -> None:
    tally = fuzz_subscriptions(target, EXAMPLES // 5, SEED)
    assert tally.requests >= EXAMPLES // 5
    print(tally.summary())


def test_the_checks_catch_a_broken_answer(target: Target) -> None:
    """The oracle itself: a 500, a non-GraphQL body, an unknown code and a leaked SQL text all fail."""
    broken = [
        httpx.Response(500, json={"errors": [{"message": "x", "extensions": {"code": "BAD_USER_INPUT"}}]}),
        httpx.Response(200, text="<html></html>", headers={"content-type": "text/html"}),
        httpx.Response(200, json={"errors": [{"message": "x", "extensions": {"code": "OOPS"}}]}),
        httpx.Response(
            200, json={"errors": [{"message": "x", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
        ),
        httpx.Response(
            200,
            json={
                "errors": [
                    {"message": 'SELECT id FROM "article" WHERE x', "extensions": {"code": "BAD_USER_INPUT"}}
                ]
            },
        ),
        httpx.Response(200, json={"data": None}),
        httpx.Response(200, json={"data": {}, "trace": 1}),
    ]
    for response in broken:
        with pytest.raises(Finding):
            check_answer(response)
    assert check_answer(httpx.Response(200, json={"data": {"a": 1}})) == {"data": {"a": 1}}
    log = target.log_path
    size = log.stat().st_size
    check_log(log, size)


def test_an_error_may_quote_what_was_asked() -> None:
    """A word the oracle looks for in leaks (`sqlite3`) is no leak when the request held it: an
    error quoting a malformed id back (hypothesis draws the program's own string literals)."""
    answer = {
        "errors": [{"message": "Malformed id 'sqlite3'.", "extensions": {"code": "BAD_USER_INPUT"}}],
        "data": None,
    }
    asked = '{ nodes(ids: ["sqlite3"]) { id } }'
    assert check_answer(httpx.Response(200, json=answer), asked) == answer
    with pytest.raises(Finding):
        check_answer(httpx.Response(200, json=answer), '{ nodes(ids: ["x"]) { id } }')


def test_a_huge_get_query_is_logged_capped(target: Target) -> None:
    """A GET carries its query in the URL: the access line logs the path alone, and the refusal
    logs an excerpt of the query, so a 56 KB URL writes well under 2 KB to the log."""
    query = "{ " + "__typename " * 5100 + "}"  # over 5,000 tokens, under httpx's 64 KB URL parts
    before = target.log_path.stat().st_size
    response = httpx.get(f"{target.base_url}/graphql", params={"query": query}, timeout=30)
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX", response.text
    request_id = response.headers["x-request-id"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and '"gql_news.access"' not in _log_since(target, before):
        time.sleep(0.05)
    logged = _log_since(target, before)
    access = [line for line in logged.splitlines() if '"gql_news.access"' in line]
    assert len(access) == 1, logged
    assert request_id in access[0]
    assert "__typename" not in access[0]
    assert f"({len(query)} characters)" in logged
    assert len(logged.encode()) < 2_000 < len(query)


def _log_since(target: Target, offset: int) -> str:
    return target.log_path.read_bytes()[offset:].decode(errors="replace")


def test_literals_move_into_variables(repo_root: Path) -> None:
    schema = build_schema((repo_root / "schema" / "schema.graphql").read_text())
    query, variables = with_variables(
        '{ articles(first: 3, filter: {country: "BY"}) { edges { node { mentions(kind: PERSON) { text } } } } }',
        schema,
    )
    assert variables == {"v0": 3, "v1": {"country": "BY"}, "v2": "PERSON"}
    assert validate(schema, parse(query)) == []
