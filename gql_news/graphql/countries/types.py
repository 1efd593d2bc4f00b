"""The Country type: the ISO 3166-1 set."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, FilterArg, First, articles_of
from gql_news.graphql.graph.mentioned import Mentioned
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.node import Node
from gql_news.graphql.pagination import Connection
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import BY_NAME
from gql_news.graphql.sources import ARTICLES_OF_COUNTRY, ORGANISATIONS_OF_COUNTRY, PEOPLE_OF_COUNTRY
from gql_news.graphql.sql import Row, json_list

if TYPE_CHECKING:
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person

_PEOPLE_OF_COUNTRY = ListQuery(PEOPLE_OF_COUNTRY, BY_NAME["p"])
_ORGANISATIONS_OF_COUNTRY = ListQuery(ORGANISATIONS_OF_COUNTRY, BY_NAME["o"])


@strawberry.type(description="An ISO 3166-1 country.")
class Country(Node, Mentioned):
    code: str = strawberry.field(description='ISO 3166-1 alpha-2 code, upper case: "BY", "KR".')
    alpha3: str = strawberry.field(description='ISO 3166-1 alpha-3 code, upper case: "BLR", "KOR".')
    slug: str = strawberry.field(description="Lower-case, hyphenated form of the name.")
    name: str = strawberry.field(description='Common short name: "South Korea", not "Korea, Republic of".')
    official_name: str | None = strawberry.field(description="Official name, where ISO gives one.")
    _row: strawberry.Private[Row]

    @strawberry.field(description='Other names the country is linked by: "Korea".')
    def aliases(self) -> list[str]:
        return json_list(self._row["aliases"])

    @strawberry.field(description='Adjectives and demonyms linked to it: "Korean".')
    def demonyms(self) -> list[str]:
        return json_list(self._row["demonyms"])

    _pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls,
            {
                "_pk": row["id"],
                "_row": row,
                "code": row["code"],
                "alpha3": row["alpha3"],
                "slug": row["slug"],
                "name": row["name"],
                "official_name": row["official_name"],
            },
        )

    @strawberry.field(
        metadata=cost.by_argument("first"), description="People who belong to the country, by name."
    )
    async def people(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")]]:
        from gql_news.graphql.people.types import Person

        return await resolve_connection(
            info, _PEOPLE_OF_COUNTRY, parent=self._pk, first=first, after=after, convert=Person.from_row
        )

    @strawberry.field(
        metadata=cost.by_argument("first"), description="Organisations based in the country, by name."
    )
    async def organisations(
        self, info: Info, first: First = 20, after: After = None
    ) -> Connection[Annotated[Organisation, strawberry.lazy("gql_news.graphql.organisations.types")]]:
        from gql_news.graphql.organisations.types import Organisation

        return await resolve_connection(
            info,
            _ORGANISATIONS_OF_COUNTRY,
            parent=self._pk,
            first=first,
            after=after,
            convert=Organisation.from_row,
        )

    @strawberry.field(
        metadata=cost.by_argument("first"), description="Articles that mention the country, newest first."
    )
    async def articles(
        self, info: Info, first: First = 20, after: After = None, filter: FilterArg = None
    ) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_COUNTRY, self._pk, first, after, filter)
