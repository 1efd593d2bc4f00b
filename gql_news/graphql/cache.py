"""The response cache and automatic persisted queries (APQ), both bounded in bytes.

A cached response is keyed by the document's fingerprint (its normalised text), the
variables its operation declares (undeclared ones change nothing, so they key nothing), the
operation name and the caller's auth scope, and stamped with the data version it was computed
at (`graphql.versions`: on PostgreSQL the last write announced at commit, pushed to every
process, so a hit runs no statement; on SQLite a counter the triggers bump). Every app
instance sharing the database agrees on what is stale. The ETag is the version and the key: a
client revalidating with `If-None-Match` gets a 304 without the query being run at all.

With `REDIS_URL` set both stores have a second level shared by every instance
(`shared_cache.RedisStore`, bounded in bytes): a miss in the worker asks Redis before running
the query (or answering PersistedQueryNotFound), and what a worker computes or learns is
written to both. A response from Redis is used only when its data version is the worker's.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from gql_news.graphql.pipeline.budget import ByteLRU
from gql_news.graphql.shared_cache import RedisStore


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


# What a GET answer to a cacheable query says to HTTP caches: store it anywhere, revalidate it
# every time (ETag -> 304), and keep one per `Accept` (the media type follows it).
GET_CACHE_HEADERS: tuple[tuple[str, str], ...] = (("Cache-Control", "public, no-cache"), ("Vary", "Accept"))


def etag(version: str, key: str) -> str:
    return f'"{version}-{key[:32]}"'


@dataclass(frozen=True, slots=True)
class Entry:
    version: str
    body: bytes


class ResponseCache:
    """Response bodies of successful queries, valid while the data version has not moved."""

    def __init__(self, max_bytes: int, shared: RedisStore | None = None) -> None:
        self._entries: ByteLRU[str, Entry] = ByteLRU(max_bytes)
        self.shared = shared

    async def lookup(self, key: str, version: str) -> tuple[bytes | None, str]:
        """The worker's entry ("hit"), else the shared one ("shared_hit", then kept in the
        worker too), else None ("miss")."""
        body = self.get(key, version)
        if body is not None:
            return body, "hit"
        if self.shared is None:
            return None, "miss"
        stored = await self.shared.get(key)
        if stored is None:
            return None, "miss"
        stamp, _, body = stored.partition(b"\n")
        if stamp.decode() != version:
            return None, "miss"
        self.put(key, version, body)
        return body, "shared_hit"

    async def keep(self, key: str, version: str, body: bytes) -> None:
        self.put(key, version, body)
        if self.shared is not None:
            await self.shared.put(key, version.encode() + b"\n" + body)

    def get(self, key: str, version: str) -> bytes | None:
        entry = self._entries.get(key)
        return entry.body if entry is not None and entry.version == version else None

    def put(self, key: str, version: str, body: bytes) -> None:
        self._entries.put(key, Entry(version, body), sys.getsizeof(body) + sys.getsizeof(key))

    @property
    def bytes(self) -> int:
        return self._entries.bytes


class PersistedQueries:
    """Apollo's automatic persisted queries: query texts by their SHA-256, learned on first use."""

    def __init__(self, max_bytes: int, shared: RedisStore | None = None) -> None:
        self._queries: ByteLRU[str, str] = ByteLRU(max_bytes)
        self.shared = shared

    async def lookup(self, digest: str) -> str | None:
        """The worker's text, else the shared one (checked against its hash, then kept here)."""
        query = self.get(digest)
        if query is not None or self.shared is None:
            return query
        stored = await self.shared.get(digest)
        if stored is None:
            return None
        text = stored.decode("utf-8", errors="replace")
        if sha256_hex(text) != digest:
            return None
        self.put(digest, text)
        return text

    async def keep(self, digest: str, query: str) -> None:
        known = self.get(digest) is not None
        self.put(digest, query)
        if self.shared is not None and not known:
            await self.shared.put(digest, query.encode())

    def get(self, digest: str) -> str | None:
        return self._queries.get(digest)

    def put(self, digest: str, query: str) -> None:
        self._queries.put(digest, query, sys.getsizeof(query) + sys.getsizeof(digest))

    @property
    def bytes(self) -> int:
        return self._queries.bytes
