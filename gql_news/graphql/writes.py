"""What every mutation resolver shares: error translation, id checks, reading the result back.

Resolvers stay thin: the write itself is an `ingest` function (the same the CLI uses); here
its InputError/MissingError become BAD_USER_INPUT/NOT_FOUND with the field at fault in
`extensions.field`, and the written row is read back after the transaction committed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from gql_news.graphql.context import Info
from gql_news.graphql.errors import BadUserInput, NotFound
from gql_news.graphql.ids import from_global_id
from gql_news.graphql.sql import Row, fetch_one, release_request_connection
from gql_news.graphql.tables import ARTICLE, ORGANISATION, PERSON, Table
from gql_news.ingest.errors import InputError, MissingError
from gql_news.ingest.parser import ArticleFormatError


@asynccontextmanager
async def writing(info: Info) -> AsyncIterator[None]:
    """Run one write: no pooled connection held meanwhile, loader caches dropped, errors coded."""
    await release_request_connection()
    info.context.forget_loaded()
    try:
        yield
    except InputError as error:
        raise BadUserInput(str(error), field=error.field) from None
    except MissingError as error:
        raise NotFound(str(error), field=error.field) from None
    except ArticleFormatError as error:
        raise BadUserInput(str(error), field="text") from None


def node_pk(global_id: str, types: Sequence[str], field: str = "id") -> tuple[str, int]:
    """The type and key of a global id that must name one of `types`.

    Malformed: BAD_USER_INPUT; well-formed but of another type: NOT_FOUND (no such object).
    """
    try:
        type_name, pk = from_global_id(global_id)
    except BadUserInput:
        raise BadUserInput(f"Malformed id {global_id[:64]!r}.", field=field) from None
    if type_name not in types:
        raise NotFound(f"No {' or '.join(types)} has the id {global_id[:64]!r}.", field=field)
    return type_name, pk


async def _row(table: Table, pk: int, what: str) -> Row:
    row = await fetch_one(f"SELECT {table.columns} FROM {table.from_} WHERE t.id = ?", [pk])
    if row is None:  # deleted by a concurrent write between our commit and this read
        raise NotFound(f"The {what} was deleted meanwhile.", field="id")
    return row


async def article_row(pk: int) -> Row:
    return await _row(ARTICLE, pk, "article")


async def person_row(pk: int) -> Row:
    return await _row(PERSON, pk, "person")


async def organisation_row(pk: int) -> Row:
    return await _row(ORGANISATION, pk, "organisation")
