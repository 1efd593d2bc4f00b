"""Query limits checked before execution: tokens, depth, aliases and an estimated cost.

Each distinct query text is analysed once (the result is cached with the parsed document);
only the cost, which depends on `first` values that may be variables, is recomputed per
request. Fragments are followed with a guard, so a fragment cycle (which validation rejects
anyway) or a fragment reused many times cannot hide work from any of the limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

from gql_news.graphql.pagination import DEFAULT_PAGE_SIZE

GRAPHQL_INT_MAX = 2**31 - 1
JSON_SAFE_INT_MAX = 2**53 - 1
INTROSPECTION_DEPTH = 15
LIST_GUESS = 10  # plain list fields (an article's people) without `first`: items expected per parent
_LIST_FIELDS = frozenset(
    {
        "people",
        "countries",
        "organisations",
        "topics",
        "mentions",
        "nodes",
        "entityCandidates",
        "coMentioned",
        "related",
        "sharedEntities",
        "mentionTimeline",
    }
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The budgets; every one is a setting."""

    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    max_cost: int = 20_000


class TooComplex(Exception):
    """A query over one of the budgets: QUERY_TOO_COMPLEX, with the figure and the limit."""

    def __init__(self, what: str, value: int, limit: int) -> None:
        # Products of `first` can pass 2**64, which JSON encoders refuse (found by fuzzing: a 500);
        # past 2**53 no JSON client reads the figure exactly anyway.
        value = min(value, JSON_SAFE_INT_MAX)
        super().__init__(f"The query's {what} is {value}, over the limit of {limit}.")
        self.extensions = {"code": "QUERY_TOO_COMPLEX", "limit": limit, what.replace(" ", "_"): value}


def _fragments(doc: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}


def _fields(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: frozenset[str],
) -> list[FieldNode]:
    """The fields of a selection set, through inline fragments and (non-cyclic) fragment spreads."""
    out: list[FieldNode] = []
    if selection_set is None:
        return out
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            out.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            out.extend(_fields(selection.selection_set, fragments, seen))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is not None and name not in seen:
                out.extend(_fields(fragment.selection_set, fragments, seen | {name}))
    return out


def _depth_and_aliases(
    selection_set: SelectionSetNode | None, fragments: Mapping[str, FragmentDefinitionNode], limits: Limits
) -> tuple[int, int]:
    """(depth past the limit, or the deepest level; aliases) of one operation.

    Introspection needs ~13 levels (`ofType` nesting in GraphiQL's query): below a `__` field
    the limit is INTROSPECTION_DEPTH instead, never unlimited, so introspection cannot carry
    an unbounded query past the depth limit.
    """
    deepest = 0
    aliases = 0
    stack: list[tuple[SelectionSetNode | None, int, frozenset[str], bool]] = [
        (selection_set, 1, frozenset(), False)
    ]
    while stack:
        current, level, seen, introspection = stack.pop()
        for field in _fields(current, fragments, seen):
            if field.alias is not None:
                aliases += 1
                if aliases > limits.max_aliases:
                    return deepest, aliases
            inside = introspection or field.name.value.startswith("__")
            limit = max(limits.max_depth, INTROSPECTION_DEPTH) if inside else limits.max_depth
            if level > limit:
                return level, aliases
            deepest = max(deepest, min(level, limits.max_depth))
            if field.selection_set is not None:
                stack.append((field.selection_set, level + 1, seen, inside))
    return deepest, aliases


def _first(field: FieldNode, variables: Mapping[str, Any], default: int = DEFAULT_PAGE_SIZE) -> int:
    for argument in field.arguments or ():
        if argument.name.value != "first":
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return _int_range(int(value.value))
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return _int_range(given) if isinstance(given, int) and not isinstance(given, bool) else default
    return default


def _int_range(value: int) -> int:
    """`first` as GraphQL's Int can hold it (a larger value fails validation later; the cost,
    computed first, must stay a number every JSON parser reads)."""
    return min(max(0, value), GRAPHQL_INT_MAX)


def _cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    multiplier: int,
    seen: frozenset[str],
    budget: int,
) -> int:
    """Estimated objects resolved: each list or connection multiplies what lies below it."""
    total = 0
    for field in _fields(selection_set, fragments, seen):
        if field.selection_set is None:
            continue
        below = _fields(field.selection_set, fragments, seen)
        if any(f.name.value == "edges" for f in below):
            factor = _first(field, variables)
        elif field.name.value in _LIST_FIELDS:
            factor = _first(field, variables, LIST_GUESS)  # facet values, co-mentions: capped by `first`
        else:
            factor = 1
        count = multiplier * factor
        total += count + _cost(field.selection_set, fragments, variables, count, seen, budget)
        if total > budget:
            return total
    return total


def check_shape(doc: DocumentNode, limits: Limits) -> None:
    """Depth and alias limits for every operation of a parsed document."""
    fragments = _fragments(doc)
    for definition in doc.definitions:
        if isinstance(definition, OperationDefinitionNode):
            depth, aliases = _depth_and_aliases(definition.selection_set, fragments, limits)
            if depth > limits.max_depth:
                raise TooComplex("depth", depth, limits.max_depth)
            if aliases > limits.max_aliases:
                raise TooComplex("aliases", aliases, limits.max_aliases)


def check_cost(
    doc: DocumentNode, operation_name: str | None, variables: Mapping[str, Any], limits: Limits
) -> None:
    """The estimated cost of the operation that will run."""
    fragments = _fragments(doc)
    for definition in doc.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name is not None and (
            definition.name is None or definition.name.value != operation_name
        ):
            continue
        cost = _cost(definition.selection_set, fragments, variables, 1, frozenset(), limits.max_cost)
        if cost > limits.max_cost:
            raise TooComplex("estimated cost", cost, limits.max_cost)
