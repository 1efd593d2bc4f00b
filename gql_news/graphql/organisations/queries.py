"""Top-level organisation queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import Filter, ListQuery
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.pagination import Connection
from gql_news.graphql.people.queries import country_filter, name_filter
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import BY_NAME
from gql_news.graphql.sources import ORGANISATIONS
from gql_news.graphql.sql import fetch_one
from gql_news.graphql.tables import ORGANISATION


@strawberry.input(description="Narrows a list of organisations; all given conditions must hold.")
class OrganisationFilter:
    country: str | None = strawberry.field(default=None, description="Country code (alpha-2 or alpha-3).")
    name: str | None = strawberry.field(default=None, description="Case-insensitive substring of the name.")


def organisation_filters(flt: OrganisationFilter | None) -> tuple[Filter, ...]:
    if flt is None:
        return ()
    out: list[Filter] = []
    if flt.country is not None:
        out.append(country_filter(flt.country))
    if flt.name is not None:
        out.append(name_filter(flt.name))
    return tuple(out)


@strawberry.type
class OrganisationQueries:
    @strawberry.field(description="One organisation by slug; null when there is none.")
    async def organisation(
        self, slug: Annotated[str, strawberry.argument(description="The organisation's slug.")]
    ) -> Organisation | None:
        row = await fetch_one(
            f"SELECT {ORGANISATION.columns} FROM {ORGANISATION.from_} WHERE t.slug = ?", [slug]
        )
        return Organisation.from_row(row) if row else None

    @strawberry.field(metadata=cost.by_argument("first"), description="Organisations, by name.")
    async def organisations(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[
            OrganisationFilter | None, strawberry.argument(description="Narrow the list.")
        ] = None,
    ) -> Connection[Organisation]:
        query = ListQuery(ORGANISATIONS, BY_NAME["o"], organisation_filters(filter))
        return await resolve_connection(
            info, query, parent=0, first=first, after=after, convert=Organisation.from_row
        )
