"""Facet counts of an article list: how many of the list's articles name each entity or topic.

Counted over the whole filtered list, never the page. One statement per facet kind and batch:
the list's article ids (one parent, a top-level list, or many parents through the source's
link) are joined to `mention` (or `article_topic`), grouped per entity and ranked by count,
then name; for many parents a window function keeps the top `first` per parent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gql_news.graphql.articles.inputs import ENTITY_FILTERS, ENTITY_IDS
from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import KIND_OF_SOURCE
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.graphql.tables import COUNTRY, ORGANISATION, PERSON, TOPIC, Table
from gql_news.ingest.counts import CO_MENTIONS, FKS, KIND_CODES


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet: the link table from articles to the counted rows, and their table."""

    table: Table
    link: str
    fk: str


FACETS = {
    "people": Facet(PERSON, "mention", "person_id"),
    "organisations": Facet(ORGANISATION, "mention", "organisation_id"),
    "countries": Facet(COUNTRY, "mention", "country_id"),
    "topics": Facet(TOPIC, "article_topic", "topic_id"),
}

_ENTITY_FACETS = {fk: code for code, fk in enumerate(FKS)}
_ENTITY_FILTER_KINDS = {sql: kind for kind, sql in ENTITY_FILTERS.items()}

FacetKey = tuple[str, ListQuery, Any, int]
"""(facet name, the article list, its parent key, how many values to keep)."""


