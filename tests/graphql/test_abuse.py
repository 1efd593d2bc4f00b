"""Abusive inputs and what the server answers: the "Abusive inputs" table of docs/hardening.md, row by row.

Each case is sent to the real app twice, once asking for `application/json` (what most
clients send, and what no `Accept` header means) and once for
`application/graphql-response+json`; the expected answers are the ones the app was observed
to give, and `test_the_readme_table_matches_these_cases` keeps that table equal to them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx
import orjson
import pytest

from gql_news.graphql.ids import to_global_id
from gql_news.graphql.pagination import encode_cursor
from tests.readme import table_rows

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"


@dataclass(frozen=True)
class Request:
    method: str = "POST"
    url: str = "/graphql"
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = (("Content-Type", JSON),)
    params: tuple[tuple[str, str], ...] = ()
    before: Request | None = None  # sent first (its answer unchecked): registers a persisted query


def post(query: str, variables: Any = None, **extra: Any) -> Request:
    payload: dict[str, Any] = {"query": query, **extra}
    if variables is not None:
        payload["variables"] = variables
    return Request(body=json.dumps(payload).encode())  # the standard library nests deeper than orjson


def get(query: str | None, **params: str) -> Request:
    given = (("query", query),) if query is not None else ()
    return Request(method="GET", headers=(), params=(*given, *params.items()))


def _nested(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


def _fragment_bomb(levels: int) -> str:
    """Each fragment spreads the next twice: 2**levels uses of one aliased field."""
    parts = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Query {{ a: __typename }}")
    return "{ ...F0 } " + " ".join(parts)


def _bomb(levels: int = 23) -> str:
    """The same, unaliased, on `__typename`: depth 1, cost 0, 2**levels uses of one field."""
    parts = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Query {{ __typename }}")
    return "query { ...F0 } " + " ".join(parts)


def _by_hash(query: str) -> Request:
    """A GET by persisted-query hash, after a POST that registered the text."""
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    registered = post(query, extensions=extensions)
    return replace(get(None, extensions=json.dumps(extensions)), before=registered)


_QUOTES_OF_QUOTES = (
    "{ articles(first: 100) { edges { node { quotes { text speaker { quotes(first: 100) { text"
    " article { quotes { text } } } } } } } } }"
)
_TIMELINES = (
    "{ "
    + " ".join(
        f"c{i}: countries(first: 100) {{ edges {{ node {{ code mentionTimeline(interval: DAY,"
        ' from: "2021-01-01T00:00:00Z", to: "2023-09-27T00:00:00Z") { start count } } } }'
        for i in range(15)
    )
    + " }"
)
_NODES_100 = (
    "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { articles(first: 100) { edges {"
    " node { title } } } } } }"
)
_SAME_NAME_300 = "{" + " articles(first: 1) { edges { node { title } } }" * 300 + " }"
_EXTREME_OFFSET_CURSOR = encode_cursor("a-", ["9999-12-31T23:59:59-23:59", 1])
_NUL_NAME_CURSOR = encode_cursor("pn", ["Ali\x00ce", 1])

_FIRST_MILLION = (
    "{ countries(first: 1000000) { edges { node { articles(first: 1000000) { edges { node {"
    " people { articles(first: 1000000) { edges { node { title } } } } } } } } } } }"
)
_FIRST_HUGE = (
    "query($n: Int) { countries(first: $n) { edges { node { articles(first: $n) { edges { node {"
    " people { articles(first: $n) { edges { node { title } } } } } } } } } } }"
)
_FORGED_CURSOR = base64.urlsafe_b64encode(orjson.dumps(["article", "not-a-date", "x"])).decode()

# (docs row, request, answer with application/json, answer with application/graphql-response+json)
CASES: list[tuple[str, Callable[[], Request], str, str]] = [
    (
        "depth 50",
        lambda: post("{ " + 'node(id: "x") { ... on Country { ' * 50 + "code" + " } }" * 50 + " }"),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "1,000 aliases",
        lambda: post("{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "fragment cycle",
        lambda: post("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "fragment reuse: 12 fragments each spreading the next twice (4,096 uses)",
        lambda: post(_fragment_bomb(12)),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "fragment bomb: 23 fragments each spreading the next twice, unaliased `__typename` (8 M uses)",
        lambda: post(_bomb()),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "the fragment bomb over GET",
        lambda: get(_bomb()),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "the fragment bomb by persisted-query hash (a 190-byte URL)",
        lambda: _by_hash(_bomb()),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "300 same-named fields with selections (validation compares every pair)",
        lambda: post(_SAME_NAME_300),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "quotes of quotes: `Article.quotes` and `Person.quotes(first: 100)` nested",
        lambda: post(_QUOTES_OF_QUOTES),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "15 aliases of 100 countries' daily `mentionTimeline` over 1,000 days",
        lambda: post(_TIMELINES),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`nodes` with 100 ids, each a person's 100 articles",
        lambda: post(_NODES_100, {"ids": [f"UGVyc29uOj{i}" for i in range(100)]}),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "syntax error whose text says `tokens`",
        lambda: post("{ tokens(first: 1) { "),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "6,000 tokens",
        lambda: post("{ " + "__typename " * 6000 + "}"),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`first: 1000000` nested thrice",
        lambda: post(_FIRST_MILLION),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`first: 10^30` nested thrice, literal (outside Int)",
        lambda: post(_FIRST_MILLION.replace("1000000", "1" + "0" * 30)),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`first: 10^30` nested thrice, variable (outside Int)",
        lambda: post(_FIRST_HUGE, {"n": 10**30}),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`first: 1000000` once",
        lambda: post("{ topics(first: 1000000) { totalCount } }"),
        "200 `QUERY_TOO_COMPLEX`",
        "400 `QUERY_TOO_COMPLEX`",
    ),
    (
        "`first: -1`",
        lambda: post("{ topics(first: -1) { totalCount } }"),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "1 MB body",
        lambda: Request(body=orjson.dumps({"query": "{ __typename }", "pad": "x" * 1_000_000})),
        "413 `BAD_USER_INPUT`",
        "413 `BAD_USER_INPUT`",
    ),
    (
        "malformed JSON body",
        lambda: Request(body=b'{"query": "{ __typename }"'),
        "400 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "batched (array) body",
        lambda: Request(body=orjson.dumps([{"query": "{ __typename }"}] * 2)),
        "400 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    ("body without `query`", lambda: Request(body=b"{}"), "400 `BAD_USER_INPUT`", "400 `BAD_USER_INPUT`"),
    (
        "wrong content type (text/plain)",
        lambda: Request(body=b'{"query": "{ __typename }"}', headers=(("Content-Type", "text/plain"),)),
        "415 `BAD_USER_INPUT`",
        "415 `BAD_USER_INPUT`",
    ),
    (
        "`Accept: text/plain` only",
        lambda: Request(
            body=b'{"query": "{ __typename }"}', headers=(("Content-Type", JSON), ("Accept", "text/plain"))
        ),
        "406 `BAD_USER_INPUT`",
        "406 `BAD_USER_INPUT`",
    ),
    (
        "PUT",
        lambda: Request(method="PUT", body=b'{"query": "{ __typename }"}'),
        "405 `BAD_USER_INPUT`",
        "405 `BAD_USER_INPUT`",
    ),
    (
        "mutation over GET",
        lambda: get('mutation { deleteArticle(id: "x") }'),
        "405 `BAD_USER_INPUT`",
        "405 `BAD_USER_INPUT`",
    ),
    (
        "mutation without a token",
        lambda: post('mutation { deleteArticle(id: "QXJ0aWNsZTox") }'),
        "200 `UNAUTHENTICATED`",
        "200 `UNAUTHENTICATED`",
    ),
    ("subscription", lambda: post("subscription { x }"), "200 `BAD_USER_INPUT`", "400 `BAD_USER_INPUT`"),
    ("syntax error", lambda: post("{ articles(first: ) }"), "200 `BAD_USER_INPUT`", "400 `BAD_USER_INPUT`"),
    (
        "several operations, no `operationName`",
        lambda: post("query A { __typename } query B { __typename }"),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "unknown `operationName`",
        lambda: post("query A { __typename }", operationName="B"),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "query in the URL and in the POST body (the body is used)",
        lambda: Request(
            body=orjson.dumps({"query": "{ __typename }"}), params=(("query", "mutation { x }"),)
        ),
        "200 data",
        "200 data",
    ),
    (
        "malformed id",
        lambda: post('{ node(id: "not-an-id") { id } }'),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "id of an unknown type",
        lambda: post('{{ node(id: "{}") {{ id }} }}'.format(base64.urlsafe_b64encode(b"Secret:1").decode())),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "id out of range",
        lambda: post('{{ node(id: "{}") {{ id }} }}'.format(to_global_id("Article", 2**40))),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "well-formed id of nothing",
        lambda: post('{{ node(id: "{}") {{ id }} }}'.format(to_global_id("Article", 999_999))),
        "200 data",
        "200 data",
    ),
    (
        "malformed cursor",
        lambda: post('{ articles(after: "garbage") { totalCount } }'),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "forged cursor (wrong key types)",
        lambda: post(f'{{ articles(after: "{_FORGED_CURSOR}") {{ totalCount }} }}'),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "forged cursor: a date at an extreme UTC offset",
        lambda: post(f'{{ articles(after: "{_EXTREME_OFFSET_CURSOR}") {{ totalCount }} }}'),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "forged cursor: a NUL inside a name",
        lambda: post(f'{{ people(after: "{_NUL_NAME_CURSOR}") {{ totalCount }} }}'),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "cursor of another list",
        lambda: post('{{ articles(after: "{}") {{ totalCount }} }}'.format(encode_cursor("topic", ["x", 1]))),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "NUL character in a string",
        lambda: post('{ article(slug: "a\\u0000b") { id } }'),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "200 KB string variable",
        lambda: post("query($s: String!) { article(slug: $s) { id } }", {"s": "x" * 200_000}),
        "200 data",
        "200 data",
    ),
    (
        "10,000 ids in `nodes`",
        lambda: post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["QXJ0aWNsZTox"] * 10_000}),
        "200 `BAD_USER_INPUT`",
        "200 `BAD_USER_INPUT`",
    ),
    (
        "list input nested 200 deep (variables)",
        lambda: post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": _nested(200)}),
        "400 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "JSON nested 1,000 deep (variables)",
        lambda: Request(
            body=b'{"query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", "variables": {"ids": '
            + b"[" * 1000
            + b'"x"'
            + b"]" * 1000
            + b"}}"
        ),
        "400 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "list input nested 2,000 deep (literal)",
        lambda: post("{ nodes(ids: " + "[" * 2000 + '"x"' + "]" * 2000 + ") { id } }"),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "`variables` not an object",
        lambda: post("{ __typename }", [1, 2]),
        "400 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
    (
        "unknown persisted-query hash",
        lambda: get(None, extensions='{"persistedQuery": {"version": 1, "sha256Hash": "' + "0" * 64 + '"}}'),
        "200 `BAD_USER_INPUT`",
        "400 `BAD_USER_INPUT`",
    ),
]


def _answer(response: httpx.Response) -> str:
    body = response.json()
    codes = sorted({e["extensions"]["code"] for e in body.get("errors", [])})
    what = (
        ", ".join(f"`{c}`" for c in codes)
        if codes
        else ("data" if body.get("data") is not None else "null data")
    )
    return f"{response.status_code} {what}"


async def _send(client: httpx.AsyncClient, request: Request, accept: str) -> httpx.Response:
    if request.before is not None:
        await _send(client, request.before, accept)
    headers = dict(request.headers)
    headers.setdefault("Accept", accept)
    return await client.request(
        request.method, request.url, content=request.body, headers=headers, params=dict(request.params)
    )


def _params() -> list[Any]:
    """The cases as parameters. One refused as too complex never reaches execution (the pipeline
    measures the document first): the same answer on any backend, so it runs on SQLite only."""
    return [
        pytest.param(
            *case,
            id=case[0],
            marks=[pytest.mark.backend_independent] if "QUERY_TOO_COMPLEX" in case[2] + case[3] else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize(("name", "build", "as_json", "as_graphql_response"), _params())
async def test_abusive_input(
    uncached_client: httpx.AsyncClient,
    name: str,
    build: Callable[[], Request],
    as_json: str,
    as_graphql_response: str,
) -> None:
    request = build()
    observed = (
        _answer(await _send(uncached_client, request, JSON)),
        _answer(await _send(uncached_client, request, GRAPHQL_RESPONSE)),
    )
    assert observed == (as_json, as_graphql_response)


def test_the_readme_table_matches_these_cases() -> None:
    rows = table_rows("### Abusive inputs", "hardening.md")
    assert rows == [(name, as_json, as_gr) for name, _, as_json, as_gr in CASES]
