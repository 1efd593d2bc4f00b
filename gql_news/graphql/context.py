"""The typed context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from starlette.requests import Request
from strawberry.types import Info as _Info

from gql_news.graphql.loaders import Loaders


@dataclass
class Context:
    """One request: the HTTP request (None when executed directly) and its fresh loaders."""

    request: Request | None = None
    loaders: Loaders = field(default_factory=Loaders)


Info: TypeAlias = _Info[Context, None]
