"""examples/*.graphql run against the demo data through the real app, and the answers the docs
print after "answers, on the demo data:" are the answers the app gives."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gql_news.ingest.demo import load_demo
from gql_news.tokens import create_token
from tests.docs_pages import Example, documented_answers, examples
from tests.graphql.helpers import data

RUNNABLE = [example for example in examples() if example.kind != "subscription"]


@pytest.mark.parametrize("example", RUNNABLE, ids=lambda e: e.name)
async def test_example_runs_on_the_demo_data(example: Example, client: httpx.AsyncClient) -> None:
    assert await load_demo()
    headers: dict[str, str] = {}
    if example.kind == "mutation":
        headers["Authorization"] = f"Bearer {await create_token('examples')}"
    response = await client.post(
        "/graphql", json={"query": example.query, "variables": example.variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    assert body["data"], body
    assert all(value is not None for value in body["data"].values()), body


@pytest.mark.parametrize(
    ("page", "query", "answer"),
    documented_answers(),
    ids=lambda v: v if isinstance(v, str) and v.endswith(".md") else "",
)
async def test_the_docs_answers_are_the_apps(
    page: str, query: str, answer: dict[str, Any], client: httpx.AsyncClient
) -> None:
    assert await load_demo()
    assert {"data": await data(client, query)} == answer, f"docs/{page} shows another answer"
