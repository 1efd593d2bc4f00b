"""Resolving a connection field through the per-request page and count loaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from gql_news.graphql.context import Info
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.pagination import Connection, build_connection, page_args
from gql_news.graphql.selection import Fields, Fragments, selected
from gql_news.graphql.sql import Row

T = TypeVar("T")


async def resolve_connection(
    info: Info,
    query: ListQuery,
    *,
    parent: Any,
    first: int | None,
    after: str | None,
    convert: Callable[[Row], T],
    prefetch: Callable[[Info, Sequence[T], Fields, Fragments], Awaitable[None]] | None = None,
) -> Connection[T]:
    """One page of `query` for `parent` (0 for top-level lists); totalCount is fetched on demand."""
    args = page_args(first, after, query.ordering.tag, len(query.ordering.columns))
    loaders = info.context.loaders
    rows = await loaders.page.load((query, args, parent))
    page = rows[: args.first]

    nodes = [convert(row) for row in page]
    if prefetch is not None and nodes:
        fields, fragments = selected(info, "edges", "node")
        await prefetch(info, nodes, fields, fragments)

    async def count() -> int:
        return await loaders.count.load((query, parent))

    return build_connection(
        nodes,
        [query.ordering.to_key(row) for row in page],
        tag=query.ordering.tag,
        args=args,
        has_next=len(rows) > args.first,
        count=count,
    )