def _articles(query: ListQuery, keys: Sequence[Any]) -> tuple[str | None, str, list[Any]]:
    """A subquery of the list's article ids (`k`, `id`), the parent key expression, parameters.

    None for an unfiltered top-level list: every article is in it, so the link table is read
    directly instead of joining it to all of `article`.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for sql, values in query.filters:
        clauses.append(sql)
        params.extend(values)
    source = query.source
    if not clauses and source.link is not None:
        # Unfiltered: the link's (parent, article) pairs are the list, no need to read `article`.
        return source.link.format(keys=in_list(keys)), "0" if len(keys) == 1 else "a.k", list(keys)
    if source.belongs is None or len(keys) == 1:
        if source.belongs is not None:
            clauses.insert(0, source.belongs.format(key="?"))
            params.insert(0, keys[0])
        elif not clauses:
            return None, "0", []
        where = " WHERE " + " AND ".join(clauses)
        return f"SELECT 0 AS k, t.id AS id FROM article t{where}", "0", params
    from_sql, key_expr, link_params = source.link_sql(keys)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return f"SELECT {key_expr} AS k, t.id AS id FROM {from_sql}{where}", "a.k", [*link_params, *params]


def _maintained(
    facet: Facet, query: ListQuery, keys: Sequence[Any], first: int
) -> tuple[str, str, list[Any]] | None:
    """The counts subquery (`_e`, `_n`, and `_k` for many parents) from the maintained counts, the
    parent key expression and parameters, when they answer: an entity facet of an unfiltered
    list of all articles (`entity_count`) or of one entity's articles, unfiltered or filtered
    by that entity alone (the pair counts, `CO_MENTIONS`, and the entity itself with all of its
    articles). Other filtered lists are counted from their rows."""
    code = _ENTITY_FACETS.get(facet.fk)
    if code is None or query.with_ is not None:
        return None
    source = query.source
    if source.belongs is None and len(query.filters) == 1 and query.filters[0][0] in _ENTITY_FILTER_KINDS:
        # `articles(filter: {country:})` and the like: one entity's articles, as `country { articles }`.
        ((sql, values),) = query.filters
        kind = _ENTITY_FILTER_KINDS[sql]
        entity = f"({ENTITY_IDS[kind]})"
        counts = (
            f"SELECT other_id AS _e, articles AS _n FROM {CO_MENTIONS} WHERE kind = {KIND_CODES[kind]} "
            f"AND entity_id IN {entity} AND other_kind = {code}"
        )
        params = list(values)
        if KIND_CODES[kind] == code:
            counts += f" UNION ALL SELECT entity_id AS _e, articles AS _n FROM entity_count WHERE kind = {code} AND entity_id IN {entity}"
            params += list(values)
        return counts, "0", params
    if query.filters:
        return None
    if source.belongs is None:
        # Only the values with at least the `first`-th largest count can be among the first.
        threshold = (
            f"COALESCE((SELECT articles FROM entity_count WHERE kind = {code} "
            "ORDER BY articles DESC LIMIT 1 OFFSET ?), 0)"
        )
        counts = (
            f"SELECT entity_id AS _e, articles AS _n FROM entity_count WHERE kind = {code} "
            f"AND articles >= {threshold}"
        )
        return counts, "0", [max(first - 1, 0)]
    parent = KIND_OF_SOURCE.get(source)
    if parent is None:
        return None
    parent_code = KIND_CODES[parent.name]
    one = len(keys) == 1
    key = "" if one else "entity_id AS _k, "
    counts = (
        f"SELECT {key}other_id AS _e, articles AS _n FROM {CO_MENTIONS} WHERE kind = {parent_code} "
        f"AND entity_id IN {in_list(keys)} AND other_kind = {code}"
    )
    params = list(keys)
    if parent_code == code:
        counts += (
            f" UNION ALL SELECT {key}entity_id AS _e, articles AS _n FROM entity_count "
            f"WHERE kind = {code} AND entity_id IN {in_list(keys)}"
        )
        params += list(keys)
    return counts, "0" if one else "c._k", params


def _statement(facet: Facet, query: ListQuery, keys: Sequence[Any], first: int) -> tuple[str, list[Any]]:
    """Entity facets of a whole unfiltered list read the maintained counts. Otherwise counts are
    taken per id on the link table (an index-only scan for an unfiltered list); only the counted
    ids are joined to their rows, for the columns and the name order."""
    table, fk = facet.table, facet.fk
    maintained = _maintained(facet, query, keys, first)
    if maintained is not None:
        counts, key_expr, params = maintained
        one = key_expr == "0"
    else:
        articles, key_expr, params = _articles(query, keys)
        from_sql = (
            f"{facet.link} m"
            if articles is None
            else f"({articles}) a JOIN {facet.link} m ON m.article_id = a.id"
        )
        one = key_expr == "0"
        parent, group = ("", f"m.{fk}") if one else (f"{key_expr} AS _k, ", f"{key_expr}, m.{fk}")
        counts = (
            f"SELECT {parent}m.{fk} AS _e, COUNT(DISTINCT m.article_id) AS _n FROM {from_sql} "
            f"WHERE m.{fk} IS NOT NULL GROUP BY {group}"
        )
    rows = f"({counts}) c JOIN {table.name} t ON t.id = c._e {table.joins}".rstrip()
    if one:
        return f"SELECT {table.columns}, c._n FROM {rows} ORDER BY c._n DESC, t.name, t.id LIMIT ?", [
            *params,
            first,
        ]
    sql = (
        f"SELECT * FROM (SELECT {table.columns}, c._k, c._n, "
        f"ROW_NUMBER() OVER (PARTITION BY c._k ORDER BY c._n DESC, t.name, t.id) AS _rn FROM {rows}) q "
        "WHERE _rn <= ? ORDER BY _k, _rn"
    )
    return sql, [*params, first]


async def load_facets(keys: Sequence[FacetKey]) -> list[list[Row]]:
    """Each key's facet rows (the counted row's columns plus `_n`), by count then name."""

    async def run(batch: tuple[str, ListQuery, int], parents: list[Any]) -> dict[Any, list[Row]]:
        name, query, first = batch
        sql, params = _statement(FACETS[name], query, parents, first)
        rows = await fetch(sql, params)
        if len(parents) == 1 or query.source.belongs is None:
            return dict.fromkeys(parents, rows)
        return rows_by(rows)

    return await per_batch(keys, lambda k: ((k[0], k[1], k[3]), k[2]), run, list)
