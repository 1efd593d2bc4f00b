"""Top-level country queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.countries.types import Country
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import Filter, ListQuery
from gql_news.graphql.pagination import Connection
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import BY_NAME
from gql_news.graphql.sources import COUNTRIES
from gql_news.graphql.sql import fetch_one, like_pattern
from gql_news.graphql.tables import COUNTRY


@strawberry.input(description="Narrows the country list; all given conditions must hold.")
class CountryFilter:
    mentioned: bool | None = strawberry.field(
        default=None, description="True: only countries some article mentions; false: only the others."
    )
    name: str | None = strawberry.field(
        default=None, description="Case-insensitive substring of the name or official name."
    )


def country_filters(flt: CountryFilter | None) -> tuple[Filter, ...]:
    if flt is None:
        return ()
    out: list[Filter] = []
    if flt.mentioned is not None:
        negation = "" if flt.mentioned else "NOT "
        out.append((f"{negation}EXISTS (SELECT 1 FROM mention x WHERE x.country_id = t.id)", ()))
    if flt.name is not None:
        pattern = like_pattern(flt.name)
        out.append(
            (
                "(LOWER(t.name) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(t.official_name, '')) LIKE ? ESCAPE '\\')",
                (pattern, pattern),
            )
        )
    return tuple(out)


@strawberry.type
class CountryQueries:
    @strawberry.field(
        description="One country by ISO alpha-2 or alpha-3 code, in any case; null when unknown."
    )
    async def country(
        self, code: Annotated[str, strawberry.argument(description='"KR", "kor", "by" …')]
    ) -> Country | None:
        value = code.strip().upper()
        row = await fetch_one(
            f"SELECT {COUNTRY.columns} FROM {COUNTRY.from_} WHERE t.code = ? OR t.alpha3 = ?", [value, value]
        )
        return Country.from_row(row) if row else None

    @strawberry.field(metadata=cost.by_argument("first"), description="Countries, by name.")
    async def countries(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[CountryFilter | None, strawberry.argument(description="Narrow the list.")] = None,
    ) -> Connection[Country]:
        query = ListQuery(COUNTRIES, BY_NAME["c"], country_filters(filter))
        return await resolve_connection(
            info, query, parent=0, first=first, after=after, convert=Country.from_row
        )
