"""The response cache's fast path (`graphql.hits`): a repeated request answered from the cache
before any parsing gets exactly what the endpoint would have answered, and only then."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import orjson
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from gql_news.graphql.http import GraphQLEndpoint
from gql_news.settings import Settings
from tests import factories as f
from tests.app_client import reused_schema_app
from tests.conftest import BACKEND, _truncate
from tests.graphql.helpers import codes, count_statements, settled

QUERY = "{ articles(first: 5) { totalCount edges { node { title } } } }"
# The same document, spelt differently: a different raw request, the same cache entry.
SPACED = QUERY.replace(" ", "  ")
JSON_MEDIA = "application/json; charset=utf-8"


@pytest.fixture
async def served(test_settings: Settings) -> AsyncIterator[tuple[Starlette, httpx.AsyncClient]]:
    with reused_schema_app(test_settings) as app:
        async with LifespanManager(app) as manager:
            transport = httpx.ASGITransport(app=manager.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                try:
                    yield app, http
                finally:
                    await _truncate()


async def _settled_with(client: httpx.AsyncClient, title: str) -> None:
    """One article, its write's notification come round."""
    await f.article(title)
    await settled(client)


def _answered(app: Starlette) -> int:
    endpoint: GraphQLEndpoint = app.state.graphql
    assert endpoint.raw_requests is not None
    return endpoint.raw_requests.answered


def _same(one: httpx.Response, two: httpx.Response) -> None:
    """Status, headers (in order, but the request id) and body agree."""
    assert one.status_code == two.status_code
    assert [h for h in one.headers.raw if h[0].lower() != b"x-request-id"] == [
        h for h in two.headers.raw if h[0].lower() != b"x-request-id"
    ]
    assert one.content == two.content


@pytest.mark.parametrize("accept", [None, "application/json", "application/graphql-response+json"])
@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_repeated_request_is_answered_as_the_endpoint_answers_it(
    served: tuple[Starlette, httpx.AsyncClient], method: str, accept: str | None
) -> None:
    app, client = served
    await _settled_with(client, "First")
    headers = {"Accept": accept} if accept else {}

    async def ask(query: str, **extra: str) -> httpx.Response:
        if method == "GET":
            return await client.get("/graphql", params={"query": query}, headers={**headers, **extra})
        return await client.post("/graphql", json={"query": query}, headers={**headers, **extra})

    computed = await ask(QUERY)  # the long way, which remembers the raw request
    before = _answered(app)
    with count_statements() as statements:
        fast = await ask(QUERY, **{"X-Request-Id": "abc-123"})
    assert _answered(app) == before + 1
    assert len(statements) == (0 if BACKEND == "postgres" else 1)  # SQLite: the version read
    assert fast.headers["x-request-id"] == "abc-123"
    slow = await ask(SPACED)  # a hit the long way
    assert _answered(app) == before + 1
    _same(fast, slow)
    assert fast.content == computed.content  # (a computed answer also says how it was planned)
    media = accept if accept and "graphql" in accept else "application/json"
    assert fast.headers["content-type"] == f"{media}; charset=utf-8"
    if method == "GET":
        tag = fast.headers["etag"]
        fast_304 = await ask(QUERY, **{"If-None-Match": tag})
        assert _answered(app) == before + 2
        slow_304 = await ask(SPACED, **{"If-None-Match": tag})
        assert fast_304.status_code == 304
        _same(fast_304, slow_304)


async def test_a_write_is_seen_at_once_and_the_fast_path_answers_again_after(
    served: tuple[Starlette, httpx.AsyncClient],
) -> None:
    app, client = served
    await _settled_with(client, "First")
    await client.get("/graphql", params={"query": QUERY})
    hit = await client.get("/graphql", params={"query": QUERY})
    assert hit.json()["data"]["articles"]["totalCount"] == 1
    await f.article("Second")
    answered = _answered(app)
    with count_statements() as statements:
        after = await client.get("/graphql", params={"query": QUERY})
    # The version is read once (SQLite: its counter), by the fast path, and handed on.
    assert sum("data_version" in statement for statement in statements) == (0 if BACKEND == "postgres" else 1)
    assert after.json()["data"]["articles"]["totalCount"] == 2
    assert after.headers["etag"] != hit.headers["etag"]
    assert _answered(app) == answered  # the version moved: a miss, the long way
    await settled(client)
    await client.get("/graphql", params={"query": QUERY})
    answered = _answered(app)
    again = await client.get("/graphql", params={"query": QUERY})
    assert again.json()["data"]["articles"]["totalCount"] == 2
    assert _answered(app) == answered + 1


