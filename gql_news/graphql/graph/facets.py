"""`facets` on article connections: the topics, countries, people and organisations of the whole
filtered list, each value with the number of the list's articles naming it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.pagination import bounded_first
from gql_news.graphql.pipeline import cost
from gql_news.graphql.sql import Row

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person
    from gql_news.graphql.topics.types import Topic

DEFAULT_FACET_SIZE = 10
MAX_FACET_SIZE = 100

_COUNT = "Articles of the whole filtered list (not only the page) naming it."
FacetFirst = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many values, most frequent first: 0 to {MAX_FACET_SIZE}, default 10."
    ),
]


@strawberry.type(description="A topic and how many articles of the list are filed under it.")
class TopicCount:
    topic: Annotated[Topic, strawberry.lazy("gql_news.graphql.topics.types")] = strawberry.field(
        description="The topic."
    )
    count: int = strawberry.field(description="Articles of the whole filtered list filed under it.")


@strawberry.type(description="A country and how many articles of the list mention it.")
class CountryCount:
    country: Annotated[Country, strawberry.lazy("gql_news.graphql.countries.types")] = strawberry.field(
        description="The country."
    )
    count: int = strawberry.field(description=_COUNT)


@strawberry.type(description="A person and how many articles of the list mention them.")
class PersonCount:
    person: Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")] = strawberry.field(
        description="The person."
    )
    count: int = strawberry.field(description=_COUNT)


@strawberry.type(description="An organisation and how many articles of the list mention it.")
class OrganisationCount:
    organisation: Annotated[Organisation, strawberry.lazy("gql_news.graphql.organisations.types")] = (
        strawberry.field(description="The organisation.")
    )
    count: int = strawberry.field(description=_COUNT)


def _size(first: int | None) -> int:
    return bounded_first(first, DEFAULT_FACET_SIZE, MAX_FACET_SIZE)


@strawberry.type(
    description=(
        "Counts over the whole filtered article list: the values most articles share, by count "
        "(most first), then name."
    )
)
class ArticleFacets:
    _query: strawberry.Private[ListQuery]
    _parent: strawberry.Private[Any]

    async def _rows(self, info: Info, name: str, first: int | None) -> list[Row]:
        size = _size(first)
        if size == 0:
            return []
        return await info.context.loaders.facet.load((name, self._query, self._parent, size))

    @strawberry.field(metadata=cost.by_argument("first"), description="Topics the articles are filed under.")
    async def topics(self, info: Info, first: FacetFirst = DEFAULT_FACET_SIZE) -> list[TopicCount]:
        from gql_news.graphql.topics.types import Topic

        rows = await self._rows(info, "topics", first)
        return [instantiate(TopicCount, {"topic": Topic.from_row(r), "count": int(r["_n"])}) for r in rows]

    @strawberry.field(metadata=cost.by_argument("first"), description="Countries the articles mention.")
    async def countries(self, info: Info, first: FacetFirst = DEFAULT_FACET_SIZE) -> list[CountryCount]:
        from gql_news.graphql.countries.types import Country

        rows = await self._rows(info, "countries", first)
        return [
            instantiate(CountryCount, {"country": Country.from_row(r), "count": int(r["_n"])}) for r in rows
        ]

    @strawberry.field(metadata=cost.by_argument("first"), description="People the articles mention.")
    async def people(self, info: Info, first: FacetFirst = DEFAULT_FACET_SIZE) -> list[PersonCount]:
        from gql_news.graphql.people.types import Person

        rows = await self._rows(info, "people", first)
        return [instantiate(PersonCount, {"person": Person.from_row(r), "count": int(r["_n"])}) for r in rows]

    @strawberry.field(metadata=cost.by_argument("first"), description="Organisations the articles mention.")
    async def organisations(
        self, info: Info, first: FacetFirst = DEFAULT_FACET_SIZE
    ) -> list[OrganisationCount]:
        from gql_news.graphql.organisations.types import Organisation

        rows = await self._rows(info, "organisations", first)
        return [
            instantiate(OrganisationCount, {"organisation": Organisation.from_row(r), "count": int(r["_n"])})
            for r in rows
        ]
