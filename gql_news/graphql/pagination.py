"""Relay connections with keyset cursors, shared by every domain.

A cursor is the opaque, URL-safe encoding of the sort key of its row (e.g. published date and
id), tagged with the ordering it belongs to. Keyset pages stay correct while articles arrive,
and the same predicate works for one parent or for a batch of parents in one statement.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
import strawberry

from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.pipeline import cost

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

NodeT = TypeVar("NodeT")


@strawberry.type(description="Where a page sits in the whole list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge, if any.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge; pass it as `after`.")


@strawberry.type(description="One item of a connection and its cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque position of this item; pass it as `after`.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (Relay connection) with the size of the whole list.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items of this page.", metadata=cost.page())
    page_info: PageInfo = strawberry.field(description="Paging state.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items in the whole list, across all pages.")
    async def total_count(self) -> int:
        return await self._count()


@dataclass(frozen=True, slots=True)
class PageArgs:
    """Validated `first`/`after`: how many rows to take after which sort key."""

    first: int
    after: tuple[Any, ...] | None


def encode_cursor(tag: str, key: Sequence[Any]) -> str:
    raw = orjson.dumps([tag, *key])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(tag: str, cursor: str, arity: int) -> tuple[Any, ...]:
    """The sort key inside a cursor made by `encode_cursor(tag, ...)`; BAD_USER_INPUT otherwise."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = orjson.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeEncodeError, orjson.JSONDecodeError):
        data = None
    if not isinstance(data, list) or len(data) != arity + 1 or data[0] != tag:
        raise BadUserInput(f"Invalid cursor {cursor[:64]!r} for this list.", argument="after")
    if not all(_storable(v) for v in data[1:]):
        raise BadUserInput(f"Invalid cursor {cursor[:64]!r} for this list.", argument="after")
    return tuple(data[1:])


def _storable(value: Any) -> bool:
    """A cursor value both databases can compare: a string without U+0000, a 64-bit integer."""
    if isinstance(value, str):
        return "\x00" not in value
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def bounded_first(first: int | None, default: int, maximum: int) -> int:
    """`first`, or `default` when null; BAD_USER_INPUT outside 0..maximum."""
    size = default if first is None else first
    if not 0 <= size <= maximum:
        raise BadUserInput(f"`first` must be between 0 and {maximum}, got {size}.", argument="first")
    return size


def page_args(first: int | None, after: str | None, tag: str, arity: int) -> PageArgs:
    """Check `first` (0..100, default 20) and decode `after` for a list sorted under `tag`."""
    size = bounded_first(first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    key = decode_cursor(tag, after, arity) if after is not None else None
    return PageArgs(first=size, after=key)


def build_connection(
    nodes: Sequence[NodeT],
    keys: Sequence[tuple[Any, ...]],
    *,
    tag: str,
    args: PageArgs,
    has_next: bool,
    count: Callable[[], Awaitable[int]],
) -> Connection[NodeT]:
    """A connection over one page of nodes and their sort keys (fetched with one extra row)."""
    edges = [Edge(cursor=encode_cursor(tag, key), node=node) for node, key in zip(nodes, keys, strict=True)]
    info = page_info([edge.cursor for edge in edges], args=args, has_next=has_next)
    return Connection(edges=edges, page_info=info, _count=count)


def page_info(cursors: Sequence[str], *, args: PageArgs, has_next: bool) -> PageInfo:
    """The PageInfo of a page whose edges have these cursors."""
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=args.after is not None,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
