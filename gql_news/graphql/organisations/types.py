"""The Organisation type."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, FilterArg, First, articles_of
from gql_news.graphql.graph.mentioned import Mentioned
from gql_news.graphql.node import Node
from gql_news.graphql.pipeline import cost
from gql_news.graphql.related import related_list
from gql_news.graphql.sources import ARTICLES_OF_ORGANISATION
from gql_news.graphql.sql import Row, json_list
from gql_news.graphql.tables import embedded_country

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.people.types import Person


@strawberry.type(description="A company, body or institution named in articles.")
class Organisation(Node, Mentioned):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Name as a newsroom writes it.")
    _row: strawberry.Private[Row]
    _pre: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @strawberry.field(description="Other names the organisation is linked by.")
    def aliases(self) -> list[str]:
        return json_list(self._row["aliases"])

    _pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls, {"_pk": row["id"], "_row": row, "_pre": {}, "slug": row["slug"], "name": row["name"]}
        )

    @strawberry.field(description="The country the organisation is based in.")
    def country(
        self,
    ) -> Annotated[Country, strawberry.lazy("gql_news.graphql.countries.types")] | None:
        from gql_news.graphql.countries.types import Country

        country = embedded_country(self._row)
        return Country.from_row(country) if country else None

    @strawberry.field(metadata=cost.fixed(10), description="People who belong to the organisation.")
    def people(self, info: Info) -> list[Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")]]:
        from gql_news.graphql.people.types import Person

        load = info.context.loaders.people_by_organisation.load
        return related_list(self._pre, "people", lambda: load(self._pk), Person.from_row)

    @strawberry.field(
        metadata=cost.by_argument("first"),
        description="Articles that mention the organisation, newest first.",
    )
    async def articles(
        self, info: Info, first: First = 20, after: After = None, filter: FilterArg = None
    ) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_ORGANISATION, self._pk, first, after, filter)
