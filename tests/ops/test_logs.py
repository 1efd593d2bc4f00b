"""Request ids and log lines: one JSON access line per request, uvicorn's lines in the same format."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gql_news.ops.logs import RequestIdFilter, access_logger, logging_config
from gql_news.settings import Settings
from tests.servers import serve_process

HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def access_lines() -> Iterator[io.StringIO]:
    """The access logger's output, formatted as `LOG_FORMAT=json` formats it."""
    spec = dict(logging_config(Settings(log_format="json"))["formatters"]["default"])
    formatter_class = spec.pop("()")
    module, _, name = formatter_class.rpartition(".")
    formatter = getattr(__import__(module, fromlist=[name]), name)(**spec)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    previous = access_logger.level
    access_logger.setLevel(logging.INFO)
    access_logger.addHandler(handler)
    try:
        yield stream
    finally:
        access_logger.removeHandler(handler)
        access_logger.setLevel(previous)


def _records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_one_json_access_line_per_request_with_its_id(
    client: httpx.AsyncClient, access_lines: io.StringIO
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "query TopicCount { topics { totalCount } }"},
        headers={"X-Request-Id": "req-7f3a.check"},
    )
    assert response.headers["x-request-id"] == "req-7f3a.check"
    records = _records(access_lines)
    assert len(records) == 1
    line = records[0]
    assert line["request_id"] == "req-7f3a.check"
    assert line["logger"] == "gql_news.access"
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("POST", "/graphql", 200)
    assert (line["operation"], line["operation_type"], line["error_codes"]) == ("TopicCount", "query", [])
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    assert re.match(r"\d{4}-\d\d-\d\dT", line["time"])


async def test_error_codes_and_masked_ids_agree(client: httpx.AsyncClient, access_lines: io.StringIO) -> None:
    response = await client.post("/graphql", json={"query": "{ article(slug: 5) { title } }"})
    code = response.json()["errors"][0]["extensions"]["code"]
    (line,) = _records(access_lines)
    assert line["error_codes"] == [code] == ["BAD_USER_INPUT"]
    assert line["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("given", ["has spaces", "x" * 129, 'quote"d', "new\tline"])
async def test_unusable_request_ids_are_replaced(client: httpx.AsyncClient, given: str) -> None:
    response = await client.get("/healthz", headers={"X-Request-Id": given})
    assert HEX_ID.fullmatch(response.headers["x-request-id"])


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    ids = {(await client.get(path)).headers["x-request-id"] for path in ["/healthz", "/readyz", "/nowhere"]}
    assert len(ids) == 3
    assert all(HEX_ID.fullmatch(i) for i in ids)


def test_served_logs_are_json_lines_uvicorns_included(tmp_path: Path, migrated_database_url: str) -> None:
    with serve_process(
        migrated_database_url, tmp_path, {"LOG_FORMAT": "json", "LOG_LEVEL": "info"}
    ) as server:
        query = {"query": "query SeedTitle { articles(first: 1) { edges { node { title } } } }"}
        response = httpx.post(
            f"{server.url}/graphql", json=query, headers={"X-Request-Id": "e2e-1"}, timeout=10
        )
        assert response.status_code == 200
        server.stop()
    lines = server.lines()
    records = [json.loads(line) for line in lines]  # every line: a JSON object
    assert all(isinstance(r, dict) and {"time", "level", "logger", "message"} <= r.keys() for r in records)
    assert any(r["logger"].startswith("uvicorn") for r in records)
    mine = [r for r in records if r.get("request_id") == "e2e-1"]
    assert len(mine) == 1, lines
    assert mine[0]["logger"] == "gql_news.access"
    assert (mine[0]["status"], mine[0]["operation"]) == (200, "SeedTitle")
    assert not any("color_message" in r for r in records)


def test_text_format_names_the_request_id(tmp_path: Path, migrated_database_url: str) -> None:
    with serve_process(migrated_database_url, tmp_path, {"LOG_FORMAT": "text"}) as server:
        httpx.get(f"{server.url}/healthz", headers={"X-Request-Id": "text-42"}, timeout=10)
        server.stop()
    (line,) = [line for line in server.lines() if "[text-42]" in line]
    assert "gql_news.access" in line
    assert "GET /healthz 200" in line
