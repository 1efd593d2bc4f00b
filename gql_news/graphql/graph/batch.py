"""Splitting a loader's keys into batches that share one statement, and grouping its rows back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from gql_news.graphql.sql import Row

K = TypeVar("K")
B = TypeVar("B", bound=Hashable)
V = TypeVar("V")


async def per_batch(
    keys: Sequence[K],
    split: Callable[[K], tuple[B, Any]],
    run: Callable[[B, list[Any]], Awaitable[dict[Any, V]]],
    missing: Callable[[], V],
) -> list[V]:
    """Each key's value, in key order. `split` cuts a key into what its batch shares (sizes,
    kinds, filters) and its parent; `run` answers one batch's distinct parents at once;
    parents it leaves out get `missing()`."""
    batches: dict[B, list[Any]] = defaultdict(list)
    for key in keys:
        batch, parent = split(key)
        if parent not in batches[batch]:
            batches[batch].append(parent)
    found: dict[tuple[B, Any], V] = {}
    for batch, parents in batches.items():
        answers = await run(batch, parents)
        for parent in parents:
            found[(batch, parent)] = answers[parent] if parent in answers else missing()
    return [found[split(key)] for key in keys]


def rows_by(rows: Sequence[Row], column: str = "_k") -> dict[Any, list[Row]]:
    """Rows grouped by the parent key they carry, in their order."""
    grouped: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[column]].append(row)
    return grouped
