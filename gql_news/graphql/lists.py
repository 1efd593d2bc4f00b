"""Pages of rows for one parent or many, in one statement per relation level.

Three plans, by how many parents ask and which database answers:

- one parent (or a top-level list): `WHERE <belongs to parent> ORDER BY … LIMIT n`. The parent
  test is a correlated EXISTS, so PostgreSQL walks the sort index and stops after n rows
  (a country's 20 latest articles: ~0.6 ms, against ~30 ms for joining all its mentions and
  sorting them);
- many parents on PostgreSQL: the same statement once per parent in a LATERAL join over
  `unnest(parent ids)`, still one statement;
- many parents on SQLite: a window function partitioned by the parent key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gql_news.graphql.pagination import PageArgs
from gql_news.graphql.sql import Row, fetch, in_list, is_postgres
from gql_news.graphql.tables import Table

ARTICLE_TOTAL = "COALESCE((SELECT x.articles FROM article_total x WHERE x.id = 1), 0)"
"""The number of articles, maintained by the write path (migration 0015)."""


def entity_article_total(kind: int, entity: str) -> str:
    """The number of articles naming an entity of kind code `kind` (id `entity`, SQL), maintained."""
    return f"COALESCE((SELECT x.articles FROM entity_count x WHERE x.kind = {kind} AND x.entity_id = {entity}), 0)"


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

    `belongs` is a condition on `t` with `{key}` where the parent key goes (a correlated EXISTS
    through a link table, or a foreign-key comparison); `link` is the same relation as a
    subquery of `(k, id)` pairs with `{keys}` for the parents' IN list (for batches on SQLite
    and for counts). With neither, the list is top-level.
    """

    table: Table
    belongs: str | None = None
    link: str | None = None

    def link_sql(self, keys: Sequence[Any]) -> tuple[str, str, list[Any]]:
        """FROM clause joining each row to its parent key, the key expression, parameters."""
        if self.link is None:
            raise ValueError("a top-level list has no link")
        link = self.link.format(keys=in_list(keys))
        return f"{self.table.from_} JOIN ({link}) l ON l.id = t.id", "l.k", list(keys)


def _conditions(filters: Sequence[Filter]) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for sql, values in filters:
        clauses.append(sql)
        params.extend(values)
    return clauses, params


def _where(clauses: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One list request: where rows come from, how they are filtered and sorted.

    `with_` is a common table expression (`name AS (...)`, and its parameters) the statements
    start with: a text search's matches and their scores, joined in by the source's table.
    """

    source: Source
    ordering: Ordering
    filters: tuple[Filter, ...] = field(default=())
    with_: Filter | None = None

    async def _fetch(self, sql: str, params: Sequence[Any]) -> list[Row]:
        """Run one of this list's statements, behind its WITH clause when it has one."""
        if self.with_ is None:
            return await fetch(sql, params)
        return await fetch(f"WITH {self.with_[0]} {sql}", [*self.with_[1], *params])

    async def page(self, keys: Sequence[Any], args: PageArgs) -> dict[Any, list[Row]]:
        """Up to `args.first + 1` rows per parent key (the extra row tells of a next page)."""
        extra = list(self.filters)
        if args.after is not None:
            extra.append((self.ordering.after_sql(), self.ordering.to_params(args.after)))
        clauses, params = _conditions(extra)
        columns, table, order = self.source.table.columns, self.source.table.from_, self.ordering.order_sql()
        limit = args.first + 1
        belongs = self.source.belongs
        if belongs is None or len(keys) == 1:
            parent: list[Any] = []
            if belongs is not None:
                clauses = [belongs.format(key="?"), *clauses]
                parent = [keys[0]]
            sql = f"SELECT {columns} FROM {table}{_where(clauses)} ORDER BY {order} LIMIT ?"
            return {keys[0] if keys else 0: await self._fetch(sql, [*parent, *params, limit])}
        if is_postgres():
            clauses = [belongs.format(key="p.k"), *clauses]
            sql = (
                f"SELECT q.* FROM unnest(?::int[]) AS p(k) CROSS JOIN LATERAL "
                f"(SELECT {columns}, p.k AS _k FROM {table}{_where(clauses)} ORDER BY {order} LIMIT ?) q"
            )
            rows = await self._fetch(sql, [list(keys), *params, limit])
        else:
            from_sql, key_expr, link_params = self.source.link_sql(keys)
            sql = (
                f"SELECT * FROM (SELECT {columns}, {key_expr} AS _k, "
                f"ROW_NUMBER() OVER (PARTITION BY {key_expr} ORDER BY {order}) AS _rn "
                f"FROM {from_sql}{_where(clauses)}) q WHERE _rn <= ? ORDER BY _k, _rn"
            )
            rows = await self._fetch(sql, [*link_params, *params, limit])
        grouped: dict[Any, list[Row]] = {key: [] for key in keys}
        for row in rows:
            grouped.setdefault(row["_k"], []).append(row)
        return grouped

    async def counts(self, keys: Sequence[Any]) -> dict[Any, int]:
        """How many rows each parent key has in the whole (filtered) list."""
        clauses, params = _conditions(self.filters)
        table = self.source.table.from_
        if (
            self.source.belongs is None
            and not clauses
            and self.with_ is None
            and self.source.table.name == "article"
        ):
            # Every article: the maintained total (`ingest.counts`), not a count of the table.
            rows = await fetch(f"SELECT {ARTICLE_TOTAL} AS n", [])
            return {keys[0] if keys else 0: int(rows[0]["n"])}
        if self.source.belongs is None or len(keys) == 1:
            parent: list[Any] = []
            if self.source.belongs is not None:
                clauses = [self.source.belongs.format(key="?"), *clauses]
                parent = [keys[0]]
            rows = await self._fetch(
                f"SELECT COUNT(*) AS n FROM {table}{_where(clauses)}", [*parent, *params]
            )
            return {keys[0] if keys else 0: int(rows[0]["n"])}
        from_sql, key_expr, link_params = self.source.link_sql(keys)
        sql = f"SELECT {key_expr} AS _k, COUNT(*) AS n FROM {from_sql}{_where(clauses)} GROUP BY {key_expr}"
        rows = await self._fetch(sql, [*link_params, *params])
        found = {row["_k"]: int(row["n"]) for row in rows}
        return {key: found.get(key, 0) for key in keys}
