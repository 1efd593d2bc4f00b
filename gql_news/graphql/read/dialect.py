"""How each database builds JSON: PostgreSQL's json_build_object/json_agg, SQLite's JSON1.

Every expression here produces JSON that reads back as exactly what the executor serialises for
the same value: strings and numbers as they are, DateTime in Python's `isoformat()` (UTC,
microseconds only when there are any), global ids and cursors in urlsafe base64 without
padding, booleans as JSON booleans, JSON list columns embedded as JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

MAX_OBJECT_KEYS = 50  # PostgreSQL functions take at most 100 arguments; SQLite 127


class Dialect:
    name = ""

    def object(self, pairs: Sequence[tuple[str, str]]) -> str:
        raise NotImplementedError

    def embed(self, subquery: str) -> str:
        """A scalar subquery yielding JSON, as a JSON value (not a string) inside an object."""
        raise NotImplementedError

    def array(self, items: Sequence[str]) -> str:
        raise NotImplementedError

    def aggregate(self, value: str, order: str, where: str | None = None) -> str:
        """The JSON array of `value` over the rows of the enclosing FROM, `[]` when none. The rows
        must come in order (`ordered`): SQLite before 3.44 has no ordered aggregate."""
        raise NotImplementedError

    def ordered_array(self, value: str, source: str, order: str) -> str:
        """A scalar subquery: the JSON array of `value` over `source` (FROM … WHERE …) in `order`."""
        raise NotImplementedError

    def ordered(self, select: str, order: str) -> str:
        """`select` (a SELECT … FROM … WHERE …) in `order`, kept in order when used as a FROM."""
        return f"{select} ORDER BY {order}"

    def boolean(self, condition: str) -> str:
        raise NotImplementedError

    def datetime(self, column: str) -> str:
        raise NotImplementedError

    def json_column(self, column: str) -> str:
        raise NotImplementedError

    def string(self, literal: str) -> str:
        return "'" + literal.replace("'", "''") + "'"

    def to_json_text(self, expr: str) -> str:
        """The JSON text of a string expression (quoted and escaped), for building a cursor."""
        raise NotImplementedError

    def base64url(self, text: str) -> str:
        raise NotImplementedError

    def concat(self, *parts: str) -> str:
        return "(" + " || ".join(parts) + ")"

    def final(self, expr: str) -> str:
        """The statement whose one value is the response's `data`, as JSON text."""
        raise NotImplementedError

    # Timelines: a bucket is keyed by its start (UTC midnight); `interval` is day|week|month|year.
    def bucket(self, interval: str, column: str) -> str:
        """The key of the bucket holding the timestamp `column`."""
        raise NotImplementedError

    def bucket_key(self, start: dt.datetime) -> Any:
        """The value of a bucket key, as a bind parameter (also how the maintained timeline
        counts store their day and month starts)."""
        raise NotImplementedError

    def bucket_of_start(self, interval: str, column: str) -> str:
        """The key of the bucket holding a stored bucket key `column` (a day or month start)."""
        return self.bucket(interval, column)

    def buckets(self, interval: str, counts: str, bounds: tuple[str, str] | None, most: int) -> str:
        """A FROM item (no alias) with a row per bucket from the first to the last, in order
        (`b_`): its start as a timestamp column (`start_`) and its count from `counts` (rows of
        bucket key `b` and count `n`), 0 when absent. `bounds` are the first and last keys; None:
        the latest `most` buckets up to the last counted one (no rows when none is)."""
        raise NotImplementedError


