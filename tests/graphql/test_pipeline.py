"""The pre-execution pipeline through the app on this run's database: one path for HTTP, WebSocket and
the schema called directly, the response and persisted-query caches bounded in bytes, errors
that keep their locations (tests/graphql/test_pipeline_budgets.py: the budgets alone)."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from graphql import parse
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gql_news.app import create_app
from gql_news.graphql.context import Context
from gql_news.graphql.executor import FastExecutionContext
from gql_news.graphql.pipeline import documents
from gql_news.graphql.pipeline.limits import Limits
from gql_news.graphql.schema import build_schema
from gql_news.settings import Settings
from tests import factories as f
from tests.conftest import BACKEND
from tests.graphql.helpers import codes, count_statements, data, settled


async def test_schema_execute_goes_through_the_pipeline(db_session: Settings) -> None:
    """Calling the schema directly (no HTTP, no WebSocket) applies the same limits."""
    schema = build_schema(limits=Limits(max_depth=3))
    result = await schema.execute(
        "{ articles { edges { node { people { name } } } } }", context_value=Context()
    )
    assert result.data is None
    assert [e.formatted["extensions"]["code"] for e in result.errors or ()] == ["QUERY_TOO_COMPLEX"]
    fine = await schema.execute("{ articles { totalCount } }", context_value=Context())
    assert fine.errors is None
    assert fine.data == {"articles": {"totalCount": 0}}


async def test_the_fast_executor_answers_as_graphql_core_does(db_session: Settings) -> None:
    """The execution context's shortcuts (plain leaves, prefetched relations) change nothing:
    the same documents through strawberry's own execution context give equal results."""
    by = await f.country("BY")
    person = await f.person("Ana Lopes", country_code="BY")
    org = await f.organisation("Office of Trade", country_code="BY")
    await f.article("One", entities=[person, by, org], topics=["News"])
    await f.article("Two", entities=[person], topics=["Tech", "News"])
    fast = build_schema()
    assert fast.execution_context_class is FastExecutionContext
    plain = build_schema()
    plain.execution_context_class = StrawberryGraphQLCoreExecutionContext
    queries = [
        "{ articles { totalCount edges { cursor node { id slug title publishedAt byline standfirst"
        " topics { name } people { name title country { code name } organisations { name } }"
        " countries { code alpha3 } organisations { name people { name } }"
        " mentions { text start end entity { __typename ... on Person { slug } ... on Country { code } } } } }"
        " pageInfo { hasNextPage endCursor } } }",
        '{ person(slug: "ana-lopes") { name aliases articles(first: 1) { edges { node { title } } } } }',
        "{ countries(first: 3, filter: {mentioned: true}) { edges { node { code people { totalCount } } } } }",
        '{ article(slug: "nope") { title } missing: person(slug: "nobody") { name } }',
    ]
    for query in queries:
        one = await fast.execute(query, context_value=Context())
        two = await plain.execute(query, context_value=Context())
        assert one.errors is None, one.errors
        assert two.errors is None, two.errors
        assert one.data == two.data


async def test_undeclared_variables_do_not_key_the_response_cache(client: httpx.AsyncClient) -> None:
    await f.article("Cached")
    await settled(client)
    query = "query($n: Int) { articles(first: $n) { totalCount } }"
    first = await client.post("/graphql", json={"query": query, "variables": {"n": 1, "junk0": "x" * 1000}})
    with count_statements() as statements:
        for i in range(1, 30):
            again = await client.post(
                "/graphql", json={"query": query, "variables": {"n": 1, f"junk{i}": "x" * 1000}}
            )
            assert again.content == first.content
    # no execution: one version read per request on SQLite, nothing on PostgreSQL
    assert len(statements) == (0 if BACKEND == "postgres" else 29)
    other = await client.post("/graphql", json={"query": query, "variables": {"n": 2}})
    assert other.json()["data"]["articles"]["totalCount"] == 1


async def test_persisted_queries_and_responses_are_bounded_in_bytes(test_settings: Settings) -> None:
    budget = 64 * 1024
    settings = test_settings.model_copy(
        update={"persisted_queries_bytes": budget, "response_cache_bytes": budget}
    )
    app = create_app(settings)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            for i in range(60):
                query = "{ " + f"a{i}: __typename" + " __schema { types { name description } } }"
                digest = hashlib.sha256(query.encode()).hexdigest()
                ext = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
                response = await http.post("/graphql", json={"query": query, "extensions": ext})
                assert response.status_code == 200
    endpoint = app.state.graphql
    assert 0 < endpoint.persisted.bytes <= budget
    assert 0 < endpoint.cache.bytes <= budget


async def test_a_refused_text_is_analysed_once(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = documents.analyse

    def counting(query: str, *args: Any) -> Any:
        calls.append(query)
        return real(query, *args)

    monkeypatch.setattr(documents, "analyse", counting)
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }"
    for _ in range(5):
        body = (await client.post("/graphql", json={"query": query})).json()
        assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert len(calls) == 1


async def test_a_syntax_error_keeps_its_location(client: httpx.AsyncClient) -> None:
    body = (await client.post("/graphql", json={"query": "{ articles { "})).json()
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 14}]


async def test_validation_errors_keep_their_locations(client: httpx.AsyncClient) -> None:
    body = (await client.post("/graphql", json={"query": "{\n  nope }"})).json()
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["locations"] == [{"line": 2, "column": 3}]
    assert await data(client, "{ __typename }") == {"__typename": "Query"}
    assert parse("{ __typename }")  # graphql-core parses what the pipeline cached
