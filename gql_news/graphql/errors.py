"""Errors users can cause, each with the `extensions.code` clients branch on."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError


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
        return "BAD_USER_INPUT"
    return "INTERNAL_SERVER_ERROR"
