"""How each database builds JSON: PostgreSQL's json_build_object/json_agg, SQLite's JSON1.

Every expression here produces JSON that reads back as exactly what the executor serialises for
the same value: strings and numbers as they are, DateTime in Python's `isoformat()` (UTC,
microseconds only when there are any), global ids and cursors in urlsafe base64 without
padding, booleans as JSON booleans, JSON list columns embedded as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence

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


POSTGRES = Postgres()
SQLITE = Sqlite()
