"""The response cache and automatic persisted queries (APQ), both bounded in bytes.

A cached response is keyed by the document's fingerprint (its normalised text), the
variables its operation declares (undeclared ones change nothing, so they key nothing), the
operation name and the caller's auth scope, and stamped with the `data_version` it was
computed at. Every write to the graph bumps that counter (database triggers), so a hit costs
one statement (reading the counter) and every app instance sharing the database agrees on
what is stale. The ETag is the version and the key: a client revalidating with
`If-None-Match` gets a 304 without the query being run at all.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from gql_news.graphql.pipeline.budget import ByteLRU
from gql_news.graphql.sql import fetch_one


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(
    fingerprint: str,
    variables: Mapping[str, Any] | None,
    declared: Collection[str],
    operation_name: str | None,
    scope: str,
) -> str:
    """The response cache key: only the variables the operation declares take part."""
    used = {name: value for name, value in (variables or {}).items() if name in declared}
    payload = orjson.dumps([fingerprint, used, operation_name, scope], option=orjson.OPT_SORT_KEYS)
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


class ResponseCache:
    """Response bodies of successful queries, valid while `data_version` has not moved."""

    def __init__(self, max_bytes: int) -> None:
        self._entries: ByteLRU[str, Entry] = ByteLRU(max_bytes)

    def get(self, key: str, version: int) -> bytes | None:
        entry = self._entries.get(key)
        return entry.body if entry is not None and entry.version == version else None

    def put(self, key: str, version: int, body: bytes) -> None:
        self._entries.put(key, Entry(version, body), sys.getsizeof(body) + sys.getsizeof(key))

    @property
    def bytes(self) -> int:
        return self._entries.bytes


class PersistedQueries:
    """Apollo's automatic persisted queries: query texts by their SHA-256, learned on first use."""

    def __init__(self, max_bytes: int) -> None:
        self._queries: ByteLRU[str, str] = ByteLRU(max_bytes)

    def get(self, digest: str) -> str | None:
        return self._queries.get(digest)

    def put(self, digest: str, query: str) -> None:
        self._queries.put(digest, query, sys.getsizeof(query) + sys.getsizeof(digest))

    @property
    def bytes(self) -> int:
        return self._queries.bytes
