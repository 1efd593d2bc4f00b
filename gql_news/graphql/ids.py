"""Opaque global ids (Relay): base64 of `TypeName:primary key`."""

from __future__ import annotations

import base64
import binascii

from gql_news.graphql.errors import BadUserInput

MAX_NODES = 100  # ids `nodes(ids:)` takes at once
NODE_TYPES = ("Article", "Person", "Organisation", "Country", "Topic", "EntityCandidate")


def to_global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, int]:
    """The type name and primary key inside a global id; BAD_USER_INPUT when malformed."""
    pk = ""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, pk = base64.urlsafe_b64decode(padded.encode("ascii")).decode().partition(":")
        number = int(pk)
    except (ValueError, binascii.Error, UnicodeError):
        type_name, number = "", -1
    # Primary keys are PostgreSQL integers: an id outside that range was never issued.
    if type_name not in NODE_TYPES or not 0 < number < 2**31 or not pk.isdigit():
        raise BadUserInput(f"Malformed id {global_id[:64]!r}.", argument="id")
    return type_name, number
