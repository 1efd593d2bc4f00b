"""`node(id:)` and `nodes(ids:)`: any object by its global id."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from gql_news.graphql.articles.types import Article
from gql_news.graphql.candidates.types import candidate_by_id
from gql_news.graphql.context import Info
from gql_news.graphql.countries.types import Country
from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.ids import MAX_NODES, from_global_id
from gql_news.graphql.node import Node
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.people.types import Person
from gql_news.graphql.pipeline import cost
from gql_news.graphql.topics.types import Topic


async def _resolve(info: Info, type_name: str, pk: int) -> Node | None:
    loaders = info.context.loaders
    if type_name == "Article":
        row = await loaders.article_by_id.load(pk)
        return Article.from_row(row) if row else None
    if type_name == "Person":
        row = await loaders.person_by_id.load(pk)
        return Person.from_row(row) if row else None
    if type_name == "Organisation":
        row = await loaders.organisation_by_id.load(pk)
        return Organisation.from_row(row) if row else None
    if type_name == "Country":
        row = await loaders.country_by_id.load(pk)
        return Country.from_row(row) if row else None
    if type_name == "EntityCandidate":
        return await candidate_by_id(info, pk)
    row = await loaders.topic_by_id.load(pk)
    return Topic.from_row(row) if row else None


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object by its global id; null when it does not exist.")
    async def node(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")]
    ) -> Node | None:
        return await _resolve(info, *from_global_id(id))

    @strawberry.field(
        metadata=cost.by_argument("ids"),
        description=f"Objects by global id, in the order asked (null where missing); at most {MAX_NODES}.",
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global ids.")],
    ) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"At most {MAX_NODES} ids per request, got {len(ids)}.", argument="ids")
        decoded = [from_global_id(i) for i in ids]
        return list(await asyncio.gather(*(_resolve(info, t, pk) for t, pk in decoded)))
