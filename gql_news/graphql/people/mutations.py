"""Person mutations: create, update, delete. Each re-links the articles that name the person."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.auth import IsAuthenticated
from gql_news.graphql.context import Info
from gql_news.graphql.entity_inputs import entity_input
from gql_news.graphql.people.inputs import PersonInput, PersonPatch
from gql_news.graphql.people.types import Person
from gql_news.graphql.writes import node_pk, person_row, writing
from gql_news.ingest.entities import create_entity, delete_entity, update_entity

PersonId = Annotated[strawberry.ID, strawberry.argument(description="The person's global id.")]


@strawberry.type
class PersonMutations:
    @strawberry.mutation(
        description=(
            "Add a person and link them in every article that names them; a name whose slug exists "
            "returns that person unchanged."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def create_person(
        self, info: Info, input: Annotated[PersonInput, strawberry.argument(description="The person.")]
    ) -> Person:
        async with writing(info):
            data = entity_input(
                name=input.name,
                aliases=input.aliases,
                title=input.title,
                country_code=input.country_code,
                organisation_ids=input.organisation_ids,
            )
            result = await create_entity("person", data)
        return Person.from_row(await person_row(result.entity_id))

    @strawberry.mutation(
        description="Change a person (the slug stays) and re-link the articles naming them before or after.",
        permission_classes=[IsAuthenticated],
    )
    async def update_person(
        self,
        info: Info,
        id: PersonId,
        input: Annotated[PersonPatch, strawberry.argument(description="The fields to change.")],
    ) -> Person:
        _, pk = node_pk(id, ("Person",))
        async with writing(info):
            data = entity_input(
                name=input.name,
                aliases=input.aliases,
                title=input.title,
                country_code=input.country_code,
                organisation_ids=input.organisation_ids,
            )
            await update_entity("person", pk, data)
        return Person.from_row(await person_row(pk))

    @strawberry.mutation(
        description="Delete a person and their mentions; the articles that named them are re-linked.",
        permission_classes=[IsAuthenticated],
    )
    async def delete_person(self, info: Info, id: PersonId) -> strawberry.ID:
        _, pk = node_pk(id, ("Person",))
        async with writing(info):
            await delete_entity("person", pk)
        return id
