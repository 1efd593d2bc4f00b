"""The Quote type, and the lists of quotes of articles and of people."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.lists import ListQuery, Ordering, Source
from gql_news.graphql.pagination import MAX_PAGE_SIZE, Connection, page_args
from gql_news.graphql.rows import date_params
from gql_news.graphql.selection import Fields, Fragments, selected
from gql_news.graphql.sql import Row, as_datetime
from gql_news.graphql.tables import Table

if TYPE_CHECKING:
    from gql_news.graphql.articles.types import Article
    from gql_news.graphql.candidates.types import EntityCandidate
    from gql_news.graphql.people.types import Person

QUOTE = Table(
    "quote",
    't.id, t.article_id, t.person_id, t.text, t.start, t."end", t.speaker_candidate, a.published_at',
    "JOIN article a ON a.id = t.article_id",
)
_QUOTES_OF_PERSON = Source(
    QUOTE,
    belongs="t.person_id = {key}",
    link="SELECT person_id AS k, id FROM quote WHERE person_id IN {keys}",
)


def _key(row: Row) -> tuple[Any, ...]:
    return (as_datetime(row["published_at"]).isoformat(), row["article_id"], -row["start"])


def _params(key: tuple[Any, ...]) -> tuple[Any, ...]:
    offset = key[2]
    if not isinstance(offset, int) or isinstance(offset, bool) or not -(2**31) < offset <= 0:
        raise BadUserInput("Invalid cursor for this list.", argument="after")
    return (*date_params(key), offset)  # (published_at, article id): the article list's key


# Newest article first, and in text order within an article (hence the negated offset).
QUOTES_OF_PERSON = ListQuery(
    _QUOTES_OF_PERSON,
    Ordering(
        tag="q-",
        columns=("a.published_at", "t.article_id", "-t.start"),
        descending=True,
        to_key=_key,
        to_params=_params,
    ),
)


@strawberry.type(
    description=(
        "A direct quotation in an article body. The text is the quoted words without the quote "
        "marks (and without the comma before an attribution): Article.body[start:end] == text."
    )
)
class Quote:
    text: str = strawberry.field(
        description="The quoted words as written; a quote over several paragraphs keeps the break."
    )
    start: int = strawberry.field(
        description="Character offset where the quoted words start in Article.body."
    )
    end: int = strawberry.field(
        description="Character offset just past the quoted words: body[start:end] == text."
    )
    _row: strawberry.Private[Row]
    _pre: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls, {"text": row["text"], "start": row["start"], "end": row["end"], "_row": row, "_pre": {}}
        )

    @strawberry.field(
        description=(
            "Who said it: the person named in the attribution (a pronoun resolved to them); "
            "null when the text attributes it to no known person."
        )
    )
    async def speaker(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("gql_news.graphql.people.types")] | None:
        from gql_news.graphql.people.types import person_or_none

        if "speaker" in self._pre:
            speaker: Person | None = self._pre["speaker"]
            return speaker
        return await person_or_none(info, self._row["person_id"])

    @strawberry.field(
        description=(
            "When the attribution names a person the catalogue does not know yet, the entity "
            "candidate for that person (speaker is then null); confirming the candidate makes "
            "them the speaker. Null otherwise."
        )
    )
    async def speaker_candidate(
        self, info: Info
    ) -> Annotated[EntityCandidate, strawberry.lazy("gql_news.graphql.candidates.types")] | None:
        from gql_news.graphql.candidates.types import EntityCandidate

        name = self._row["speaker_candidate"]
        if not name:
            return None
        rows = await info.context.loaders.candidates_by_article.load(self._row["article_id"])
        row = next((r for r in rows if r["text"] == name), None)  # the first in the body
        return EntityCandidate.from_row(row) if row else None

    @strawberry.field(description="The article the quotation appears in.")
    async def article(
        self, info: Info
    ) -> Annotated[Article, strawberry.lazy("gql_news.graphql.articles.types")]:
        from gql_news.graphql.articles.types import article_of

        return await article_of(info, self._row["article_id"])


async def prefetch_quotes(info: Info, quotes: Sequence[Quote], fields: Fields, _fragments: Fragments) -> None:
    """Load the speakers (one batched statement) and articles of quotes a query selects them on."""
    from gql_news.graphql.people.types import Person

    loaders = info.context.loaders

    async def speakers() -> None:
        wanted = [q for q in quotes if q._row["person_id"] is not None]
        rows = await loaders.person_by_id.load_many([q._row["person_id"] for q in wanted])
        for quote in quotes:
            quote._pre["speaker"] = None
        for quote, row in zip(wanted, rows, strict=True):
            quote._pre["speaker"] = Person.from_row(row) if row else None

    async def articles() -> None:  # fills the loader's cache, which the article field then reads
        await loaders.article_by_id.load_many([q._row["article_id"] for q in quotes])

    jobs = [job() for name, job in (("speaker", speakers), ("article", articles)) if name in fields]
    if jobs:
        await asyncio.gather(*jobs)


QuoteConnection = Connection[Quote]


async def quote_list_of_person(info: Info, person: int, first: int | None) -> list[Quote]:
    """A person's first `first` quotations (default and most: 100), newest article first, as a
    plain list; the same batched statement as the connection."""
    args = page_args(MAX_PAGE_SIZE if first is None else first, None, QUOTES_OF_PERSON.ordering.tag, 3)
    rows = await info.context.loaders.page.load((QUOTES_OF_PERSON, args, person))
    quotes = [Quote.from_row(row) for row in rows[: args.first]]
    if quotes:
        fields, fragments = selected(info)
        await prefetch_quotes(info, quotes, fields, fragments)
    return quotes


async def quotes_of_person(info: Info, person: int, first: int | None, after: str | None) -> QuoteConnection:
    """A person's quotations, newest article first; one statement for every person on the page."""
    return await resolve_connection(
        info,
        QUOTES_OF_PERSON,
        parent=person,
        first=first,
        after=after,
        convert=Quote.from_row,
        prefetch=prefetch_quotes,
    )
