"""Write-API tokens: created once, stored only as a hash, checked per request, revoked by name.

A token is `secrets.token_urlsafe(32)` (256 random bits). The database keeps its sha256: a
fast hash is enough for a secret with that much entropy (no dictionary to try), and it lets a
request find its token with one indexed lookup. The token itself is printed once by
`gql-news token create` and never stored, logged or shown again.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from gql_news.ingest.errors import InputError, MissingError
from gql_news.models import ApiToken

NAME_MAX = 100
_TOKEN_MAX = 512  # longer headers are refused before hashing


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What may be shown about a token: never the token, never its hash."""

    name: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts as: the name of the token it presented."""

    token_id: int
    name: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(name: str) -> str:
    """A new token named `name`; returns the token, which exists nowhere else afterwards."""
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise InputError("name", f"A token name needs 1 to {NAME_MAX} characters.")
    token = secrets.token_urlsafe(32)
    try:
        await ApiToken.create(name=name, token_hash=hash_token(token))
    except IntegrityError:
        raise InputError("name", f"A token named {name!r} already exists.") from None
    return token


async def list_tokens() -> list[TokenInfo]:
    rows = await ApiToken.all().order_by("created_at", "id").values_list("name", "created_at", "revoked_at")
    return [TokenInfo(name, created, revoked) for name, created, revoked in rows]


async def revoke_token(name: str) -> bool:
    """Revoke the token called `name`; False when it was already revoked."""
    token = await ApiToken.get_or_none(name=name.strip())
    if token is None:
        raise MissingError("name", f"No token is named {name!r}.")
    if token.revoked_at is not None:
        return False
    await ApiToken.filter(id=token.id, revoked_at=None).update(revoked_at=datetime.now(UTC))
    return True


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header value, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > _TOKEN_MAX:
        return None
    return token


async def authenticate(token: str | None) -> Principal | None:
    """The principal of a valid, unrevoked token; None for anything else."""
    if token is None:
        return None
    row = (
        await ApiToken.filter(token_hash=hash_token(token), revoked_at=None).first().values_list("id", "name")
    )
    if row is None:
        return None
    token_id, name = row
    return Principal(token_id, name)
