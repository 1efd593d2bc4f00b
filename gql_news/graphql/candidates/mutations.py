"""confirmEntityCandidate / dismissEntityCandidate: an editor's decision on a suggested name."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.auth import IsAuthenticated
from gql_news.graphql.candidates.types import CandidateKind, EntityCandidate, candidate_by_id
from gql_news.graphql.context import Info
from gql_news.graphql.errors import NotFound
from gql_news.graphql.writes import node_pk, writing
from gql_news.ingest.review import confirm_candidate, dismiss_candidate
from gql_news.models import CandidateKind as StoredKind

CandidateId = Annotated[strawberry.ID, strawberry.argument(description="The candidate's global id.")]


async def _read_back(info: Info, pk: int) -> EntityCandidate:
    candidate = await candidate_by_id(info, pk)
    if candidate is None:
        raise NotFound("The candidate was deleted meanwhile (its article was).", field="id")
    return candidate


@strawberry.type
class CandidateMutations:
    @strawberry.mutation(
        description=(
            "Make the candidate a person or organisation (or find the one with that name), and "
            "link it in every article that names it. Every open candidate with the same text is "
            "confirmed with it."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def confirm_entity_candidate(
        self,
        info: Info,
        id: CandidateId,
        kind: Annotated[
            CandidateKind | None,
            strawberry.argument(description="What it is; the candidate's own guess when omitted."),
        ] = None,
        name: Annotated[
            str | None,
            strawberry.argument(description="Full name, when the text is a short form; the text otherwise."),
        ] = None,
        country_code: Annotated[
            str | None, strawberry.argument(description="ISO alpha-2 or alpha-3 code of its country.")
        ] = None,
    ) -> EntityCandidate:
        _, pk = node_pk(id, ("EntityCandidate",))
        async with writing(info):
            await confirm_candidate(
                pk, StoredKind[kind.name] if kind is not None else None, name, country_code
            )
        return await _read_back(info, pk)

    @strawberry.mutation(
        description="Not an entity: dismiss the candidate and every open one with the same text.",
        permission_classes=[IsAuthenticated],
    )
    async def dismiss_entity_candidate(self, info: Info, id: CandidateId) -> EntityCandidate:
        _, pk = node_pk(id, ("EntityCandidate",))
        async with writing(info):
            await dismiss_candidate(pk)
        return await _read_back(info, pk)
