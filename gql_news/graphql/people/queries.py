"""Top-level person queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import Filter, ListQuery
from gql_news.graphql.pagination import Connection
from gql_news.graphql.people.types import Person
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import BY_NAME
from gql_news.graphql.sources import PEOPLE
from gql_news.graphql.sql import fetch_one, like_pattern
from gql_news.graphql.tables import PERSON


@strawberry.input(description="Narrows a list of people; all given conditions must hold.")
class PersonFilter:
    country: str | None = strawberry.field(default=None, description="Country code (alpha-2 or alpha-3).")
    organisation: str | None = strawberry.field(default=None, description="Organisation slug.")
    name: str | None = strawberry.field(default=None, description="Case-insensitive substring of the name.")


def country_filter(code: str) -> Filter:
    """Rows of alias `t` whose `country_id` is the country with this alpha-2/alpha-3 code."""
    value = code.upper()
    return ("t.country_id IN (SELECT id FROM country WHERE code = ? OR alpha3 = ?)", (value, value))


def name_filter(name: str) -> Filter:
    return ("LOWER(t.name) LIKE ? ESCAPE '\\'", (like_pattern(name),))


def person_filters(flt: PersonFilter | None) -> tuple[Filter, ...]:
    if flt is None:
        return ()
    out: list[Filter] = []
    if flt.country is not None:
        out.append(country_filter(flt.country))
    if flt.organisation is not None:
        out.append(
            (
                "t.id IN (SELECT po.person_id FROM person_organisation po "
                "JOIN organisation o ON o.id = po.organisation_id WHERE o.slug = ?)",
                (flt.organisation,),
            )
        )
    if flt.name is not None:
        out.append(name_filter(flt.name))
    return tuple(out)


@strawberry.type
class PersonQueries:
    @strawberry.field(description="One person by slug; null when there is none.")
    async def person(
        self, slug: Annotated[str, strawberry.argument(description="The person's slug.")]
    ) -> Person | None:
        row = await fetch_one(f"SELECT {PERSON.columns} FROM {PERSON.from_} WHERE t.slug = ?", [slug])
        return Person.from_row(row) if row else None

    @strawberry.field(metadata=cost.by_argument("first"), description="People, by name.")
    async def people(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[PersonFilter | None, strawberry.argument(description="Narrow the list.")] = None,
    ) -> Connection[Person]:
        query = ListQuery(PEOPLE, BY_NAME["p"], person_filters(filter))
        return await resolve_connection(
            info, query, parent=0, first=first, after=after, convert=Person.from_row
        )
