"""The typed context every resolver receives."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from starlette.requests import Request
from strawberry.types import Info as _Info

from gql_news.graphql.loaders import Loaders
from gql_news.tokens import Principal, authenticate, bearer_token


@dataclass
class Context:
    """One request: the HTTP request (None when executed directly), its fresh loaders, and who
    it acts as (read from the `Authorization` header on first use, once per request).

    Over the WebSocket there is no request: the token comes from the `connection_init`
    payload (`{"authorization": "Bearer …"}`), which strawberry stores in `connection_params`.
    One context lives as long as its socket, so its token is checked again when it is used.
    """

    request: Request | None = None
    request_id: str = ""  # what the request is logged and answered under
    loaders: Loaders = field(default_factory=Loaders)
    connection_params: dict[str, Any] = field(default_factory=dict)
    plan_queries: bool = False  # an HTTP request: a planned query may be answered by one statement
    token_required: bool = False  # a WebSocket of a server that serves subscriptions to token holders only
    _principal: Principal | None = field(default=None, repr=False)
    _checked_at: float | None = field(default=None, repr=False)

    async def principal(self, max_age_s: float | None = None) -> Principal | None:
        """The holder of the request's valid bearer token; None without one. Checked once, or
        again when the last check is older than `max_age_s` (a token may be revoked meanwhile)."""
        now = time.monotonic()
        stale = max_age_s is not None and self._checked_at is not None and now - self._checked_at >= max_age_s
        if self._checked_at is None or stale:
            header = self.authorization
            self._principal = await authenticate(bearer_token(header))
            self._checked_at = now
        return self._principal

    @property
    def authorization(self) -> str | None:
        """The `Authorization` value: the HTTP header, or the WebSocket's connection_init payload."""
        if self.request is not None:
            return self.request.headers.get("authorization")
        value = self.connection_params.get("authorization", self.connection_params.get("Authorization"))
        return value if isinstance(value, str) else None

    def forget_loaded(self) -> None:
        """Drop every loader cache: after a write, rows loaded before it are stale."""
        self.loaders = Loaders()


Info: TypeAlias = _Info[Context, None]
