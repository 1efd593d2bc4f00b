"""Errors a caller of the write functions can cause: bad input (naming the field) or a missing row.

The GraphQL layer turns them into BAD_USER_INPUT and NOT_FOUND; the CLI prints them.
"""

from __future__ import annotations


class InputError(ValueError):
    """The input is invalid; `field` names the input field at fault (as the API spells it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class MissingError(LookupError):
    """The row an operation targets does not exist; `field` names the argument that named it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
