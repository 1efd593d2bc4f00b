"""A graphql-core execution context with a fast path for plain scalar fields.

Most fields of a news query are plain attributes of already-loaded rows (a name, a code, a
title). graphql-core runs each of them through the full field machinery: resolve-info object,
strawberry's resolver wrapper, awaitable checks and value completion, about as much time as
everything else in a list query together. A field that strawberry resolves by reading an
attribute (no resolver, no field extensions, no permissions) and whose type is a scalar or
enum is read and serialised directly here; anything unusual (a null in a non-null field, a
value the scalar cannot serialise) falls back to the normal path, which reports it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from graphql import (
    ExecutionResult,
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)
from graphql.execution.executor import to_nodes
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

_MISSING = object()
SHARED_RESULTS = "_event_results"  # set by the subscription feeds on the articles they deliver
_PlainLeaf = tuple[str, GraphQLLeafType, bool] | None
_PLAIN_ATTR = "_gql_news_plain"  # the field's _plain_leaf answer, kept on the field itself


def _plain_leaf(field: GraphQLField) -> _PlainLeaf:
    """(attribute name, leaf type, nullable) when `field` is a plain attribute of a leaf type."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or definition.base_resolver is not None:
        return None
    if definition.extensions or definition.permission_classes or definition.directives:
        return None
    field_type = field.type
    nullable = not isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
        return None
    return definition.python_name, inner, nullable


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context, with plain scalar attributes read without the machinery,
    and relation fields answered from look-ahead data (`_pre`, see prefetch.py) without calling
    their resolvers."""

    def execute_operation(self, serially: bool | None = None) -> Any:
        """A subscription event whose payload is shared by several feeds of the same operation,
        variables and caller (see `subscriptions.fields`) is executed once for all of them."""
        results = getattr(self.root_value, SHARED_RESULTS, None)
        if not isinstance(results, dict):
            return super().execute_operation(serially)
        key = id(self.operation)
        done = results.get(key)
        if done is None:
            result = super().execute_operation(serially)
            if not self.is_awaitable(result):
                results[key] = result
                return result
            done = results[key] = asyncio.ensure_future(result)
        if isinstance(done, asyncio.Future):
            return _copy_when_done(done)
        return _copy(done)

    def _prefetched(
        self,
        field_def: GraphQLField,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        pre = getattr(source, "_pre", None)
        if not pre:
            return _MISSING
        definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        name = getattr(definition, "python_name", None)
        if name is None or name not in pre:
            return _MISSING
        info = self.build_resolve_info(field_def, to_nodes(field_details_list), parent_type, path)
        try:
            return self.complete_value(
                field_def.type, field_details_list, info, path, pre[name], position_context
            )
        except Exception:  # noqa: BLE001 - the normal path runs the resolver and reports it properly
            return _MISSING

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any = None,
    ) -> Any:
        manager = self.middleware_manager
        if manager is None or not manager.middlewares:
            field_node = field_details_list[0].node
            field_def = parent_type.fields.get(field_node.name.value)
            if field_def is not None:
                # Kept on the field, not in a dict keyed by id(): a schema built later (introspection
                # off, tracing on) may reuse a collected field's address.
                plain = field_def.__dict__.get(_PLAIN_ATTR, _MISSING)
                if plain is _MISSING:
                    plain = _plain_leaf(field_def)
                    setattr(field_def, _PLAIN_ATTR, plain)
                if plain is not None:
                    name, leaf, nullable = plain
                    value = getattr(source, name, None)
                    if value is None:
                        if nullable:
                            return None
                    else:
                        try:
                            serialised = leaf.serialize(value)
                        except Exception:  # noqa: BLE001 - the normal path reports it properly
                            serialised = None
                        if serialised is not None:
                            return serialised
                elif not field_node.arguments:
                    prefetched = self._prefetched(
                        field_def, parent_type, source, field_details_list, path, position_context
                    )
                    if prefetched is not _MISSING:
                        return prefetched
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


def _copy(result: ExecutionResult) -> ExecutionResult:
    """A result of its own for each receiver (each one masks its errors); the data is shared."""
    return ExecutionResult(result.data, list(result.errors) if result.errors else None)


async def _copy_when_done(done: asyncio.Future[ExecutionResult]) -> ExecutionResult:
    return _copy(await asyncio.shield(done))
