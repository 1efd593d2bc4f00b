"""A plan and a request's variables as one SQL statement whose single value is the `data` JSON.

Every object is a JSON object built in the database; every relation a correlated subquery on
the parent's row (a unique alias per level, so nested lists cannot mix up their parents);
every connection one page subquery (first + 1 rows, numbered) aggregated into edges and
pageInfo, with totalCount its own count. Arguments are read per request: a value the
resolvers would refuse (a bad cursor, `first` out of range, an unknown id type) stops the
rendering (`Fallback`), and the executor answers, with the errors the API defines.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from graphql import GraphQLError
from graphql.execution.values import VariableValues, get_argument_values

from gql_news.graphql.errors import GqlNewsError
from gql_news.graphql.ids import MAX_NODES, from_global_id
from gql_news.graphql.lists import Ordering
from gql_news.graphql.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, bounded_first, decode_cursor
from gql_news.graphql.read import registry as r
from gql_news.graphql.read.dialect import Dialect
from gql_news.graphql.read.plan import Obj, Plan, Planned
from gql_news.ingest.counts import KIND_CODES
from gql_news.models import Article, Mention

Span = tuple[dt.datetime | None, dt.datetime | None]
"""[start, end) of a timeline range, None for an open end."""


class Fallback(Exception):
    """This request's arguments are for the executor to answer (it reports the error)."""


_KIND_CONDITIONS = {
    "person": "{a}.{p} IS NOT NULL",
    "organisation": "{a}.{p} IS NULL AND {a}.{o} IS NOT NULL",
    "country": "{a}.{p} IS NULL AND {a}.{o} IS NULL",
}


