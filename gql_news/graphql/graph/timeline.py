"""`mentionTimeline`: an entity's (or topic's) article count per day, week, month or year."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import Enum
from typing import Annotated, Any

import strawberry

from gql_news.graphql.articles.inputs import to_utc
from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.graph.buckets import shift, span, truncate
from gql_news.graphql.lists import Source

MAX_BUCKETS = 1000


@strawberry.enum(description="The width of a timeline bucket (UTC).")
class TimelineInterval(Enum):
    DAY = strawberry.enum_value("day", description="Calendar days.")
    WEEK = strawberry.enum_value("week", description="ISO weeks, starting on Monday.")
    MONTH = strawberry.enum_value("month", description="Calendar months.")
    YEAR = strawberry.enum_value("year", description="Calendar years.")


@strawberry.type(description="One bucket of a timeline: when it starts and how many articles fall in it.")
class TimelineBucket:
    start: datetime = strawberry.field(description="Start of the bucket (UTC, inclusive).")
    count: int = strawberry.field(description="Articles published in the bucket.")


IntervalArg = Annotated[TimelineInterval, strawberry.argument(description="Bucket width.")]
FromArg = Annotated[
    datetime | None,
    strawberry.argument(
        name="from", description="Start of the range (inclusive); the first article's bucket when omitted."
    ),
]
ToArg = Annotated[
    datetime | None,
    strawberry.argument(description="End of the range (exclusive); the last article's bucket when omitted."),
]
TIMELINE_DESCRIPTION = (
    "Articles per time bucket, oldest first, empty buckets included (at most "
    f"{MAX_BUCKETS}; without a range, the latest {MAX_BUCKETS} buckets)."
)


def bucket_bounds(
    interval: str, start: datetime | None, end: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """The first and last bucket the range asks for; BAD_USER_INPUT for a reversed or too long one."""
    if start is not None and end is not None and start > end:
        raise BadUserInput("`from` must not be after `to`.", argument="from")
    try:
        first = truncate(start, interval) if start is not None else None
    except OverflowError:
        raise BadUserInput("`from` is outside the supported dates.", argument="from") from None
    try:
        last = truncate(end - timedelta(microseconds=1), interval) if end is not None else None
    except OverflowError:
        raise BadUserInput("`to` is outside the supported dates.", argument="to") from None
    if first is not None and last is not None and span(first, last, interval) > MAX_BUCKETS:
        raise BadUserInput(
            f"The range holds more than {MAX_BUCKETS} buckets; narrow it or choose a wider interval.",
            argument="interval",
        )
    return first, last


def bucket_count(args: Mapping[str, Any]) -> int | None:
    """The buckets a timeline's arguments ask for (its cost); None when the range is open."""
    interval, start, end = args.get("interval"), args.get("from"), args.get("to")
    if not isinstance(interval, str) or not isinstance(start, str) or not isinstance(end, str):
        return None
    first, last = (to_utc(datetime.fromisoformat(value)) for value in (start, end))
    if first >= last:
        return 0
    width = interval.lower()
    return span(truncate(first, width), truncate(last - timedelta(microseconds=1), width), width)


async def mention_timeline(
    info: Info,
    source: Source,
    parent: Any,
    interval: TimelineInterval,
    start: datetime | None,
    end: datetime | None,
) -> list[TimelineBucket]:
    """Counts per bucket from the first to the last, zeros included; one statement per batch."""
    width = interval.name.lower()
    start = to_utc(start) if start is not None else None
    end = to_utc(end) if end is not None else None
    first, last = bucket_bounds(width, start, end)
    if start is not None and end is not None and start == end:
        return []
    counts = await info.context.loaders.timeline.load((source, parent, width, start, end))
    if not counts and (first is None or last is None):
        return []
    first = first if first is not None else min(counts)
    last = last if last is not None else max(counts)
    if span(first, last, width) > MAX_BUCKETS:
        if start is not None or end is not None:
            raise BadUserInput(
                f"The range holds more than {MAX_BUCKETS} buckets; narrow it or choose a wider interval.",
                argument="interval",
            )
        first = shift(last, width, 1 - MAX_BUCKETS)
    out: list[TimelineBucket] = []
    current: datetime | None = first
    while current is not None and current <= last:
        out.append(instantiate(TimelineBucket, {"start": current, "count": counts.get(current, 0)}))
        try:
            current = shift(current, width, 1)
        except (OverflowError, ValueError):
            current = None
    return out
