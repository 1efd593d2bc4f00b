"""Per-request batch loaders: every relation field resolves through one of these.

Each loader turns the keys gathered in one tick of the event loop into one SQL statement and
returns results in key order (None or [] for misses), so nesting depth, not list length,
decides how many statements a query costs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from strawberry.dataloader import DataLoader

from gql_news.graphql.graph.buckets import TimelineKey, load_timelines
from gql_news.graphql.graph.facet_sql import FacetKey, load_facets
from gql_news.graphql.graph.kinds import KIND_OF_SOURCE, EntityKey, load_article_counts, load_mention_counts
from gql_news.graphql.graph.pair_sql import CoMentionKey, load_co_mentions, load_entity_keys
from gql_news.graphql.graph.related_sql import RelatedKey, load_related
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.pagination import PageArgs
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.graphql.tables import ARTICLE, CANDIDATE, COUNTRY, ORGANISATION, PERSON, TOPIC, Table

PageKey = tuple[ListQuery, PageArgs, Any]
CountKey = tuple[ListQuery, Any]


def _by_id(table: Table) -> Callable[[Sequence[int]], Any]:
    async def load(ids: Sequence[int]) -> list[Row | None]:
        rows = await fetch(f"SELECT {table.columns} FROM {table.from_} WHERE t.id IN {in_list(ids)}", ids)
        found = {row["id"]: row for row in rows}
        return [found.get(i) for i in ids]

    return load


def _grouped(sql: str) -> Callable[[Sequence[int]], Any]:
    """A loader of row lists per parent id; `sql` selects `_k` and has `{keys}` for the IN list."""

    async def load(keys: Sequence[int]) -> list[list[Row]]:
        rows = await fetch(sql.format(keys=in_list(keys)), keys)
        grouped: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[row["_k"]].append(row)
        return [grouped.get(k, []) for k in keys]

    return load


def _entities_by_article(table: Table, fk: str) -> Callable[[Sequence[int]], Any]:
    """Distinct entities of each article in order of first mention in the body."""
    return _grouped(
        f"SELECT m.article_id AS _k, MIN(m.start) AS _first, {table.columns} "
        f"FROM mention m JOIN {table.name} t ON t.id = m.{fk} {table.joins} "
        "WHERE m.article_id IN {keys} "
        f"GROUP BY m.article_id, {table.group} ORDER BY m.article_id, _first"
    )


async def _load_pages(keys: Sequence[PageKey]) -> list[list[Row]]:
    by_request: dict[tuple[ListQuery, PageArgs], list[Any]] = defaultdict(list)
    for query, args, parent in keys:
        by_request[(query, args)].append(parent)
    results: dict[PageKey, list[Row]] = {}
    for (query, args), parents in by_request.items():
        pages = await query.page(parents, args)
        for parent in parents:
            results[(query, args, parent)] = pages.get(parent, [])
    return [results[key] for key in keys]


async def _load_counts(keys: Sequence[CountKey]) -> list[int]:
    by_query: dict[ListQuery, list[Any]] = defaultdict(list)
    for query, parent in keys:
        by_query[query].append(parent)
    results: dict[CountKey, int] = {}
    for query, parents in by_query.items():
        kind = KIND_OF_SOURCE.get(query.source)
        if kind is not None and not query.filters and query.with_ is None:
            # An entity's whole list of articles: its maintained count.
            counted = await load_article_counts([(kind.name, parent) for parent in parents])
            results.update(((query, parent), n) for parent, n in zip(parents, counted, strict=True))
            continue
        for parent, count in (await query.counts(parents)).items():
            results[(query, parent)] = count
    return [results[key] for key in keys]


K = TypeVar("K")
V = TypeVar("V")


class _Lazy(Generic[K, V]):
    """A loader made on first use: a request builds only the loaders its query needs."""

    def __init__(self, fn: Callable[[Sequence[K]], Awaitable[Sequence[V]]]) -> None:
        self.fn = fn
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> DataLoader[K, V]:
        loader: DataLoader[K, V] = DataLoader(load_fn=self.fn)
        obj.__dict__[self.name] = loader  # later reads find the instance attribute first
        return loader


class Loaders:
    """The loaders of one request; a new set per request keeps caches from leaking across users."""

    article_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(ARTICLE))
    person_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(PERSON))
    organisation_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(ORGANISATION))
    country_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(COUNTRY))
    topic_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(TOPIC))
    article_text_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(Table("article", "t.id, t.body, t.standfirst")))
    people_by_article: _Lazy[int, list[Row]] = _Lazy(_entities_by_article(PERSON, "person_id"))
    organisations_by_article: _Lazy[int, list[Row]] = _Lazy(
        _entities_by_article(ORGANISATION, "organisation_id")
    )
    countries_by_article: _Lazy[int, list[Row]] = _Lazy(_entities_by_article(COUNTRY, "country_id"))
    topics_by_article: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            f"SELECT at.article_id AS _k, {TOPIC.columns} FROM article_topic at "
            "JOIN topic t ON t.id = at.topic_id WHERE at.article_id IN {keys} "
            "ORDER BY at.article_id, at.position, t.name"
        )
    )
    mentions_by_article: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            'SELECT t.article_id AS _k, t.person_id, t.organisation_id, t.country_id, t.text, t.start, t."end" '
            "FROM mention t WHERE t.article_id IN {keys} ORDER BY t.article_id, t.start"
        )
    )
    quotes_by_article: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            'SELECT t.article_id AS _k, t.id, t.article_id, t.person_id, t.text, t.start, t."end", '
            "t.speaker_candidate FROM quote t WHERE t.article_id IN {keys} ORDER BY t.article_id, t.start"
        )
    )
    organisations_by_person: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            f"SELECT po.person_id AS _k, {ORGANISATION.columns} FROM person_organisation po "
            f"JOIN organisation t ON t.id = po.organisation_id {ORGANISATION.joins} "
            "WHERE po.person_id IN {keys} "
            "ORDER BY po.person_id, t.name, t.id"
        )
    )
    people_by_organisation: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            f"SELECT po.organisation_id AS _k, {PERSON.columns} FROM person_organisation po "
            f"JOIN person t ON t.id = po.person_id {PERSON.joins} "
            "WHERE po.organisation_id IN {keys} "
            "ORDER BY po.organisation_id, t.name, t.id"
        )
    )
    candidate_by_id: _Lazy[int, Row | None] = _Lazy(_by_id(CANDIDATE))
    candidates_by_article: _Lazy[int, list[Row]] = _Lazy(
        _grouped(
            f"SELECT t.article_id AS _k, {CANDIDATE.columns} FROM entity_candidate t "
            "WHERE t.article_id IN {keys} ORDER BY t.article_id, t.start"
        )
    )
    page: _Lazy[PageKey, list[Row]] = _Lazy(_load_pages)
    count: _Lazy[CountKey, int] = _Lazy(_load_counts)
    facet: _Lazy[FacetKey, list[Row]] = _Lazy(load_facets)
    mention_count: _Lazy[EntityKey, int] = _Lazy(load_mention_counts)
    article_count: _Lazy[EntityKey, int] = _Lazy(load_article_counts)
    co_mentioned: _Lazy[CoMentionKey, list[Row]] = _Lazy(load_co_mentions)
    related: _Lazy[RelatedKey, list[Row]] = _Lazy(load_related)
    entity_keys_by_article: _Lazy[int, list[EntityKey]] = _Lazy(load_entity_keys)
    timeline: _Lazy[TimelineKey, dict[datetime, int]] = _Lazy(load_timelines)
