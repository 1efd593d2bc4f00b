"""GET /metrics of the real app: requests per operation, errors by code, statuses, cache, pool.

The counters are process-wide (as Prometheus' client keeps them), so each test compares a
scrape taken before its requests with one taken after.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from gql_news.settings import Settings
from tests.app_client import app_client
from tests.conftest import BACKEND
from tests.ops.scrape import Samples, parse, value

Serve = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def serve(test_settings: Settings) -> Serve:
    """The real app with some settings changed, over httpx with its lifespan."""

    @asynccontextmanager
    async def start(**changes: Any) -> AsyncIterator[httpx.AsyncClient]:
        async with app_client(test_settings.model_copy(update=changes)) as http:
            yield http

    return start


async def scrape(client: httpx.AsyncClient) -> Samples:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return parse(response.text)


async def post(client: httpx.AsyncClient, query: str, operation_name: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if operation_name is not None:
        body["operationName"] = operation_name
    return await client.post("/graphql", json=body)


def delta(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


async def test_a_named_query_is_counted_under_its_operation_name(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    response = await post(client, "query LatestTitles { articles(first: 2) { edges { node { title } } } }")
    assert response.status_code == 200
    assert "errors" not in response.json()
    after = await scrape(client)
    labels = {"operation": "LatestTitles", "type": "query"}
    assert delta(before, after, "gql_news_graphql_requests_total", **labels) == 1
    assert delta(before, after, "gql_news_graphql_request_duration_seconds_count", **labels) == 1
    assert delta(before, after, "gql_news_graphql_request_duration_seconds_sum", **labels) > 0
    status = {"method": "POST", "route": "/graphql", "status": "200"}
    assert delta(before, after, "gql_news_http_responses_total", **status) == 1


async def test_errors_are_counted_under_their_code(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    unknown_field = await post(client, "query Broken { noSuchField }")
    assert unknown_field.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    bad_cursor = await post(client, 'query Paging { articles(after: "not-a-cursor") { totalCount } }')
    assert bad_cursor.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    costly = (  # 100 articles x ~10 people x 100 articles: over MAX_COST (20,000)
        "query Costly { articles(first: 100) { edges { node { people { articles(first: 100) "
        "{ edges { node { title } } } } } } } }"
    )
    assert (await post(client, costly)).json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    after = await scrape(client)
    errors = "gql_news_graphql_errors_total"
    assert delta(before, after, errors, operation="Broken", code="BAD_USER_INPUT") == 1
    assert delta(before, after, errors, operation="Paging", code="BAD_USER_INPUT") == 1
    assert delta(before, after, errors, operation="Costly", code="QUERY_TOO_COMPLEX") == 1
    assert delta(before, after, "gql_news_graphql_requests_total", operation="Broken", type="query") == 1


async def test_anonymous_and_unparsable_requests_have_reserved_labels(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    assert (await post(client, "{ topics { totalCount } }")).status_code == 200
    assert (await post(client, "query Oops {")).status_code == 200  # a syntax error
    not_json = await client.post("/graphql", content=b"{", headers={"content-type": "application/json"})
    assert not_json.status_code == 400
    after = await scrape(client)
    requests = "gql_news_graphql_requests_total"
    assert delta(before, after, requests, operation="<anonymous>", type="query") == 1
    assert delta(before, after, requests, operation="<invalid>", type="<invalid>") == 2
    assert (
        delta(before, after, "gql_news_graphql_errors_total", operation="<invalid>", code="BAD_USER_INPUT")
        == 2
    )
    status = {"method": "POST", "route": "/graphql", "status": "400"}
    assert delta(before, after, "gql_news_http_responses_total", **status) == 1


async def test_operation_names_past_the_cap_count_as_other(serve: Serve) -> None:
    async with serve(metrics_max_operations=2, response_cache_bytes=0) as client:
        before = await scrape(client)
        for name in ["First", "Second", "Third", "Fourth", "First"]:
            assert (await post(client, f"query {name} {{ topics {{ totalCount }} }}")).status_code == 200
        long_name = "A" * 65
        assert (await post(client, f"query {long_name} {{ __typename }}")).status_code == 200
        after = await scrape(client)
    requests = "gql_news_graphql_requests_total"
    assert delta(before, after, requests, operation="First", type="query") == 2
    assert delta(before, after, requests, operation="Second", type="query") == 1
    assert delta(before, after, requests, operation="<other>", type="query") == 3
    assert value(after, requests, operation="Third", type="query") == 0
    assert value(after, requests, operation=long_name, type="query") == 0


async def test_response_cache_hits_and_misses(client: httpx.AsyncClient) -> None:
    query = "query CachedTopics { topics(first: 3) { totalCount } }"
    before = await scrape(client)
    first = await client.get("/graphql", params={"query": query})
    second = await client.get("/graphql", params={"query": query})
    revalidated = await client.get(
        "/graphql", params={"query": query}, headers={"If-None-Match": second.headers["etag"]}
    )
    assert (first.status_code, second.status_code, revalidated.status_code) == (200, 200, 304)
    after = await scrape(client)
    lookups = "gql_news_response_cache_lookups_total"
    assert delta(before, after, lookups, result="miss") == 1
    assert delta(before, after, lookups, result="hit") == 1
    assert delta(before, after, lookups, result="not_modified") == 1


async def test_routes_outside_the_app_share_one_label(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    for path in ["/wp-admin", "/a/b/c", "/.env"]:
        assert (await client.get(path)).status_code == 404
    after = await scrape(client)
    status = {"method": "GET", "route": "<other>", "status": "404"}
    assert delta(before, after, "gql_news_http_responses_total", **status) == 3
    assert not any(("/wp-admin" in dict(labels).values()) for _name, labels in after)


async def test_database_pool_usage(client: httpx.AsyncClient, test_settings: Settings) -> None:
    assert (await post(client, "query Warm { topics { totalCount } }")).status_code == 200
    samples = await scrape(client)
    pool = "gql_news_db_pool_connections"
    if BACKEND == "postgres":
        assert value(samples, pool, state="max") == test_settings.db_pool_max
        assert value(samples, pool, state="open") >= 1
        assert 0 <= value(samples, pool, state="in_use") <= value(samples, pool, state="open")
    else:
        assert not any(name == pool for name, _labels in samples), "SQLite has no pool to report"


async def test_metrics_can_be_turned_off(serve: Serve) -> None:
    async with serve(metrics_enabled=False) as client:
        assert (await client.get("/metrics")).status_code == 404
        assert (await client.get("/healthz")).status_code == 200
