"""Organisation mutations: create, update, delete. Each re-links the articles that name it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.auth import IsAuthenticated
from gql_news.graphql.context import Info
from gql_news.graphql.entity_inputs import entity_input
from gql_news.graphql.organisations.inputs import OrganisationInput, OrganisationPatch
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.writes import node_pk, organisation_row, writing
from gql_news.ingest.entities import create_entity, delete_entity, update_entity

OrganisationId = Annotated[strawberry.ID, strawberry.argument(description="The organisation's global id.")]


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation(
        description=(
            "Add an organisation and link it in every article that names it; a name whose slug "
            "exists returns that organisation unchanged."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def create_organisation(
        self,
        info: Info,
        input: Annotated[OrganisationInput, strawberry.argument(description="The organisation.")],
    ) -> Organisation:
        async with writing(info):
            data = entity_input(name=input.name, aliases=input.aliases, country_code=input.country_code)
            result = await create_entity("organisation", data)
        return Organisation.from_row(await organisation_row(result.entity_id))

    @strawberry.mutation(
        description="Change an organisation (the slug stays) and re-link the articles naming it before or after.",
        permission_classes=[IsAuthenticated],
    )
    async def update_organisation(
        self,
        info: Info,
        id: OrganisationId,
        input: Annotated[OrganisationPatch, strawberry.argument(description="The fields to change.")],
    ) -> Organisation:
        _, pk = node_pk(id, ("Organisation",))
        async with writing(info):
            data = entity_input(name=input.name, aliases=input.aliases, country_code=input.country_code)
            await update_entity("organisation", pk, data)
        return Organisation.from_row(await organisation_row(pk))

    @strawberry.mutation(
        description="Delete an organisation and its mentions; the articles that named it are re-linked.",
        permission_classes=[IsAuthenticated],
    )
    async def delete_organisation(self, info: Info, id: OrganisationId) -> strawberry.ID:
        _, pk = node_pk(id, ("Organisation",))
        async with writing(info):
            await delete_entity("organisation", pk)
        return id
