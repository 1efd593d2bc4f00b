"""EntityCandidate: a name an article uses that the catalogue does not know, for an editor to
confirm (it becomes a person or organisation) or dismiss."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from gql_news.graphql.context import Info
from gql_news.graphql.node import Node
from gql_news.graphql.sql import Row, as_datetime

if TYPE_CHECKING:
    from gql_news.graphql.articles.types import Article
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person


@strawberry.enum(description="What the words around a candidate suggest it names.")
class CandidateKind(Enum):
    PERSON = strawberry.enum_value("person", description="A person.")
    ORGANISATION = strawberry.enum_value("organisation", description="An organisation.")


@strawberry.enum(description="Where an editor's decision on a candidate stands.")
class CandidateStatus(Enum):
    OPEN = strawberry.enum_value("open", description="Waiting for an editor.")
    CONFIRMED = strawberry.enum_value("confirmed", description="Made a person or organisation.")
    DISMISSED = strawberry.enum_value("dismissed", description="Not an entity; not suggested again.")


@strawberry.type(
    description="A capitalised name next to a role word or speech verb that links to nothing yet."
)
class EntityCandidate(Node):
    text: str = strawberry.field(description='The name as written in the body: "Kiri Tane".')
    kind: CandidateKind = strawberry.field(description="What the context suggests it is.")
    cue: str = strawberry.field(description='The word that suggested it: "minister", "said".')
    start: int = strawberry.field(description="Character offset of the name in Article.body.")
    end: int = strawberry.field(description="Offset just past the name: body[start:end] == text.")
    status: CandidateStatus = strawberry.field(description="Open, confirmed or dismissed.")
    created_at: datetime = strawberry.field(description="When the candidate was found.")
    decided_at: datetime | None = strawberry.field(description="When an editor decided; null while open.")
    _pk: strawberry.Private[int]
    _row: strawberry.Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return cls(
            _pk=row["id"],
            _row=row,
            text=row["text"],
            kind=CandidateKind(row["kind"]),
            cue=row["cue"],
            start=row["start"],
            end=row["end"],
            status=CandidateStatus(row["status"]),
            created_at=as_datetime(row["created_at"]),
            decided_at=as_datetime(row["decided_at"]) if row["decided_at"] is not None else None,
        )

    @strawberry.field(description="The article the name was found in.")
    async def article(
        self, info: Info
    ) -> Annotated[Article, strawberry.lazy("gql_news.graphql.articles.types")]:
        from gql_news.graphql.articles.types import article_of

        return await article_of(info, self._row["article_id"])

    @strawberry.field(description="The person it was confirmed as; null otherwise.")
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")] | None:
        from gql_news.graphql.people.types import person_or_none

        return await person_or_none(info, self._row["person_id"])

    @strawberry.field(description="The organisation it was confirmed as; null otherwise.")
    async def organisation(
        self, info: Info
    ) -> Annotated[Organisation, strawberry.lazy("gql_news.graphql.organisations.types")] | None:
        from gql_news.graphql.organisations.types import Organisation

        pk = self._row["organisation_id"]
        row = await info.context.loaders.organisation_by_id.load(pk) if pk is not None else None
        return Organisation.from_row(row) if row else None


async def candidate_by_id(info: Info, pk: int) -> EntityCandidate | None:
    row = await info.context.loaders.candidate_by_id.load(pk)
    return EntityCandidate.from_row(row) if row else None
