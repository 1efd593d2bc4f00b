"""What a field costs, declared on the field itself, and the estimate of an operation's cost.

The estimate counts the objects an operation resolves: every field with a selection set
counts once per object of its parent, and a list or connection multiplies what lies below it
by how many items it returns. How many is declared where the field is defined, in its
strawberry metadata (`metadata=cost.by_argument("first", default=20)`), so the estimate cannot
drift from the schema: `tests/graphql/test_cost_declarations.py` fails when a list or
connection field of the SDL declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLField,
    IntValueNode,
    ListValueNode,
    VariableNode,
    value_from_ast_untyped,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter

COST_KEY = "gql_news.cost"
GRAPHQL_INT_MAX = 2**31 - 1

Count = Callable[[Mapping[str, Any]], int | None]


@dataclass(frozen=True, slots=True)
class Cost:
    """How many items a list or connection field returns per parent object.

    - `argument`: the argument that bounds it (`first`); `size` when it is absent or not a
      number. The value asked for counts, even past the field's maximum (a larger value fails
      later; the cost must not hide it).
    - `count`: computed from the raw argument values (a timeline's range); `size` when it
      answers None.
    - neither: `size` items, a fixed bound or, for lists bounded by the data (an article's
      people), the expected size.
    - `page`: the page of the connection it belongs to (`edges`), counted on the connection.
    """

    size: int = 1
    argument: str | None = None
    count: Count | None = None
    page: bool = False

    def metadata(self) -> dict[str, Any]:
        return {COST_KEY: self}


def by_argument(name: str, fallback: int = 20) -> dict[str, Any]:
    """A list or connection of at most `name` items: its value, or its length for a list; without
    it, the argument's default in the schema (`fallback` when it has none)."""
    return Cost(size=fallback, argument=name).metadata()


def fixed(size: int) -> dict[str, Any]:
    """A list of at most `size` items, or, bounded by the data, about that many."""
    return Cost(size=size).metadata()


def computed(count: Count, at_most: int) -> dict[str, Any]:
    """A list whose length follows from its arguments (`count`), at most `at_most`."""
    return Cost(size=at_most, count=count).metadata()


def page() -> dict[str, Any]:
    """`edges` of a connection: as many as the connection's own cost says."""
    return Cost(page=True).metadata()


def declared(field: GraphQLField) -> Cost | None:
    """The cost declared on a field of the executable schema, if any."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    metadata = getattr(definition, "metadata", None) or {}
    cost = metadata.get(COST_KEY)
    return cost if isinstance(cost, Cost) else None


def depends_on_variables(cost: Cost | None, node: FieldNode) -> bool:
    """Whether the factor of this field can change with the request's variables."""
    if cost is None or cost.page or (cost.argument is None and cost.count is None):
        return False
    return any(_has_variable(argument.value) for argument in node.arguments or ())


def _has_variable(value: Any) -> bool:
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, VariableNode):
            return True
        stack.extend(getattr(current, "values", ()) or ())
        stack.extend(field.value for field in getattr(current, "fields", ()) or ())
    return False


def default_size(cost: Cost | None, field: GraphQLField | None) -> int:
    """The count when the bounding argument is absent: its default in the schema, else `size`."""
    if cost is None:
        return 1
    if cost.argument is not None and field is not None:
        argument = field.args.get(cost.argument)
        value = argument.default_value if argument is not None else None
        if isinstance(value, int) and not isinstance(value, bool):
            return _int_range(value)
    return cost.size


def factor(cost: Cost | None, node: FieldNode, variables: Mapping[str, Any], default: int) -> int:
    """How many items the field returns per parent object, for these variables."""
    if cost is None or cost.page:
        return 1
    if cost.argument is not None:
        return _int_argument(node, cost.argument, variables, default)
    if cost.count is not None:
        try:
            given = dict(variables)
            args = {a.name.value: value_from_ast_untyped(a.value, given) for a in node.arguments or ()}
            counted = cost.count(args)
        except Exception:  # noqa: BLE001 - an unreadable argument counts as the bound; validation reports it
            counted = None
        return cost.size if counted is None else max(0, min(counted, cost.size))
    return cost.size


def _int_argument(node: FieldNode, name: str, variables: Mapping[str, Any], default: int) -> int:
    for argument in node.arguments or ():
        if argument.name.value != name:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return _int_range(int(value.value))
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            if isinstance(given, int) and not isinstance(given, bool):
                return _int_range(given)
            if isinstance(given, list):
                return len(given)
            return default
        if isinstance(value, ListValueNode):
            return len(value.values)
        return default
    return default


def _int_range(value: int) -> int:
    """`first` as GraphQL's Int can hold it (a larger value fails validation later; the cost,
    computed first, must stay a number every JSON parser reads)."""
    return min(max(0, value), GRAPHQL_INT_MAX)
