"""`addAlias`: one more name for a person or organisation, linked in every article using it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.auth import IsAuthenticated
from gql_news.graphql.context import Info
from gql_news.graphql.node import Node
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.people.types import Person
from gql_news.graphql.writes import node_pk, organisation_row, person_row, writing
from gql_news.ingest.entities import add_alias


@strawberry.type
class NodeMutations:
    @strawberry.mutation(
        description=(
            "Add an alias to a person or organisation and re-link the existing articles that use it. "
            "An alias that already names another entity is refused (it would link neither)."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def add_alias(
        self,
        info: Info,
        entity_id: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of a person or organisation.")
        ],
        alias: Annotated[str, strawberry.argument(description="The other name, as articles write it.")],
    ) -> Node:
        type_name, pk = node_pk(entity_id, ("Person", "Organisation"), field="entityId")
        async with writing(info):
            await add_alias("person" if type_name == "Person" else "organisation", pk, alias)
        if type_name == "Person":
            return Person.from_row(await person_row(pk))
        return Organisation.from_row(await organisation_row(pk))
