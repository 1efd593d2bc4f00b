"""Who may write: every mutation carries `IsAuthenticated`; reads are public."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from gql_news.graphql.context import Info
from gql_news.graphql.errors import Unauthenticated


class IsAuthenticated(BasePermission):
    """The request presents a valid, unrevoked `Authorization: Bearer <token>` header.

    The token is looked up once per request (the Context caches the answer), so a document
    with several mutations costs one lookup.
    """

    message = "This operation needs a valid API token: send `Authorization: Bearer <token>`."

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await info.context.principal() is not None

    def on_unauthorized(self) -> None:
        raise Unauthenticated(self.message or "")