class Postgres(Dialect):
    name = "postgres"

    def object(self, pairs: Sequence[tuple[str, str]]) -> str:
        return "json_build_object(" + ", ".join(f"{self.string(k)}, {v}" for k, v in pairs) + ")"

    def embed(self, subquery: str) -> str:
        return f"({subquery})"

    def array(self, items: Sequence[str]) -> str:
        return "json_build_array(" + ", ".join(items) + ")"

    def aggregate(self, value: str, order: str, where: str | None = None) -> str:
        filtered = f" FILTER (WHERE {where})" if where else ""
        return f"COALESCE(json_agg({value} ORDER BY {order}){filtered}, '[]'::json)"

    def ordered_array(self, value: str, source: str, order: str) -> str:
        return f"SELECT {self.aggregate(value, order)} FROM {source}"

    def boolean(self, condition: str) -> str:
        return f"({condition})"

    def datetime(self, column: str) -> str:
        utc = f"({column} AT TIME ZONE 'UTC')"
        return (
            f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN date_part('microseconds', {utc})::int % 1000000 <> 0"
            f" THEN to_char({utc}, '.US') ELSE '' END || '+00:00'"
        )

    def json_column(self, column: str) -> str:
        return column

    def to_json_text(self, expr: str) -> str:
        return f"to_json({expr}::text)::text"

    def base64url(self, text: str) -> str:
        encoded = f"encode(convert_to({text}, 'UTF8'), 'base64')"
        return f"rtrim(translate(replace({encoded}, E'\\n', ''), '+/', '-_'), '=')"

    def final(self, expr: str) -> str:
        return f"SELECT ({expr})::text AS data"

    # Bucket keys are timestamps without time zone, in UTC: stepping a month is then exact.
    def bucket(self, interval: str, column: str) -> str:
        return f"date_trunc('{interval}', {column} AT TIME ZONE 'UTC')"

    def bucket_key(self, start: dt.datetime) -> Any:
        return start.replace(tzinfo=None)

    def bucket_of_start(self, interval: str, column: str) -> str:
        return f"date_trunc('{interval}', {column})"

    def buckets(self, interval: str, counts: str, bounds: tuple[str, str] | None, most: int) -> str:
        if bounds is None:
            first = f"(SELECT GREATEST(MIN(b), MAX(b) - interval '{most - 1} {interval}') FROM c_)"
            last = "(SELECT MAX(b) FROM c_)"
        else:
            first, last = (f"CAST({bound} AS timestamp)" for bound in bounds)
        return (
            f"(WITH c_ AS ({counts}) SELECT (s_.b AT TIME ZONE 'UTC') AS start_, COALESCE(c_.n, 0) AS count_,"
            f" s_.b AS b_ FROM generate_series({first}, {last}, interval '1 {interval}') s_(b)"
            " LEFT JOIN c_ ON c_.b = s_.b)"
        )


class Sqlite(Dialect):
    name = "sqlite"

    def object(self, pairs: Sequence[tuple[str, str]]) -> str:
        return "json_object(" + ", ".join(f"{self.string(k)}, {v}" for k, v in pairs) + ")"

    def embed(self, subquery: str) -> str:
        return f"json(({subquery}))"

    def array(self, items: Sequence[str]) -> str:
        return "json_array(" + ", ".join(items) + ")"

    def aggregate(self, value: str, order: str, where: str | None = None) -> str:
        # JSON1 has no ordered aggregate before SQLite 3.44: the rows come ordered from the FROM.
        filtered = f" FILTER (WHERE {where})" if where else ""
        return f"json_group_array(json({value})){filtered}"

    def ordered_array(self, value: str, source: str, order: str) -> str:
        return f"SELECT json_group_array(json(q_.v)) FROM (SELECT {value} AS v FROM {source} ORDER BY {order} LIMIT -1) q_"

    def ordered(self, select: str, order: str) -> str:
        # A LIMIT keeps SQLite from flattening the subquery into its aggregate, which loses the order.
        return f"{select} ORDER BY {order} LIMIT -1"

    def boolean(self, condition: str) -> str:
        return f"json(CASE WHEN {condition} THEN 'true' ELSE 'false' END)"

    def datetime(self, column: str) -> str:
        # Stored by Tortoise as UTC ISO text with a space: Python's isoformat() puts a T there.
        return f"replace({column}, ' ', 'T')"

    def json_column(self, column: str) -> str:
        return f"json({column})"

    def to_json_text(self, expr: str) -> str:
        return f"json_quote({expr})"

    def base64url(self, text: str) -> str:
        return f"gql_news_base64url({text})"

    def final(self, expr: str) -> str:
        return f"SELECT {expr} AS data"

    # Bucket keys are dates as text (YYYY-MM-DD), as `graph.buckets` truncates them.
    def bucket(self, interval: str, column: str) -> str:
        from gql_news.graphql.graph.buckets import SQLITE_BUCKETS

        return SQLITE_BUCKETS[interval].replace("t.published_at", column)

    def bucket_key(self, start: dt.datetime) -> Any:
        return start.strftime("%Y-%m-%d")

    def buckets(self, interval: str, counts: str, bounds: tuple[str, str] | None, most: int) -> str:
        size, unit = _SQLITE_STEPS[interval]
        if bounds is None:
            first = f"(SELECT MAX(MIN(b), date(MAX(b), '-{size * (most - 1)} {unit}')) FROM c_)"
            last = "(SELECT MAX(b) FROM c_)"
        else:
            first, last = bounds
        return (
            f"(WITH RECURSIVE c_ AS ({counts}), s_(b) AS (SELECT {first} UNION ALL"
            f" SELECT date(b, '+{size} {unit}') FROM s_ WHERE b < {last})"
            " SELECT s_.b || ' 00:00:00+00:00' AS start_, COALESCE(c_.n, 0) AS count_, s_.b AS b_"
            " FROM s_ LEFT JOIN c_ ON c_.b = s_.b WHERE s_.b IS NOT NULL)"
        )


_SQLITE_STEPS = {"day": (1, "days"), "week": (7, "days"), "month": (1, "months"), "year": (1, "years")}

POSTGRES = Postgres()
SQLITE = Sqlite()
