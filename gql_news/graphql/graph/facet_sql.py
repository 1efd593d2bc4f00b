"""Facet counts of an article list: how many of the list's articles name each entity or topic.

Counted over the whole filtered list, never the page. One statement per facet kind and batch.
Facets of all articles and of one entity's articles read the maintained counts (`ingest.counts`:
per entity, per pair of entities, per entity and topic, per topic). Other lists' article ids
(one parent, a top-level list, or many parents through the source's link) are joined to
`mention` (or `article_topic`), grouped per entity and ranked by count, then name; for many
parents a window function keeps the top `first` per parent.
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


def _partners(code: int, parent: int, entity: str, params: list[Any], first: int) -> tuple[str, list[Any]]:
    """One entity's partners of kind `code` (`_e`, `_n`) with at least the `first`-th largest
    count (ties included, so the name order among them is kept), read most frequent first
    from the pair indexes with the count (migration 0015): a few rows, however many partners
    the entity has. `entity` is its id (a parameter or a scalar subquery, with `params`).

    The pair (kind, id) < (other_kind, other_id) is stored once, so partners of a higher kind
    are on the first side, of a lower kind on the second, of the same kind on both; an entity
    of the facet's kind counts itself with all of its articles."""
    sides: list[tuple[str, str, list[Any]]] = []
    if parent <= code:
        where = f"kind = {parent} AND entity_id = {entity} AND other_kind = {code}"
        sides.append(("other_id", f"entity_pair_count WHERE {where}", params))
    if code <= parent:
        where = f"other_kind = {parent} AND other_id = {entity} AND kind = {code}"
        sides.append(("entity_id", f"entity_pair_count WHERE {where}", params))
    itself = f"entity_count WHERE kind = {code} AND entity_id = {entity}" if code == parent else None
    top: list[str] = []
    top_params: list[Any] = []
    for n, (_id, rows, values) in enumerate(sides):
        top.append(f"SELECT n FROM (SELECT articles AS n FROM {rows} ORDER BY articles DESC LIMIT ?) s{n}")
        top_params += [*values, first]
    if itself is not None:
        top.append(f"SELECT articles AS n FROM {itself}")
        top_params += params
    threshold = f"COALESCE((SELECT n FROM ({' UNION ALL '.join(top)}) s ORDER BY n DESC LIMIT 1 OFFSET ?), 0)"
    top_params.append(first - 1)
    parts: list[str] = []
    out: list[Any] = []
    for column, rows, values in sides:
        parts.append(f"SELECT {column} AS _e, articles AS _n FROM {rows} AND articles >= {threshold}")
        out += [*values, *top_params]
    if itself is not None:
        parts.append(f"SELECT entity_id AS _e, articles AS _n FROM {itself}")
        out += params
    return " UNION ALL ".join(parts), out


def _of_entities(code: int | None, parent: int, ids: Sequence[Any], first: int) -> tuple[str, str, list[Any]]:
    """The counts subquery of the articles of the entities `ids` of kind `parent`: a topic facet
    (`code` None) from `entity_topic_count`, an entity facet from the pair counts (one entity:
    only its top partners, `_partners`)."""
    one = len(ids) == 1
    key = "" if one else "entity_id AS _k, "
    if code is None:
        counts = (
            f"SELECT {key}topic_id AS _e, articles AS _n FROM entity_topic_count "
            f"WHERE kind = {parent} AND entity_id IN {in_list(ids)}"
        )
        return counts, "0" if one else "c._k", list(ids)
    if one:
        counts, params = _partners(code, parent, "?", [ids[0]], first)
        return counts, "0", params
    counts = (
        f"SELECT {key}other_id AS _e, articles AS _n FROM {CO_MENTIONS} WHERE kind = {parent} "
        f"AND entity_id IN {in_list(ids)} AND other_kind = {code}"
    )
    params = list(ids)
    if parent == code:
        counts += (
            f" UNION ALL SELECT {key}entity_id AS _e, articles AS _n FROM entity_count "
            f"WHERE kind = {code} AND entity_id IN {in_list(ids)}"
        )
        params += list(ids)
    return counts, "c._k", params


def _maintained(
    facet: Facet, query: ListQuery, keys: Sequence[Any], first: int
) -> tuple[str, str, list[Any]] | None:
    """The counts subquery (`_e`, `_n`, and `_k` for many parents) from the maintained counts, the
    parent key expression and parameters, when they answer: a facet of an unfiltered list of
    all articles (`entity_count`, `topic_count`) or of one entity's articles, unfiltered or
    filtered by that entity alone (the pair counts and the entity itself with all of its
    articles, `entity_topic_count`). Other filtered lists are counted from their rows."""
    code = _ENTITY_FACETS.get(facet.fk)
    if (code is None and facet.fk != "topic_id") or query.with_ is not None:
        return None
    source = query.source
    if source.belongs is None and len(query.filters) == 1 and query.filters[0][0] in _ENTITY_FILTER_KINDS:
        # `articles(filter: {country:})` and the like: one entity's articles, as `country { articles }`.
        ((sql, values),) = query.filters
        kind = _ENTITY_FILTER_KINDS[sql]
        parent = KIND_CODES[kind]
        entity = f"({ENTITY_IDS[kind]})"
        if code is None:
            counts = (
                f"SELECT topic_id AS _e, articles AS _n FROM entity_topic_count "
                f"WHERE kind = {parent} AND entity_id = {entity}"
            )
            return counts, "0", list(values)
        counts, params = _partners(code, parent, entity, list(values), first)
        return counts, "0", params
    if query.filters:
        return None
    if source.belongs is None:
        if code is None:
            return "SELECT topic_id AS _e, articles AS _n FROM topic_count", "0", []
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
    of = KIND_OF_SOURCE.get(source)
    if of is None:
        return None
    return _of_entities(code, KIND_CODES[of.name], keys, first)


def _statement(facet: Facet, query: ListQuery, keys: Sequence[Any], first: int) -> tuple[str, list[Any]]:
    """Facets of all articles or of one entity's articles read the maintained counts. Otherwise counts are
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
