"""`entityCandidates`: the names waiting for an editor, newest first."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.candidates.types import CandidateKind, CandidateStatus, EntityCandidate
from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import Filter, ListQuery, Ordering, Source
from gql_news.graphql.pagination import Connection
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import row_id
from gql_news.graphql.tables import CANDIDATE

_CANDIDATES = Source(CANDIDATE)
_NEWEST_FIRST = Ordering(
    tag="ec-",
    columns=("t.id",),
    descending=True,
    to_key=lambda row: (row["id"],),
    to_params=lambda key: (row_id(key[0]),),
)


def _filters(status: CandidateStatus, kind: CandidateKind | None) -> tuple[Filter, ...]:
    by_status: Filter = ("t.status = ?", (status.value,))
    return (by_status,) if kind is None else (by_status, ("t.kind = ?", (kind.value,)))


@strawberry.type
class CandidateQueries:
    @strawberry.field(
        metadata=cost.by_argument("first"),
        description="Names articles use that match nothing in the catalogue, newest first (open ones unless asked).",
    )
    async def entity_candidates(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        status: Annotated[
            CandidateStatus, strawberry.argument(description="Only candidates in this state.")
        ] = CandidateStatus.OPEN,
        kind: Annotated[
            CandidateKind | None, strawberry.argument(description="Only candidates of this kind.")
        ] = None,
    ) -> Connection[EntityCandidate]:
        query = ListQuery(_CANDIDATES, _NEWEST_FIRST, _filters(status, kind))
        return await resolve_connection(
            info, query, parent=0, first=first, after=after, convert=EntityCandidate.from_row
        )