async def test_a_mutation_or_an_error_is_never_answered_by_the_fast_path(
    served: tuple[Starlette, httpx.AsyncClient],
) -> None:
    app, client = served
    bad = '{ articles(after: "nope") { totalCount } }'
    for _ in range(2):
        response = await client.post("/graphql", json={"query": bad})
        assert codes(response.json()) == ["BAD_USER_INPUT"]
    get_mutation = {"query": 'mutation { deleteArticle(id: "QXJ0aWNsZTox") { id } }'}
    for _ in range(2):
        refused = await client.get("/graphql", params=get_mutation)
        assert refused.status_code == 405
    assert _answered(app) == 0


async def test_a_persisted_query_forgotten_is_asked_for_again(
    served: tuple[Starlette, httpx.AsyncClient],
) -> None:
    app, client = served
    await _settled_with(client, "Persisted")
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    ext = {"extensions": orjson.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}}).decode()}
    await client.post("/graphql", json={"query": QUERY, "extensions": orjson.loads(ext["extensions"])})
    answered = _answered(app)
    first = await client.get("/graphql", params=ext)
    second = await client.get("/graphql", params=ext)
    assert _answered(app) == answered + 1
    _same(first, second)
    app.state.graphql.persisted._queries.clear()  # evicted
    forgotten = await client.get("/graphql", params=ext)
    assert forgotten.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert _answered(app) == answered + 1


