"""Errors users can cause, each with the `extensions.code` clients branch on."""

from __future__ import annotations

import sqlite3
from typing import Any

import asyncpg
from graphql import GraphQLError
from tortoise.exceptions import DBConnectionError

# The codes clients may see (the public API's set).
CODES = frozenset(
    {
        "BAD_USER_INPUT",
        "NOT_FOUND",
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "QUERY_TOO_COMPLEX",
        "SERVICE_UNAVAILABLE",
        "INTERNAL_SERVER_ERROR",
    }
)


class GqlNewsError(Exception):
    """A user-facing error: its message and code are shown as they are."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class BadUserInput(GqlNewsError):
    code = "BAD_USER_INPUT"


class NotFound(GqlNewsError):
    code = "NOT_FOUND"


class Unauthenticated(GqlNewsError):
    code = "UNAUTHENTICATED"


class ServiceUnavailable(GqlNewsError):
    code = "SERVICE_UNAVAILABLE"


def error_code(error: GraphQLError) -> str:
    """The code an error is reported with: its own for ours, BAD_USER_INPUT for errors raised before
    execution (syntax, validation, variable coercion: they have no path), INTERNAL_SERVER_ERROR
    for anything else."""
    original = error.original_error
    if isinstance(original, GqlNewsError):
        return original.code
    if error.path is None:
        own = (error.extensions or {}).get("code")  # a validation rule of ours may set it
        return own if own in CODES else "BAD_USER_INPUT"
    if original is not None and database_unavailable(original):
        return "SERVICE_UNAVAILABLE"
    return "INTERNAL_SERVER_ERROR"


def database_unavailable(exc: BaseException) -> bool:
    """A statement cancelled by its timeout, a database that cannot be reached, is shutting down
    or is restarting, or SQLite's write lock held by another process past the busy timeout (any
    link of the exception chain: Tortoise wraps the driver's errors)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current,
            (
                # Class 57: statement cancelled by its timeout, server shutting down, crashed or
                # still starting up.
                asyncpg.OperatorInterventionError,
                # Class 08 and the client's own view: the connection is gone or was never made.
                asyncpg.PostgresConnectionError,
                asyncpg.TooManyConnectionsError,
                asyncpg.InterfaceError,
                # A session the server has just ended (its FATAL message read, the socket not yet
                # seen closed) refuses the next statement with "another operation is in progress".
                asyncpg.InternalClientError,
                DBConnectionError,
                ConnectionError,
                TimeoutError,
            ),
        ):
            return True
        if isinstance(current, sqlite3.OperationalError) and "database is locked" in str(current):
            return True  # another process held SQLite's write lock past the busy timeout
        current = current.__cause__ or current.__context__
    return False


MASKED = {
    "INTERNAL_SERVER_ERROR": "Internal server error (request id {request_id}).",
    "SERVICE_UNAVAILABLE": "The database did not answer in time; try again (request id {request_id}).",
}


def format_error(error: GraphQLError, request_id: str) -> dict[str, Any]:
    """The error as sent to clients: its code in `extensions.code`, internal details masked
    behind a request id (the id is logged beside the traceback)."""
    code = error_code(error)
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.pop("extensions", None) or {})
    original = error.original_error
    if original is not None and hasattr(original, "extensions"):
        extensions.update(original.extensions)
    if code in MASKED:
        formatted = {key: value for key, value in formatted.items() if key in {"locations", "path"}}
        formatted["message"] = MASKED[code].format(request_id=request_id)
        extensions = {"requestId": request_id}
    extensions["code"] = code
    return {"message": formatted.pop("message"), **formatted, "extensions": extensions}
