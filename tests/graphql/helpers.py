"""Small helpers for GraphQL tests over HTTP."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest


async def gql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a query; assert a 200 JSON answer; return the parsed body."""
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def data(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    """The `data` of a query that must succeed without errors."""
    body = await gql(client, query, variables)
    assert "errors" not in body, body
    return body["data"]


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
            self.statements.append(message)


async def settled(client: httpx.AsyncClient) -> None:
    """Until the commit notifications of the writes made so far have come round (PostgreSQL):
    one arriving later would move the data version, and the ETag, between two requests."""
    query = {"query": "{ countries(first: 1) { totalCount } }"}
    for _ in range(100):
        one = await client.post("/graphql", json=query)
        two = await client.post("/graphql", json=query)
        if one.headers["etag"] == two.headers["etag"]:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the data version kept moving")


@contextmanager
def count_statements() -> Iterator[list[str]]:
    """Collect every SQL statement Tortoise sends while the block runs."""
    logger = logging.getLogger("tortoise.db_client")
    handler = _Counter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler.statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@contextmanager
def count_validations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the validations the pipeline runs (a spy around graphql-core's validation)."""
    from gql_news.graphql.pipeline import extension

    calls: list[int] = []
    real = extension.validate_document  # type: ignore[attr-defined]

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(extension, "validate_document", counting)
    yield calls


async def validated_once(client: httpx.AsyncClient, query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two requests of a new document validate it once: the document cache works."""
    with count_validations(monkeypatch) as calls:
        assert (await client.post("/graphql", json={"query": query})).status_code == 200
        assert len(calls) == 1
        assert (await client.post("/graphql", json={"query": query})).status_code == 200
        assert len(calls) == 1


async def token_headers(name: str = "tests") -> dict[str, str]:
    """Headers carrying a fresh API token (the app's database must be open)."""
    from gql_news.tokens import create_token

    return {"Authorization": f"Bearer {await create_token(name)}"}


async def mutate(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """POST a mutation; assert a 200 JSON answer (GraphQL-over-HTTP); return the parsed body."""
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def ok(body: dict[str, Any]) -> Any:
    """The `data` of a mutation that must have succeeded."""
    assert "errors" not in body, body
    return body["data"]


async def for_one_and_fifty(
    client: httpx.AsyncClient, query: str, make: Callable[[int], Awaitable[None]]
) -> tuple[Any, Any, list[str], list[str]]:
    """Run `query` (variable `$n`) over 1 item, then over 50 (`make(n)` adds n); return both
    answers and the statements each cost, which a test compares."""
    await make(1)
    with count_statements() as one:
        small = await data(client, query, {"n": 1})
    await make(49)
    with count_statements() as fifty:
        large = await data(client, query, {"n": 50})
    return small, large, one, fifty
