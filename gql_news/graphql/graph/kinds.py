"""The three kinds of mentioned entity, where each one's rows and articles live, and how often
each entity is mentioned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gql_news.graphql.graph.batch import per_batch
from gql_news.graphql.lists import Source
from gql_news.graphql.sources import ARTICLES_OF_COUNTRY, ARTICLES_OF_ORGANISATION, ARTICLES_OF_PERSON
from gql_news.graphql.sql import fetch, in_list
from gql_news.graphql.tables import COUNTRY, ORGANISATION, PERSON, Table
from gql_news.ingest.counts import KIND_CODES


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of entity: its name (the `EntityKind` value), its `mention` column, its table and
    the source of its articles."""

    name: str
    fk: str
    table: Table
    articles: Source


PERSON_KIND = Kind("person", "person_id", PERSON, ARTICLES_OF_PERSON)
ORGANISATION_KIND = Kind("organisation", "organisation_id", ORGANISATION, ARTICLES_OF_ORGANISATION)
COUNTRY_KIND = Kind("country", "country_id", COUNTRY, ARTICLES_OF_COUNTRY)
KINDS = {kind.name: kind for kind in (PERSON_KIND, ORGANISATION_KIND, COUNTRY_KIND)}
KIND_OF_SOURCE = {kind.articles: kind for kind in KINDS.values()}
"""The kind whose articles a source lists (its maintained counts answer for it)."""

EntityKey = tuple[str, int]
"""An entity as (kind name, primary key)."""


def entity_key(person_id: int | None, organisation_id: int | None, country_id: int | None) -> EntityKey:
    """The entity a `mention` row (or a row of its three entity columns) points at."""
    if person_id is not None:
        return ("person", person_id)
    if organisation_id is not None:
        return ("organisation", organisation_id)
    if country_id is None:
        raise ValueError("a mention names exactly one entity")
    return ("country", country_id)


async def _entity_counts(column: str, keys: Sequence[EntityKey]) -> list[int]:
    """One column of the maintained `entity_count` rows: one statement per kind."""

    async def run(kind: str, ids: list[int]) -> dict[int, int]:
        sql = (
            f"SELECT entity_id AS k, {column} AS n FROM entity_count "
            f"WHERE kind = {KIND_CODES[kind]} AND entity_id IN {in_list(ids)}"
        )
        return {row["k"]: int(row["n"]) for row in await fetch(sql, ids)}

    return await per_batch(keys, lambda k: k, run, int)


async def load_mention_counts(keys: Sequence[EntityKey]) -> list[int]:
    """How many times each entity is linked in article bodies (maintained counts)."""
    return await _entity_counts("mentions", keys)


async def load_article_counts(keys: Sequence[EntityKey]) -> list[int]:
    """How many articles name each entity (maintained counts)."""
    return await _entity_counts("articles", keys)
