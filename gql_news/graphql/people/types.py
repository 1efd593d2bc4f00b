"""The Person type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, FilterArg, First, articles_of
from gql_news.graphql.ids import to_global_id
from gql_news.graphql.node import Node
from gql_news.graphql.sources import ARTICLES_OF_PERSON
from gql_news.graphql.sql import Row, json_list
from gql_news.graphql.tables import embedded_country

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.organisations.types import Organisation


@strawberry.type(description="A person named in articles.")
class Person(Node):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Full name as a newsroom writes it.")
    aliases: list[str] = strawberry.field(description="Other names the person is linked by.")
    title: str | None = strawberry.field(
        description='Role as a newsroom writes it: "Deputy Foreign Minister".'
    )
    _pk: strawberry.Private[int]
    _country: strawberry.Private[Row | None]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(
            id=strawberry.ID(to_global_id("Person", row["id"])),
            _pk=row["id"],
            _country=embedded_country(row),
            slug=row["slug"],
            name=row["name"],
            aliases=json_list(row["aliases"]),
            title=row["title"],
        )

    @strawberry.field(description="The country the person belongs to.")
    def country(
        self,
    ) -> Annotated[Country, strawberry.lazy("gql_news.graphql.countries.types")] | None:
        from gql_news.graphql.countries.types import Country

        return Country.from_row(self._country) if self._country else None

    @strawberry.field(description="Organisations the person belongs to.")
    async def organisations(
        self, info: Info
    ) -> list[Annotated[Organisation, strawberry.lazy("gql_news.graphql.organisations.types")]]:
        from gql_news.graphql.organisations.types import Organisation

        rows = await info.context.loaders.organisations_by_person.load(self._pk)
        return [Organisation.from_row(r) for r in rows]

    @strawberry.field(description="Articles that mention the person, newest first.")
    async def articles(
        self, info: Info, first: First = 20, after: After = None, filter: FilterArg = None
    ) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_PERSON, self._pk, first, after, filter)
