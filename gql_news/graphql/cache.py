"""The response cache and automatic persisted queries (APQ).

A cached response is keyed by the normalised document, the variables, the operation name and
the caller's auth scope, and stamped with the `data_version` it was computed at. Every write to
the graph bumps that counter (database triggers), so a hit costs one statement (reading the
counter) and every app instance sharing the database agrees on what is stale. The ETag is the
version and the key: a client revalidating with `If-None-Match` gets a 304 without the query
being run at all.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from graphql import (
    DocumentNode,
    GraphQLSyntaxError,
    Node,
    OperationDefinitionNode,
    StringValueNode,
    parse,
    print_ast,
)

from gql_news.graphql.limits import Limits, TooComplex, check_shape
from gql_news.graphql.sql import fetch_one

DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Document:
    """What the cache needs to know of a query text."""

    normalised: str
    operations: dict[str | None, str]  # operation name (None: the only one) -> "query"/"mutation"/…
    has_nul: bool  # a string literal holds U+0000, which PostgreSQL cannot store or compare
    ast: DocumentNode

    def operation_type(self, name: str | None) -> str | None:
        if name is None and len(self.operations) == 1:
            return next(iter(self.operations.values()))
        return self.operations.get(name)


@lru_cache(maxsize=2048)
def document(query: str, limits: Limits = DEFAULT_LIMITS) -> Document | None:
    """The normalised form and operation types of a query text; None when it does not parse.

    Raises TooComplex past the token, depth or alias limits (such texts are not cached).
    """
    try:
        ast = parse(query, no_location=True, max_tokens=limits.max_tokens)
    except GraphQLSyntaxError as error:
        if "tokens" in error.message:
            raise TooComplex("token count", limits.max_tokens + 1, limits.max_tokens) from None
        return None
    except RecursionError:
        raise TooComplex("depth", limits.max_depth + 1, limits.max_depth) from None
    check_shape(ast, limits)
    operations: dict[str | None, str] = {}
    for definition in ast.definitions:
        if isinstance(definition, OperationDefinitionNode):
            name = definition.name.value if definition.name else None
            operations[name] = definition.operation.value
    has_nul = any(isinstance(node, StringValueNode) and "\x00" in node.value for node in _walk(ast))
    return Document(print_ast(ast), operations, has_nul, ast)


def _walk(root: Node) -> Iterator[Node]:
    """Every AST node below `root`, without recursion (a deep document cannot exhaust the stack)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        for key in node.keys:
            value = getattr(node, key, None)
            if isinstance(value, Node):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(item for item in value if isinstance(item, Node))


def contains_nul(value: Any) -> bool:
    """Whether a variables value holds U+0000 in any string, key or nested item."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(
    normalised: str, variables: dict[str, Any] | None, operation_name: str | None, scope: str
) -> str:
    payload = orjson.dumps([normalised, variables or {}, operation_name, scope], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(payload).hexdigest()


def etag(version: int, key: str) -> str:
    return f'"{version}-{key[:32]}"'


async def data_version() -> int:
    """The graph's write counter (one indexed single-row read)."""
    row = await fetch_one("SELECT version FROM data_version WHERE id = 1")
    return int(row["version"]) if row else 0


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    body: bytes


class LRU:
    """A small in-process least-recently-used map."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: str, value: Any) -> None:
        if self.maxsize <= 0:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)


class ResponseCache:
    """Response bodies of successful queries, valid while `data_version` has not moved."""

    def __init__(self, maxsize: int) -> None:
        self._entries = LRU(maxsize)

    def get(self, key: str, version: int) -> bytes | None:
        entry: Entry | None = self._entries.get(key)
        return entry.body if entry is not None and entry.version == version else None

    def put(self, key: str, version: int, body: bytes) -> None:
        self._entries.put(key, Entry(version, body))


class PersistedQueries:
    """Apollo's automatic persisted queries: query texts by their SHA-256, learned on first use."""

    def __init__(self, maxsize: int) -> None:
        self._queries = LRU(maxsize)

    def get(self, digest: str) -> str | None:
        query: str | None = self._queries.get(digest)
        return query

    def put(self, digest: str, query: str) -> None:
        self._queries.put(digest, query)
