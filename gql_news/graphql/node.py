"""The Node interface and the `node`/`nodes` lookups by global id."""

from __future__ import annotations

import strawberry

from gql_news.graphql.ids import to_global_id


@strawberry.interface(description="An object with a global id (Relay). `node(id:)` fetches any of them.")
class Node:
    _pk: strawberry.Private[int]

    @strawberry.field(description="Opaque global id, stable across requests.")
    def id(self) -> strawberry.ID:
        """Built from the type's name and primary key, only when a query asks for it."""
        return strawberry.ID(to_global_id(type(self).__name__, self._pk))
