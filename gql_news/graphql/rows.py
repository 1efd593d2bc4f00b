"""The sort orders of lists, and how a row's sort key is written into a cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gql_news.graphql.lists import Ordering
from gql_news.graphql.sql import Row, as_datetime


def _date_key(row: Row) -> tuple[Any, ...]:
    return (as_datetime(row["published_at"]).isoformat(), row["id"])


def _date_params(key: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        return (datetime.fromisoformat(str(key[0])), int(key[1]))
    except ValueError:
        from gql_news.graphql.errors import BadUserInput

        raise BadUserInput("Invalid cursor for this list.", argument="after") from None


def _name_key(row: Row) -> tuple[Any, ...]:
    return (row["name"], row["id"])


ARTICLES_NEWEST_FIRST = Ordering(
    tag="a-", columns=("t.published_at", "t.id"), descending=True, to_key=_date_key, to_params=_date_params
)
ARTICLES_OLDEST_FIRST = Ordering(
    tag="a+", columns=("t.published_at", "t.id"), descending=False, to_key=_date_key, to_params=_date_params
)
BY_NAME = {
    kind: Ordering(tag=f"{kind}n", columns=("t.name", "t.id"), descending=False, to_key=_name_key)
    for kind in ("p", "o", "c", "t")
}
