"""Turning introspection off (setting INTROSPECTION=false): `__schema` and `__type` are refused.

A validation rule rather than a check of field names, so it sees every way of asking: aliases,
fragments, inline fragments, fragments of fragments. `__typename` stays (clients need it to
tell union members apart). The rule is one class, added once per request as the same class,
so strawberry's validation cache, which keys on the rules, keeps hitting.
"""

from __future__ import annotations

from typing import Any

from graphql import FieldNode, GraphQLError, ValidationRule, get_named_type, is_introspection_type
from graphql.language import SKIP

MESSAGE = (
    "Introspection is turned off on this server: `{field}` cannot be queried. "
    "The schema is published as schema/schema.graphql."
)


class NoIntrospection(ValidationRule):
    """Refuses any field that returns an introspection type, once per field (not per sub-field)."""

    def enter_field(self, node: FieldNode, *_args: Any) -> Any:
        named = get_named_type(self.context.get_type())
        if named is not None and is_introspection_type(named):
            self.report_error(
                GraphQLError(
                    MESSAGE.format(field=node.name.value),
                    node,
                    extensions={"code": "FORBIDDEN", "reason": "INTROSPECTION_DISABLED"},
                )
            )
            return SKIP
        return None
