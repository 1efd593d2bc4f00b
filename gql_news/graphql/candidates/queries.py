"""`entityCandidates`: the names waiting for an editor, newest first."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from gql_news.graphql.candidates.loaders import COLUMNS
from gql_news.graphql.candidates.types import CandidateKind, CandidateStatus, EntityCandidate
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.pagination import Connection, build_connection, page_args
from gql_news.graphql.rows import row_id
from gql_news.graphql.sql import fetch

_TAG = "ec-"


def _conditions(status: CandidateStatus, kind: CandidateKind | None) -> tuple[str, list[Any]]:
    clauses, params = ["t.status = ?"], [status.value]
    if kind is not None:
        clauses.append("t.kind = ?")
        params.append(kind.value)
    return " AND ".join(clauses), params


@strawberry.type
class CandidateQueries:
    @strawberry.field(
        description="Names articles use that match nothing in the catalogue, newest first (open ones unless asked)."
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
        args = page_args(first, after, _TAG, 1)
        where, params = _conditions(status, kind)
        if args.after is not None:
            where += " AND t.id < ?"
            params.append(row_id(args.after[0]))
        rows = await fetch(
            f"SELECT {COLUMNS} FROM entity_candidate t WHERE {where} ORDER BY t.id DESC LIMIT ?",
            [*params, args.first + 1],
        )
        page = rows[: args.first]

        async def count() -> int:
            total_where, total_params = _conditions(status, kind)
            found = await fetch(
                f"SELECT COUNT(*) AS n FROM entity_candidate t WHERE {total_where}", total_params
            )
            return int(found[0]["n"])

        return build_connection(
            [EntityCandidate.from_row(row) for row in page],
            [(row["id"],) for row in page],
            tag=_TAG,
            args=args,
            has_next=len(rows) > args.first,
            count=count,
        )
