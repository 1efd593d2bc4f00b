"""A least-recently-used map bounded in bytes, not entries.

Every cache of the request path (documents, persisted queries, response bodies) is one of
these: an entry's weight is what it holds in memory (measured or estimated by the caller),
and the map drops its oldest entries until the total fits the budget. An entry heavier than
`max_entry_bytes` (a quarter of the budget unless told) is never stored, so one request cannot
flush the whole cache.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

ENTRY_OVERHEAD = 200  # bytes: the ordered dict's node, the key object, the tuple


class ByteLRU(Generic[K, V]):
    """An LRU map whose entries' weights add up to at most `max_bytes`."""

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry_bytes = self.max_bytes // 4 if max_entry_bytes is None else max_entry_bytes
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: K) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: K, value: V, weight: int) -> bool:
        """Store `value`, weighing `weight` bytes; False when it is too heavy to keep."""
        weight += ENTRY_OVERHEAD
        if weight > self.max_entry_bytes or weight > self.max_bytes:
            self.discard(key)
            return False
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        self._items[key] = (value, weight)
        self.bytes += weight
        while self.bytes > self.max_bytes:
            _, (_, dropped) = self._items.popitem(last=False)
            self.bytes -= dropped
        return True

    def discard(self, key: K) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[1]

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)
