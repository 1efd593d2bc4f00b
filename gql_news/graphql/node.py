"""The Node interface and the `node`/`nodes` lookups by global id."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An object with a global id (Relay). `node(id:)` fetches any of them.")
class Node:
    @strawberry.field(description="Opaque global id, stable across requests.")
    def id(self) -> strawberry.ID:
        """Each node type computes its id from its primary key, only when a query asks for it."""
        raise NotImplementedError
