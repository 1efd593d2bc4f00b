"""The Person type."""

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
from gql_news.graphql.quotes.types import Quote, QuoteConnection, quote_list_of_person, quotes_of_person
from gql_news.graphql.related import related_list
from gql_news.graphql.sources import ARTICLES_OF_PERSON
from gql_news.graphql.sql import Row, json_list
from gql_news.graphql.tables import embedded_country

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.organisations.types import Organisation


@strawberry.type(description="A person named in articles.")
class Person(Node, Mentioned):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Full name as a newsroom writes it.")
    title: str | None = strawberry.field(
        description='Role as a newsroom writes it: "Deputy Foreign Minister".'
    )
    _row: strawberry.Private[Row]
    _pre: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @strawberry.field(description="Other names the person is linked by.")
    def aliases(self) -> list[str]:
        return json_list(self._row["aliases"])

    _pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls,
            {
                "_pk": row["id"],
                "_row": row,
                "_pre": {},
                "slug": row["slug"],
                "name": row["name"],
                "title": row["title"],
            },
        )

    @strawberry.field(description="The country the person belongs to.")
    def country(
        self,
    ) -> Annotated[Country, strawberry.lazy("gql_news.graphql.countries.types")] | None:
        from gql_news.graphql.countries.types import Country

        country = embedded_country(self._row)
        return Country.from_row(country) if country else None

    @strawberry.field(metadata=cost.fixed(5), description="Organisations the person belongs to.")
    def organisations(
        self, info: Info
    ) -> list[Annotated[Organisation, strawberry.lazy("gql_news.graphql.organisations.types")]]:
        from gql_news.graphql.organisations.types import Organisation

        load = info.context.loaders.organisations_by_person.load
        return related_list(self._pre, "organisations", lambda: load(self._pk), Organisation.from_row)

    @strawberry.field(
        metadata=cost.by_argument("first"), description="Articles that mention the person, newest first."
    )
    async def articles(
        self, info: Info, first: First = 20, after: After = None, filter: FilterArg = None
    ) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_PERSON, self._pk, first, after, filter)

    @strawberry.field(
        metadata=cost.by_argument("first"),
        description=(
            "Quotations attributed to the person, newest article first, in text order within one "
            "(at most `first`; quotesConnection pages through all of them)."
        ),
    )
    async def quotes(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="How many: 0 to 100.")] = 100,
    ) -> list[Quote]:
        return await quote_list_of_person(info, self._pk, first)

    @strawberry.field(
        metadata=cost.by_argument("first"),
        description="The person's quotations as a paged connection, in the order of `quotes`.",
    )
    async def quotes_connection(self, info: Info, first: First = 20, after: After = None) -> QuoteConnection:
        return await quotes_of_person(info, self._pk, first, after)


async def person_or_none(info: Info, pk: int | None) -> Person | None:
    """The person with this id through the batch loader; None for no id (a nullable link)."""
    row = await info.context.loaders.person_by_id.load(pk) if pk is not None else None
    return Person.from_row(row) if row else None
