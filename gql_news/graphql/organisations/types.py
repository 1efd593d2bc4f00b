"""The Organisation type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, FilterArg, First, articles_of
from gql_news.graphql.ids import to_global_id
from gql_news.graphql.node import Node
from gql_news.graphql.sources import ARTICLES_OF_ORGANISATION
from gql_news.graphql.sql import Row, json_list
from gql_news.graphql.tables import embedded_country

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.people.types import Person


@strawberry.type(description="A company, body or institution named in articles.")
class Organisation(Node):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Name as a newsroom writes it.")
    aliases: list[str] = strawberry.field(description="Other names the organisation is linked by.")
    _pk: strawberry.Private[int]
    _country: strawberry.Private[Row | None]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Organisation", row["id"])),
            _pk=row["id"],
            _country=embedded_country(row),
            slug=row["slug"],
            name=row["name"],
            aliases=json_list(row["aliases"]),
        )

    @strawberry.field(description="The country the organisation is based in.")
    def country(
        self,
    ) -> Annotated[Country, strawberry.lazy("gql_news.graphql.countries.types")] | None:
        from gql_news.graphql.countries.types import Country

        return Country.from_row(self._country) if self._country else None

    @strawberry.field(description="People who belong to the organisation.")
    async def people(
        self, info: Info
    ) -> list[Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")]]:
        from gql_news.graphql.people.types import Person

        rows = await info.context.loaders.people_by_organisation.load(self._pk)
        return [Person.from_row(r) for r in rows]

    @strawberry.field(description="Articles that mention the organisation, newest first.")
    async def articles(
        self, info: Info, first: First = 20, after: After = None, filter: FilterArg = None
    ) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_ORGANISATION, self._pk, first, after, filter)