class Renderer:
    def __init__(self, dialect: Dialect, variables: VariableValues) -> None:
        self.d = dialect
        self.variables = variables
        self.params: list[Any] = []
        self._aliases = itertools.count(1)

    # -- plumbing --------------------------------------------------------------------------
    def param(self, value: Any) -> str:
        """A bind parameter: `?`, appended in the order the text is assembled (see `_ordered`)."""
        self.params.append(value)
        return f"\x00{len(self.params) - 1}\x00"

    @staticmethod
    def size(value: int) -> str:
        """A page size, written into the text: the database then plans for that LIMIT (a bind
        parameter makes a cached generic plan assume a large one and read whole lists). Sizes are
        checked ints within 0..100, so a few texts per field at most."""
        if type(value) is not int:
            raise Fallback("size")
        return str(value)

    def alias(self) -> str:
        return f"r{next(self._aliases)}"

    def args(self, planned: Planned) -> dict[str, Any]:
        assert planned.definition is not None
        try:
            return get_argument_values(planned.definition, planned.node, self.variables)
        except GraphQLError:
            raise Fallback from None

    # -- objects ---------------------------------------------------------------------------
    def obj(self, plan: Obj, row: str) -> str:
        pairs = [(key, self.field(planned, row, plan.type)) for key, planned in plan.fields]
        return self.d.object(pairs)

    def field(self, planned: Planned, row: str, owner: r.ObjectType) -> str:
        spec = planned.spec
        if spec is None:
            return self.d.string(planned.parent)
        if isinstance(spec, r.Column):
            column = f"{row}.{_quoted(spec.name)}"
            if spec.kind == "datetime":
                return self.d.datetime(column)
            if spec.kind == "json":
                return self.d.json_column(column)
            if spec.kind == "enum":  # the GraphQL enum's names are its stored values upper-cased
                return f"UPPER({column})"
            return column
        if isinstance(spec, r.Computed):
            return f"({spec.sql.replace('{row}', row)})"
        if isinstance(spec, r.GlobalId):
            return self.d.base64url(self.d.concat(self.d.string(f"{owner.name}:"), f"CAST({row}.id AS TEXT)"))
        if isinstance(spec, r.ToOne):
            if spec.match is not None:
                return self._one(
                    planned.child, spec.match.replace("{row}", row) + " ORDER BY t.start LIMIT 1"
                )
            return self._one(planned.child, f"t.id = {row}.{spec.fk}")
        if isinstance(spec, r.EntityOf):
            return self._entity(planned, spec, row)
        if isinstance(spec, r.Mentioned):
            return self._mentioned(planned, spec, row)
        if isinstance(spec, r.Linked):
            return self._linked(planned, spec, row)
        if isinstance(spec, r.Children):
            return self._children(planned, spec, row)
        if isinstance(spec, r.CoMentioned):
            return self._co_mentioned(planned, spec, row)
        if isinstance(spec, r.Timeline):
            return self._timeline(planned, spec, row)
        if isinstance(spec, r.Lookup):
            value = spec.normalise(self.args(planned)[spec.argument])
            where = spec.where.replace("?", "{}").format(*(self.param(value) for _ in range(spec.repeat)))
            return self._one(planned.child, where)
        if isinstance(spec, r.NodeField):
            return self._nodes(planned, spec)
        if isinstance(spec, r.Connection):
            return self._connection(planned, spec, row)
        raise Fallback(type(spec).__name__)

    def _one(self, child: Obj | None, where: str) -> str:
        """The object of the one row of the child's table matching `where` (on `t`), or null."""
        assert child is not None
        alias = self.alias()
        return self.d.embed(
            f"SELECT {self.obj(child, alias)} FROM (SELECT t.* FROM {child.type.table} t WHERE {where}) {alias}"
        )

    def _entity(self, planned: Planned, spec: r.EntityOf, row: str) -> str:
        branches = []
        for type_name, fk in spec.fks:
            child = planned.children.get(type_name)
            if child is None:
                raise Fallback(type_name)
            branches.append((fk, self._one(child, f"t.id = {row}.{fk}")))
        *first, (_, last) = branches
        return (
            "CASE "
            + " ".join(f"WHEN {row}.{fk} IS NOT NULL THEN {value}" for fk, value in first)
            + f" ELSE {last} END"
        )

    def _mentioned(self, planned: Planned, spec: r.Mentioned, row: str) -> str:
        assert planned.child is not None
        mention, article = r.table(Mention), r.column(Mention, "article")
        alias = self.alias()
        source = (
            f"(SELECT x.{spec.fk} AS id, MIN(x.start) AS first_ FROM {mention} x WHERE x.{article} = {row}.id"
            f" AND x.{spec.fk} IS NOT NULL GROUP BY x.{spec.fk}) f_ JOIN {planned.child.type.table} {alias} ON {alias}.id = f_.id"
        )
        return self.d.embed(self.d.ordered_array(self.obj(planned.child, alias), source, "f_.first_"))

    def _linked(self, planned: Planned, spec: r.Linked, row: str) -> str:
        assert planned.child is not None
        alias, link = self.alias(), self.alias()
        source = (
            f"{spec.link} {link} JOIN {planned.child.type.table} {alias} ON {alias}.id = {link}.{spec.child_fk}"
            f" WHERE {link}.{spec.parent_fk} = {row}.id"
        )
        order = ", ".join(o.replace("x.", f"{link}.").replace("t.", f"{alias}.") for o in spec.order)
        return self.d.embed(self.d.ordered_array(self.obj(planned.child, alias), source, order))

    def _children(self, planned: Planned, spec: r.Children, row: str) -> str:
        assert planned.child is not None
        alias = self.alias()
        where = f"{alias}.{spec.fk} = {row}.id"
        if spec.kind_argument:
            kind = self.args(planned).get("kind")
            if kind is not None:
                value = getattr(kind, "value", kind)
                condition = _KIND_CONDITIONS[str(value)].format(
                    a=alias, p=r.column(Mention, "person"), o=r.column(Mention, "organisation")
                )
                where = f"{where} AND {condition}"
        order = ", ".join(o.replace("t.", f"{alias}.") for o in spec.order)
        source = f"{planned.child.type.table} {alias} WHERE {where}"
        if spec.limit is not None:
            limit = spec.limit
            size = _bounded(self.args(planned).get(limit.argument), limit.default, limit.most)
            page = f"SELECT {alias}.* FROM {source} ORDER BY {order} LIMIT {self.size(size)}"
            source = f"({page}) {alias}"
        return self.d.embed(self.d.ordered_array(self.obj(planned.child, alias), source, order))

    def _co_mentioned(self, planned: Planned, spec: r.CoMentioned, row: str) -> str:
        """As `graph.pair_sql` reads it for a batch (the maintained pair counts), here for the one
        entity of `row`."""
        from gql_news.graphql.graph.pair_sql import CO_MENTION_ORDER, co_mention_columns, co_mentions_of

        assert planned.child is not None
        args = self.args(planned)
        size = _bounded(args.get("first"), spec.default, spec.most)
        kind = args.get("kind")
        only = None if kind is None else KIND_CODES[str(getattr(kind, "value", kind))]
        entity = [r.column(Mention, k) for k in ("person", "organisation", "country")]
        alias = self.alias()
        inner = (
            f"SELECT {co_mention_columns('c')}, c.articles AS _n, c.last_seen AS _last"
            f" FROM {co_mentions_of(spec.kind, f'{row}.id', only, size)} c"
            f" ORDER BY {CO_MENTION_ORDER} LIMIT {self.size(size)}"
        )
        kind_rank = f"CASE WHEN {alias}.{entity[0]} IS NOT NULL THEN 0 WHEN {alias}.{entity[1]} IS NOT NULL THEN 1 ELSE 2 END"
        order = (
            f"{alias}._n DESC, {alias}._last DESC, {kind_rank}, "
            f"COALESCE({', '.join(f'{alias}.{e}' for e in entity)})"
        )
        return self.d.embed(self.d.ordered_array(self.obj(planned.child, alias), f"({inner}) {alias}", order))

    def _timeline(self, planned: Planned, spec: r.Timeline, row: str) -> str:
        """As `graph.timeline.mention_timeline` answers it. A range open at one end needs the data
        to know whether it holds too many buckets (an error): the executor answers those. An
        entity's buckets are summed from its maintained day counts (and the partial days at the
        ends of the range from its articles)."""
        from gql_news.graphql.articles.inputs import to_utc
        from gql_news.graphql.graph.timeline import MAX_BUCKETS, bucket_bounds

        assert planned.child is not None
        args = self.args(planned)
        interval = str(getattr(args["interval"], "value", args["interval"]))
        start, end = args.get("from", args.get("from_")), args.get("to")
        if (start is None) != (end is None):
            raise Fallback("half-open range")
        try:
            start = to_utc(start) if start is not None else None
            end = to_utc(end) if end is not None else None
            first, last = bucket_bounds(interval, start, end)
        except GqlNewsError:
            raise Fallback("range") from None
        if start is not None and start == end:
            return self.d.array([])
        if spec.kind is None:
            counts = self._scanned_buckets(spec, row, interval, [(start, end)])
        else:
            counts = self._maintained_buckets(spec, spec.kind, row, interval, start, end)
        bounds = None
        if first is not None and last is not None:
            bounds = (self.param(self.d.bucket_key(first)), self.param(self.d.bucket_key(last)))
        alias = self.alias()
        source = f"{self.d.buckets(interval, counts, bounds, MAX_BUCKETS)} {alias}"
        return self.d.embed(self.d.ordered_array(self.obj(planned.child, alias), source, f"{alias}.b_"))

    def _scanned_buckets(self, spec: r.Timeline, row: str, interval: str, spans: list[Span]) -> str:
        """Rows (bucket `b`, count `n`) of the row's articles in these spans counted per bucket."""
        published = f"t.{r.column(Article, 'published_at')}"
        bucket = self.d.bucket(interval, published)
        where = spec.belongs.replace("{key}", f"{row}.id")
        ranges = []
        for low, high in spans:
            parts = [f"{published} >= {self.param(low)}"] if low is not None else []
            parts += [f"{published} < {self.param(high)}"] if high is not None else []
            ranges.append(" AND ".join(parts) or "1 = 1")
        where += f" AND ({' OR '.join(f'({part})' for part in ranges)})"
        return (
            f"SELECT {bucket} AS b, COUNT(*) AS n FROM {r.table(Article)} t WHERE {where} GROUP BY {bucket}"
        )

    def _maintained_buckets(
        self,
        spec: r.Timeline,
        kind: int,
        row: str,
        interval: str,
        start: dt.datetime | None,
        end: dt.datetime | None,
    ) -> str:
        """As `graph.buckets` sums them: whole days from the maintained counts, the partial days at
        the ends of the range from the articles."""
        from gql_news.graphql.graph.buckets import split_range

        scans, days = split_range(start, end)
        selects = []
        if days is not None:  # split_range gives whole days, partial ones to scan, or both
            low, high = days
            where = f" AND x.day >= {self.param(self.d.bucket_key(low))}" if low is not None else ""
            where += f" AND x.day < {self.param(self.d.bucket_key(high))}" if high is not None else ""
            selects.append(
                f"SELECT {self.d.bucket_of_start(interval, 'x.day')} AS b, x.articles AS n FROM entity_timeline x"
                f" WHERE x.kind = {kind} AND x.entity_id = {row}.id{where}"
            )
        if scans:
            selects.append(self._scanned_buckets(spec, row, interval, scans))
        return f"SELECT u_.b AS b, SUM(u_.n) AS n FROM ({' UNION ALL '.join(selects)}) u_ GROUP BY u_.b"

    def _nodes(self, planned: Planned, spec: r.NodeField) -> str:
        args = self.args(planned)
        ids = args["ids"] if spec.many else [args["id"]]
        if len(ids) > MAX_NODES:
            raise Fallback("too many ids")
        values = []
        for global_id in ids:
            try:
                type_name, pk = from_global_id(global_id)
            except GqlNewsError:
                raise Fallback("malformed id") from None
            child = planned.children.get(type_name)
            if child is None:
                raise Fallback(type_name)
            values.append(self._one(child, f"t.id = {self.param(pk)}"))
        return self.d.array(values) if spec.many else values[0]

    # -- connections ---------------------------------------------------------------------------
    def _connection(self, planned: Planned, spec: r.Connection, row: str) -> str:
        args = self.args(planned)
        size = _bounded(args.get("first"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        ordering = _ordering(spec, args)
        try:
            filters = spec.filters(args) if spec.filters is not None else ()
            after = args.get("after")
            key = decode_cursor(ordering.tag, after, len(ordering.columns)) if after is not None else None
            after_params = ordering.to_params(key) if key is not None else None
        except GqlNewsError:
            raise Fallback("arguments") from None
        conditions: list[str] = []
        if spec.belongs is not None:
            conditions.append(spec.belongs.replace("{key}", f"{row}.id"))
        for sql, values in filters:
            conditions.append(_bind(sql, values, self))
        counted = list(conditions)
        if after_params is not None:
            conditions.append(_bind(ordering.after_sql(), after_params, self))
        target = r.registry()[spec.target]
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        alias = self.alias()
        parts: list[tuple[str, str]] = []
        needs_page = any(part[0] in ("edges", "pageInfo") for _, part in planned.parts)
        cursor = self._cursor(ordering, alias)
        for key_name, part in planned.parts:
            kind = part[0]
            if kind == "typename":
                parts.append((key_name, self.d.string(part[1])))
            elif kind == "totalCount":
                counted_where = (" WHERE " + " AND ".join(counted)) if counted else ""
                total = f"(SELECT COUNT(*) FROM {target.table} t{counted_where})"
                if not filters and spec.total is not None:  # the whole list: a maintained count
                    total = f"({spec.total.replace('{row}', row)})"
                parts.append((key_name, total))
            elif kind == "edges":
                edge = self.d.object([(k, self._edge_part(p, alias, cursor)) for k, p in part[1]])
                parts.append(
                    (key_name, self.d.aggregate(edge, f"{alias}.rn_", f"{alias}.rn_ <= {self.size(size)}"))
                )
            elif kind == "pageInfo":
                parts.append((key_name, self._page_info(part[1], alias, cursor, size, after is not None)))
        body = self.d.object(parts)
        if not needs_page:
            return body
        if spec.walk is not None and not filters and ordering.descending and ordering is spec.ordering:
            page = self._walked_page(spec.walk, row, ordering, size, after_params)
        else:
            # The LIMIT also keeps SQLite from flattening the page into the aggregate (its order stays).
            page = f"SELECT t.* FROM {target.table} t{where} ORDER BY {ordering.order_sql()} LIMIT {self.size(size + 1)}"
        numbered = self.d.ordered(
            f"SELECT q_.*, ROW_NUMBER() OVER (ORDER BY {_order_on(ordering, 'q_')}) AS rn_, COUNT(*) OVER () AS n_ FROM ({page}) q_",
            "rn_",
        )
        return self.d.embed(f"SELECT {body} FROM ({numbered}) {alias}")

    def _walked_page(
        self, fk: str, row: str, ordering: Ordering, size: int, after: tuple[Any, ...] | None
    ) -> str:
        """An entity's page of articles, newest first, from its mentions' (fk, published_at DESC,
        article_id DESC) index: the first size + 1 distinct (published_at, article) pairs of the
        entity's range (after the cursor's), then those articles in the same order. A mention's
        published_at is its article's (kept so by triggers), so this is the page the article
        side's `belongs` answers."""
        published, article = r.column(Mention, "published_at"), r.column(Mention, "article")
        keys = f"x.{published}, x.{article}"
        where = f"x.{fk} = {row}.id"
        if after is not None:
            where += " AND " + _bind(f"({keys}) < (?, ?)", after, self)
        limit = self.size(size + 1)
        walk = (
            f"SELECT DISTINCT x.{published} AS p_, x.{article} AS a_ FROM {r.table(Mention)} x WHERE {where}"
            f" ORDER BY x.{published} DESC, x.{article} DESC LIMIT {limit}"
        )
        return (
            f"SELECT t.* FROM {r.table(Article)} t JOIN ({walk}) w_ ON t.id = w_.a_"
            f" ORDER BY {ordering.order_sql()} LIMIT {limit}"
        )

    def _edge_part(self, part: tuple[Any, ...], alias: str, cursor: str) -> str:
        if part[0] == "typename":
            return self.d.string(part[1])
        if part[0] == "cursor":
            return cursor
        return self.obj(part[1], alias)

    def _page_info(
        self, fields: list[tuple[str, str]], alias: str, cursor: str, size: int, after: bool
    ) -> str:
        pairs = []
        for key, name in fields:
            if name == "__typename":
                pairs.append((key, self.d.string("PageInfo")))
            elif name == "hasNextPage":
                pairs.append((key, self.d.boolean(f"COALESCE(MAX({alias}.n_), 0) > {self.size(size)}")))
            elif name == "hasPreviousPage":
                pairs.append((key, self.d.boolean("1 = 1" if after else "1 = 0")))
            elif name == "startCursor":
                pairs.append(
                    (
                        key,
                        f"MAX(CASE WHEN {alias}.rn_ = 1 AND {alias}.rn_ <= {self.size(size)} THEN {cursor} END)",
                    )
                )
            elif name == "endCursor":
                last = f"CASE WHEN {alias}.n_ < {self.size(size)} THEN {alias}.n_ ELSE {self.size(size)} END"
                pairs.append((key, f"MAX(CASE WHEN {alias}.rn_ = {last} THEN {cursor} END)"))
            else:
                raise Fallback(name)
        return self.d.object(pairs)

    def _cursor(self, ordering: Ordering, alias: str) -> str:
        """The cursor of a row, as `encode_cursor(tag, key)` writes it: base64 of compact JSON."""
        parts = [self.d.string(f'["{ordering.tag}",')]
        for i, column in enumerate(ordering.columns):
            name = column.split(".", 1)[1]
            if name == "published_at":
                value = self.d.to_json_text(self.d.datetime(f"{alias}.{name}"))
            elif name == "id":
                value = f"CAST({alias}.id AS TEXT)"
            else:
                value = self.d.to_json_text(f"{alias}.{name}")
            parts.append(value)
            parts.append(self.d.string("," if i < len(ordering.columns) - 1 else "]"))
        return self.d.base64url(self.d.concat(*parts))


def _bounded(first: Any, default: int, most: int) -> int:
    """A list size as the resolvers check it (`bounded_first`); out of range: the executor answers."""
    try:
        return bounded_first(first, default, most)
    except GqlNewsError:
        raise Fallback("first") from None


def _ordering(spec: r.Connection, args: Mapping[str, Any]) -> Ordering:
    order = args.get("orderBy")
    if order is None or not spec.orderings:
        return spec.ordering
    name = getattr(order, "name", str(order))
    if name not in spec.orderings:
        raise Fallback(name)
    return spec.orderings[name]


def _order_on(ordering: Ordering, alias: str) -> str:
    return ordering.order_sql().replace("t.", f"{alias}.")


def _bind(sql: str, values: tuple[Any, ...], renderer: Renderer) -> str:
    pieces = sql.split("?")
    if len(pieces) - 1 != len(values):
        raise Fallback("placeholders")
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        out.append(renderer.param(value))
        out.append(piece)
    return "".join(out)


def _quoted(column: str) -> str:
    return f'"{column}"' if column in {"end", "start"} else column


def _ordered(sql: str, params: list[Any]) -> tuple[str, list[Any]]:
    """Placeholders in text order (the text was assembled out of order)."""
    pieces = sql.split("\x00")
    out, ordered = [], []
    for i, piece in enumerate(pieces):
        if i % 2:
            ordered.append(params[int(piece)])
            out.append("?")
        else:
            out.append(piece)
    return "".join(out), ordered


def render(plan: Plan, dialect: Dialect, variables: VariableValues) -> tuple[str, list[Any]]:
    """(SQL, parameters) of the plan for these variables; Fallback when the executor must answer."""
    renderer = Renderer(dialect, variables)
    sql = dialect.final(renderer.obj(plan.root, "root_"))
    return _ordered(sql, renderer.params)
