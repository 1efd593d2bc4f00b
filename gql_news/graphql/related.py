"""Relation fields that answer from look-ahead data when it is there, else through a loader.

A resolver returning a list it already holds costs graphql-core nothing extra; one returning a
coroutine costs a task per object. The top-level resolvers prefetch what the query selects
(`prefetch.py`) into each object's `_pre`; these helpers read it, or fall back to the batched
loader when a field was not prefetched (deeper nesting, a field added by a fragment on
another path).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from gql_news.graphql.sql import Row

T = TypeVar("T")


def related_list(
    pre: dict[str, Any], key: str, load: Callable[[], Awaitable[list[Row]]], convert: Callable[[Row], T]
) -> list[T]:
    """The prefetched `pre[key]`, or an awaitable of the converted rows (graphql-core awaits it,
    so it is typed as the list the field declares)."""
    done: list[T] | None = pre.get(key)
    if done is not None:
        return done

    async def later() -> list[T]:
        return [convert(row) for row in await load()]

    return cast("list[T]", later())
