"""The sort orders of lists, and how a row's sort key is written into a cursor."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.lists import Ordering
from gql_news.graphql.sql import Row, as_datetime


def _date_key(row: Row) -> tuple[Any, ...]:
    return (as_datetime(row["published_at"]).isoformat(), row["id"])


def _invalid() -> BadUserInput:
    return BadUserInput("Invalid cursor for this list.", argument="after")


def row_id(value: Any) -> int:
    """A primary key from a cursor: an integer in PostgreSQL's `integer` range."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**31:
        raise _invalid()
    return value


def date_params(key: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        when = datetime.fromisoformat(str(key[0]))
        # In UTC, as stored: an offset that moves the date out of the calendar is refused here.
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _invalid() from None
    return (when, row_id(key[1]))


def _name_params(key: tuple[Any, ...]) -> tuple[Any, ...]:
    if not isinstance(key[0], str):
        raise _invalid()
    return (key[0], row_id(key[1]))


def _name_key(row: Row) -> tuple[Any, ...]:
    return (row["name"], row["id"])


ARTICLES_NEWEST_FIRST = Ordering(
    tag="a-", columns=("t.published_at", "t.id"), descending=True, to_key=_date_key, to_params=date_params
)
ARTICLES_OLDEST_FIRST = Ordering(
    tag="a+", columns=("t.published_at", "t.id"), descending=False, to_key=_date_key, to_params=date_params
)
BY_NAME = {
    kind: Ordering(
        tag=f"{kind}n", columns=("t.name", "t.id"), descending=False, to_key=_name_key, to_params=_name_params
    )
    for kind in ("p", "o", "c", "t")
}
