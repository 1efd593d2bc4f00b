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


async def load_mention_counts(keys: Sequence[EntityKey]) -> list[int]:
    """How many times each entity is linked in article bodies: one statement per kind."""

    async def run(kind: str, ids: list[int]) -> dict[int, int]:
        fk = KINDS[kind].fk
        sql = f"SELECT {fk} AS k, COUNT(*) AS n FROM mention WHERE {fk} IN {in_list(ids)} GROUP BY {fk}"
        return {row["k"]: int(row["n"]) for row in await fetch(sql, ids)}

    return await per_batch(keys, lambda k: k, run, int)
