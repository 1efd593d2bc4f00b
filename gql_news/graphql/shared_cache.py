"""A store in Redis that every instance shares, bounded in bytes: the second level behind the
per-worker response cache and persisted-query store when `REDIS_URL` is set.

Entries are plain keys under one prefix (a hash tag, so a Redis Cluster keeps them in one
slot), with an index of insertion order and each entry's size: a put adds its bytes to a
counter and drops the oldest entries until the total fits the budget, all in one Lua script,
so the bound holds whatever number of instances write at once. An entry heavier than a
quarter of the budget is not stored.

Redis is an accelerator here, never a dependency: a failing call (Redis down, slow, full) is
logged, answers "not cached", and the store is skipped for a few seconds so requests do not
each wait for a timeout.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

logger = logging.getLogger("gql_news.cache")

# What a Redis call may raise besides redis.exceptions.RedisError (checked by name: importing
# redis loads OpenTelemetry, which nothing may load while tracing is off and Redis unused).
_NETWORK_ERRORS = (OSError, TimeoutError)


def _failure(exc: Exception) -> bool:
    return isinstance(exc, _NETWORK_ERRORS) or any(
        cls.__module__.startswith("redis") and cls.__name__ == "RedisError" for cls in type(exc).__mro__
    )


ENTRY_OVERHEAD = 150  # bytes Redis spends per entry beyond key and value (key, index, size)
_PAUSE_S = 5.0

_PUT = """
local old = redis.call('HGET', KEYS[2], KEYS[5])
if old then redis.call('DECRBY', KEYS[3], old) end
redis.call('SET', KEYS[5], ARGV[1])
redis.call('HSET', KEYS[2], KEYS[5], ARGV[2])
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[4]), KEYS[5])
local used = redis.call('INCRBY', KEYS[3], ARGV[2])
local budget = tonumber(ARGV[3])
while used > budget do
  local oldest = redis.call('ZPOPMIN', KEYS[1])
  if #oldest == 0 then break end
  local size = redis.call('HGET', KEYS[2], oldest[1])
  redis.call('HDEL', KEYS[2], oldest[1])
  redis.call('DEL', oldest[1])
  if size then used = redis.call('DECRBY', KEYS[3], size) end
end
return used
"""


def namespace(database_url: str) -> str:
    """The key prefix of one database's caches (instances of another database share nothing)."""
    return "gql_news:" + hashlib.sha256(database_url.encode()).hexdigest()[:16]


class RedisStore:
    """Values by name in Redis, at most `max_bytes` of them (keys and values counted)."""

    def __init__(self, client: Any, prefix: str, kind: str, max_bytes: int) -> None:
        self._client = client
        base = "{" + prefix + "}:" + kind
        self._index, self._sizes, self._used, self._seq = (
            f"{base}:{part}" for part in ("index", "sizes", "used", "seq")
        )
        self._entry = f"{base}:e:"
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // 4
        self._script = client.register_script(_PUT)
        self._paused_until = 0.0

    def _available(self) -> bool:
        return time.monotonic() >= self._paused_until

    def _failed(self, action: str, exc: Exception) -> None:
        self._paused_until = time.monotonic() + _PAUSE_S
        logger.warning(
            "shared cache %s failed (%s); skipping Redis for %.0f s", action, type(exc).__name__, _PAUSE_S
        )

    async def get(self, name: str) -> bytes | None:
        if not self._available():
            return None
        try:
            value = await self._client.get(self._entry + name)
        except Exception as exc:
            if not _failure(exc):
                raise
            self._failed("read", exc)
            return None
        return bytes(value) if value is not None else None

    async def put(self, name: str, value: bytes) -> bool:
        key = self._entry + name
        size = len(key) + len(value) + ENTRY_OVERHEAD
        if size > self.max_entry_bytes or not self._available():
            return False
        try:
            await self._script(
                keys=[self._index, self._sizes, self._used, self._seq, key],
                args=[value, size, self.max_bytes],
            )
        except Exception as exc:
            if not _failure(exc):
                raise
            self._failed("write", exc)
            return False
        return True

    async def used_bytes(self) -> int:
        value = await self._client.get(self._used)
        return int(value or 0)
