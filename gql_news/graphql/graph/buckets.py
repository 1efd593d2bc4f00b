"""Time buckets for mention timelines: truncation in SQL (date_trunc on PostgreSQL, strftime on
SQLite) and the same truncation and stepping in Python, so gaps can be filled with zeros.

Weeks are ISO weeks: they start on Monday, 00:00 UTC, on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.lists import Source
from gql_news.graphql.sql import as_datetime, fetch, is_postgres

INTERVALS = ("day", "week", "month", "year")

SQLITE_BUCKETS = {
    "day": "strftime('%Y-%m-%d', t.published_at)",
    "week": (
        "date(t.published_at, '-' || ((CAST(strftime('%w', t.published_at) AS INTEGER) + 6) % 7) || ' days')"
    ),
    "month": "strftime('%Y-%m-01', t.published_at)",
    "year": "strftime('%Y-01-01', t.published_at)",
}


def bucket_sql(interval: str) -> str:
    """The start of the bucket holding `t.published_at`."""
    if interval not in INTERVALS:
        raise ValueError(interval)
    if is_postgres():
        return f"date_trunc('{interval}', t.published_at, 'UTC')"
    return SQLITE_BUCKETS[interval]


def truncate(when: datetime, interval: str) -> datetime:
    """The start of the bucket holding `when` (an aware datetime), in UTC."""
    day = when.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def shift(start: datetime, interval: str, n: int) -> datetime:
    """The start of the bucket `n` buckets after (or before, for n < 0) the one at `start`."""
    if interval == "day":
        return start + timedelta(days=n)
    if interval == "week":
        return start + timedelta(days=7 * n)
    months = n if interval == "month" else 12 * n
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    return start.replace(year=year, month=month + 1)


def span(first: datetime, last: datetime, interval: str) -> int:
    """How many buckets run from the one starting at `first` to the one starting at `last`."""
    if interval == "day":
        return (last - first).days + 1
    if interval == "week":
        return (last - first).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month
    return (months if interval == "month" else months // 12) + 1


TimelineKey = tuple[Source, Any, str, datetime | None, datetime | None]
"""(where the parent's articles come from, the parent, interval, from, to)."""


async def load_timelines(keys: Sequence[TimelineKey]) -> list[dict[datetime, int]]:
    """Per parent, its article count per non-empty bucket in [from, to)."""

    async def run(
        batch: tuple[Source, str, datetime | None, datetime | None], parents: list[Any]
    ) -> dict[Any, dict[datetime, int]]:
        source, interval, start, end = batch
        from_sql, key_expr, params = source.link_sql(parents)
        clauses = []
        if start is not None:
            clauses.append("t.published_at >= ?")
            params.append(start)
        if end is not None:
            clauses.append("t.published_at < ?")
            params.append(end)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        bucket = bucket_sql(interval)
        rows = await fetch(
            f"SELECT {key_expr} AS _k, {bucket} AS _b, COUNT(*) AS _n FROM {from_sql}{where} "
            f"GROUP BY {key_expr}, {bucket}",
            params,
        )
        return {
            parent: {as_datetime(row["_b"]): int(row["_n"]) for row in group}
            for parent, group in rows_by(rows).items()
        }

    return await per_batch(keys, lambda k: ((k[0], k[2], k[3], k[4]), k[1]), run, dict)