async def _call(
    app: Any,
    body_parts: list[bytes],
    *,
    hang_up: bool = False,
    headers: Sequence[tuple[bytes, bytes]] = (),
    pause: float = 0.0,
    replace: bool = False,
) -> dict[str, Any]:
    """A POST whose body comes in `body_parts`; with `hang_up` the client leaves after them."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            *(
                ()
                if replace and any(name == b"content-type" for name, _ in headers)
                else [(b"content-type", b"application/json")]
            ),
            *headers,
        ],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    messages = [
        {"type": "http.request", "body": part, "more_body": hang_up or i < len(body_parts) - 1}
        for i, part in enumerate(body_parts)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(pause)  # a slow client
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return {
        "status": sent[0]["status"],
        "received": len(body_parts) - len(messages),
        "body": b"".join(m.get("body", b"") for m in sent[1:]),
    }


async def test_a_body_in_several_chunks_or_too_large_is_handed_on_whole(
    test_settings: Settings,
) -> None:
    body = orjson.dumps({"query": QUERY})
    settings = test_settings.model_copy(update={"max_body_bytes": 2048})
    with reused_schema_app(settings) as app:
        async with LifespanManager(app) as manager:
            try:
                one = await _call(manager.app, [body[:10], body[10:]])
                two = await _call(manager.app, [body[:10], body[10:20], body[20:]])
                assert one["status"] == two["status"] == 200
                assert one["body"] == two["body"]
                assert orjson.loads(one["body"])["data"]["articles"]["totalCount"] == 0
                large = orjson.dumps({"query": QUERY + " " * 3000})
                refused = await _call(manager.app, [large[:1500], large[1500:]])
                assert refused["status"] == 413
                went_away = await _call(manager.app, [body[:10]], hang_up=True)
                assert went_away["status"] == 499
            finally:
                await _truncate()


async def test_repeated_headers_are_read_as_the_endpoint_reads_them(
    served: tuple[Starlette, httpx.AsyncClient],
) -> None:
    """The endpoint reads the first `Accept` line: an empty one first means application/json,
    whatever the next line says, even when a request with only that next line is remembered."""
    _app, client = served
    url = httpx.URL("/graphql", params={"query": QUERY})
    graphql_response = [("accept", "application/graphql-response+json")]
    for _ in range(2):
        remembered = await client.get(url, headers=graphql_response)
        assert remembered.headers["content-type"] == "application/graphql-response+json; charset=utf-8"
    twice = await client.get(url, headers=[("accept", ""), *graphql_response])
    assert twice.status_code == 200
    assert twice.headers["content-type"] == "application/json; charset=utf-8"
    # Nor are two lines the one line they would make joined by a comma, which may choose
    # another media type, or none (406).
    for one_line, status in (
        ("application/json, application/graphql-response+json", 200),
        ("text/plain, application/json", 406),
    ):
        for _ in range(2):
            assert (await client.get(url, headers=[("accept", one_line)])).status_code == 200
        first, _, rest = one_line.partition(",")
        split = await client.get(url, headers=[("accept", first), ("accept", rest)])
        assert (split.status_code, split.headers["content-type"]) == (status, JSON_MEDIA), one_line


async def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(
    test_settings: Settings,
) -> None:
    """`Content-Length` past the limit: 413 as the endpoint answers it, without reading the body
    (a client that sent `Expect: 100-continue` is not asked for it), even for a remembered body."""
    body = orjson.dumps({"query": QUERY})
    settings = test_settings.model_copy(update={"max_body_bytes": 2048})
    with reused_schema_app(settings) as app:
        async with LifespanManager(app) as manager:
            try:
                for _ in range(2):
                    assert (await _call(manager.app, [body]))["status"] == 200
                declared = [(b"content-length", b"4096"), (b"expect", b"100-continue")]
                refused = await _call(manager.app, [body], headers=declared)
                assert refused["status"] == 413
                assert refused["received"] == 0
                # Nor a body the endpoint refuses for its headers alone: 406, 415.
                for headers, status in (
                    ([(b"accept", b"text/plain")], 406),
                    ([(b"accept", b"text/plain"), (b"accept", b"application/json")], 406),
                    ([(b"content-type", b"text/plain")], 415),
                ):
                    refused = await _call(manager.app, [body], headers=headers, replace=True)
                    assert (refused["status"], refused["received"]) == (status, 0), headers
            finally:
                await _truncate()


async def test_a_content_length_of_other_digits_is_not_a_number(test_settings: Settings) -> None:
    """`Content-Length: ²` (Latin-1 0xB2, a digit to `str.isdigit`) is no declared length: the
    body is read and answered, the same by the endpoint and by the fast path, never a 500."""
    body = orjson.dumps({"query": QUERY})
    with reused_schema_app(test_settings) as app:
        async with LifespanManager(app) as manager:
            try:
                odd = [(b"content-length", b"\xb2")]
                first = await _call(manager.app, [body], headers=odd)
                second = await _call(manager.app, [body], headers=odd)
                assert first["status"] == second["status"] == 200
                assert first["body"] == second["body"]
            finally:
                await _truncate()


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_headers_outside_the_key_get_the_endpoints_answer(
    served: tuple[Starlette, httpx.AsyncClient], method: str
) -> None:
    """Each request asked the long way (nothing remembered) and then again (the fast path):
    the same status, headers and body, whatever the headers the raw key leaves out say."""
    app, client = served
    await _settled_with(client, "Headers")

    async def ask(headers: list[tuple[str, str]]) -> httpx.Response:
        if method == "GET":
            return await client.get("/graphql", params={"query": QUERY}, headers=headers)
        return await client.post("/graphql", json={"query": QUERY}, headers=headers)

    tag = (await ask([])).headers["etag"]
    await ask([])  # kept in the cache
    variants: list[list[tuple[str, str]]] = [
        [("if-none-match", tag)],
        [("if-none-match", f"W/{tag}")],
        [("if-none-match", f'"other", {tag}')],
        [("if-none-match", "*")],
        [("if-none-match", '"other"'), ("if-none-match", tag)],
        [("if-none-match", tag), ("if-none-match", '"other"')],
        [("x-request-id", "not a plain token")],
        [("x-request-id", "one"), ("x-request-id", "two")],
        [("authorization", "Bearer not-a-token")],
        [("cookie", "gql_news_lsn=0/0")],
        [("x-gql-news-lsn", "garbage")],
        [("accept-encoding", "gzip")],
        [("origin", "https://example.org")],
    ]
    for headers in variants:
        endpoint: GraphQLEndpoint = app.state.graphql
        assert endpoint.raw_requests is not None
        endpoint.raw_requests._known.clear()
        answered = _answered(app)
        slow = await ask(headers)
        fast = await ask(headers)
        assert _answered(app) == answered + 1, headers
        _same(slow, fast)
        if ("x-request-id", "one") in headers:
            assert slow.headers.get_list("x-request-id") == fast.headers.get_list("x-request-id") == ["one"]
        elif not any(name == "x-request-id" for name, _ in headers):
            assert slow.headers["x-request-id"] != fast.headers["x-request-id"]


async def test_the_time_logged_counts_the_body_read_as_the_long_way_does(
    test_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The access log's duration and the metrics' start when the request does, before its body
    has come, on the fast path as on the long way."""
    body = orjson.dumps({"query": QUERY})
    settings = test_settings.model_copy(update={"access_log": True})
    with reused_schema_app(settings) as app:
        async with LifespanManager(app) as manager:
            try:
                for _ in range(2):
                    await _call(manager.app, [body])
                answered = _answered(app)
                with caplog.at_level(logging.INFO, logger="gql_news.access"):
                    slow = await _call(manager.app, [body[:10], body[10:]], pause=0.05)
                assert _answered(app) == answered + 1
                assert slow["status"] == 200
                [line] = [r for r in caplog.records if r.name == "gql_news.access"]
                assert line.__dict__["cache"] == "hit"
                assert line.__dict__["duration_ms"] >= 100
            finally:
                await _truncate()
