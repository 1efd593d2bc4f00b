"""Time buckets for mention timelines: truncation in SQL (date_trunc on PostgreSQL, strftime on
SQLite) and the same truncation and stepping in Python, so gaps can be filled with zeros.

Weeks are ISO weeks: they start on Monday, 00:00 UTC, on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import KIND_OF_SOURCE
from gql_news.graphql.lists import Source
from gql_news.graphql.read.dialect import POSTGRES, SQLITE, Dialect
from gql_news.graphql.sql import as_datetime, fetch, in_list, is_postgres
from gql_news.ingest.counts import KIND_CODES

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
    """Per parent, its article count per non-empty bucket in [from, to): from the maintained
    day counts for an entity, by counting its articles for a topic."""

    async def run(
        batch: tuple[Source, str, datetime | None, datetime | None], parents: list[Any]
    ) -> dict[Any, dict[datetime, int]]:
        source, interval, start, end = batch
        kind = KIND_OF_SOURCE.get(source)
        if kind is None:
            return await _scan(source, parents, interval, start, end)
        return await _from_counts(source, KIND_CODES[kind.name], parents, interval, start, end)

    return await per_batch(keys, lambda k: ((k[0], k[2], k[3], k[4]), k[1]), run, dict)


async def _scan(
    source: Source, parents: list[Any], interval: str, start: datetime | None, end: datetime | None
) -> dict[Any, dict[datetime, int]]:
    """Count the parents' articles in [start, end) per bucket: one statement."""
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


Span = tuple[datetime | None, datetime | None]
"""[start, end), None for an open end."""


def _day_floor(when: datetime) -> datetime:
    return truncate(when, "day")


def _day_ceil(when: datetime) -> datetime:
    floor = truncate(when, "day")
    return floor if floor == when else floor + timedelta(days=1)


def split_range(start: datetime | None, end: datetime | None) -> tuple[list[Span], Span | None]:
    """[start, end) as the partial days at its ends, to count by scanning, and the whole days
    between, to read from the day counts (None when there are none)."""
    low = _day_ceil(start) if start is not None else None
    high = _day_floor(end) if end is not None else None
    if low is not None and high is not None and low >= high:  # within a day or two partial ones
        return [(start, end)], None
    scans: list[Span] = []
    if start is not None and start != low:
        scans.append((start, low))
    if end is not None and end != high:
        scans.append((high, end))
    return scans, (low, high)


def _dialect() -> Dialect:
    return POSTGRES if is_postgres() else SQLITE


async def _from_counts(
    source: Source,
    kind: int,
    parents: list[Any],
    interval: str,
    start: datetime | None,
    end: datetime | None,
) -> dict[Any, dict[datetime, int]]:
    """The parents' buckets summed from their `entity_timeline` days; the partial days at the
    ends of the range counted from the articles."""
    scans, days = split_range(start, end)
    out: dict[Any, dict[datetime, int]] = {parent: {} for parent in parents}
    if days is not None:
        low, high = days
        where, params = "", [*parents]
        if low is not None:
            where += " AND day >= ?"
            params.append(_dialect().bucket_key(low))
        if high is not None:
            where += " AND day < ?"
            params.append(_dialect().bucket_key(high))
        rows = await fetch(
            f"SELECT entity_id AS _k, day AS _b, articles AS _n FROM entity_timeline "
            f"WHERE kind = {kind} AND entity_id IN {in_list(parents)}{where}",
            params,
        )
        for row in rows:
            counts = out[row["_k"]]
            at = truncate(as_datetime(row["_b"]), interval)
            counts[at] = counts.get(at, 0) + int(row["_n"])
    for low, high in scans:
        for parent, found in (await _scan(source, parents, interval, low, high)).items():
            counts = out[parent]
            for at, n in found.items():
                counts[at] = counts.get(at, 0) + n
    return {parent: counts for parent, counts in out.items() if counts}
