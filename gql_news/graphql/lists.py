"""Pages of rows for one parent or many, in one statement per relation level.

A nested connection (a country's articles, for each of fifty countries) is fetched with a
window function partitioned by the parent key, so the number of statements does not grow with
the number of parents. The same code serves top-level lists, which have a single parent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gql_news.graphql.pagination import PageArgs
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.graphql.tables import Table

Filter = tuple[str, tuple[Any, ...]]
"""A SQL condition on alias `t` and its parameters."""


@dataclass(frozen=True, slots=True)
class Ordering:
    """A sort order: SQL columns on alias `t`, and how a row's key is written into a cursor."""

    tag: str
    columns: tuple[str, ...]
    descending: bool
    to_key: Callable[[Row], tuple[Any, ...]]
    to_params: Callable[[tuple[Any, ...]], tuple[Any, ...]] = lambda key: key

    def order_sql(self) -> str:
        direction = " DESC" if self.descending else ""
        return ", ".join(f"{col}{direction}" for col in self.columns)

    def after_sql(self) -> str:
        cols = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        return f"({cols}) {'<' if self.descending else '>'} ({marks})"


@dataclass(frozen=True, slots=True)
class Source:
    """Rows of `table` (alias `t`) belonging to parents.

    `link` is a subquery of `(k, id)` pairs tying a parent key to a row id, with `{keys}` where
    the parents' IN list goes; `fk` is a column of `t` holding the parent key instead. With
    neither, the list has a single parent (a top-level list).
    """

    table: Table
    link: str | None = None
    fk: str | None = None

    def from_sql(self, keys: Sequence[Any]) -> tuple[str, str, list[Any]]:
        """FROM clause, parent-key expression and parameters for these parent keys."""
        if self.link is not None:
            link = self.link.format(keys=in_list(keys))
            return f"{self.table.from_} JOIN ({link}) l ON l.id = t.id", "l.k", list(keys)
        if self.fk is not None:
            return self.table.from_, f"t.{self.fk}", []
        return self.table.from_, "0", []


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One list request: where rows come from, how they are filtered and sorted."""

    source: Source
    ordering: Ordering
    filters: tuple[Filter, ...] = field(default=())

    def _where(self, key_expr: str, keys: Sequence[Any], extra: Sequence[Filter]) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.source.fk is not None:
            clauses.append(f"{key_expr} IN {in_list(keys)}")
            params.extend(keys)
        for sql, values in (*self.filters, *extra):
            clauses.append(sql)
            params.extend(values)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    async def page(self, keys: Sequence[Any], args: PageArgs) -> dict[Any, list[Row]]:
        """Up to `args.first + 1` rows per parent key (the extra row tells of a next page)."""
        from_sql, key_expr, params = self.source.from_sql(keys)
        extra: list[Filter] = []
        if args.after is not None:
            extra.append((self.ordering.after_sql(), self.ordering.to_params(args.after)))
        where, where_params = self._where(key_expr, keys, extra)
        order = self.ordering.order_sql()
        limit = args.first + 1
        if self.source.link is None and self.source.fk is None:
            sql = f"SELECT {self.source.table.columns} FROM {from_sql}{where} ORDER BY {order} LIMIT ?"
            rows = await fetch(sql, [*params, *where_params, limit])
            return {0: rows}
        sql = (
            f"SELECT * FROM (SELECT {self.source.table.columns}, {key_expr} AS _k, "
            f"ROW_NUMBER() OVER (PARTITION BY {key_expr} ORDER BY {order}) AS _rn "
            f"FROM {from_sql}{where}) q WHERE _rn <= ? ORDER BY _k, _rn"
        )
        rows = await fetch(sql, [*params, *where_params, limit])
        grouped: dict[Any, list[Row]] = {key: [] for key in keys}
        for row in rows:
            grouped.setdefault(row["_k"], []).append(row)
        return grouped

    async def counts(self, keys: Sequence[Any]) -> dict[Any, int]:
        """How many rows each parent key has in the whole (filtered) list."""
        from_sql, key_expr, params = self.source.from_sql(keys)
        where, where_params = self._where(key_expr, keys, ())
        sql = f"SELECT {key_expr} AS _k, COUNT(*) AS n FROM {from_sql}{where} GROUP BY {key_expr}"
        if self.source.link is None and self.source.fk is None:
            sql = f"SELECT 0 AS _k, COUNT(*) AS n FROM {from_sql}{where}"
        rows = await fetch(sql, [*params, *where_params])
        found = {row["_k"]: int(row["n"]) for row in rows}
        return {key: found.get(key, 0) for key in keys}
