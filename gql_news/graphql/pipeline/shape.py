"""The shape of an operation, measured in time linear in the document's size.

Fragments make a document's executed size exponential in its text (`F0 { ...F1 ...F1 }`,
`F1 { ...F2 ...F2 }`, …). So the field count comes first, from each fragment's expanded size
computed once (in dependency order, never re-expanded per spread); only a document whose
expanded size is under `max_fields` is then walked as it will execute: fields merged by
response name, as graphql-core merges them, each merged group recorded with its parent group
for the cost estimate. The walk measures depth, aliases and the pairs of same-named fields
that validation will compare (graphql-core's overlapping-fields rule is quadratic in them).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from gql_news.graphql.pipeline.limits import Limits, TooComplex

INTROSPECTION_DEPTH = 15  # GraphiQL's introspection query nests `ofType` about 13 levels
_SIZE_CAP = 2**62  # expanded sizes past this are all "too many"


@dataclass(frozen=True, slots=True)
class Group:
    """Same-named fields of one selection level, merged as execution merges them."""

    parent: int  # index of the parent group in `Shape.groups`; -1 at the root
    node: FieldNode  # the first of them: its arguments are the group's (validation makes them equal)
    parent_type: GraphQLNamedType | None


@dataclass(frozen=True, slots=True)
class Shape:
    fields: int
    depth: int
    aliases: int
    merges: int
    groups: tuple[Group, ...]  # the groups with a selection set, parents first


def fragments_of(doc: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}


def _selections(selection_set: SelectionSetNode | None) -> Iterator[FieldNode | FragmentSpreadNode]:
    """Fields and spreads of a selection set, through inline fragments (without recursing)."""
    stack = [selection_set] if selection_set is not None else []
    while stack:
        current = stack.pop()
        for selection in current.selections:
            if isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, (FieldNode, FragmentSpreadNode)):
                yield selection
                if isinstance(selection, FieldNode) and selection.selection_set is not None:
                    stack.append(selection.selection_set)


def _spreads(fragment: FragmentDefinitionNode) -> set[str]:
    return {s.name.value for s in _selections(fragment.selection_set) if isinstance(s, FragmentSpreadNode)}


def _dependency_order(fragments: Mapping[str, FragmentDefinitionNode]) -> tuple[list[str], set[str]]:
    """Fragments with every fragment they spread before them, and those on a cycle (which
    validation rejects; they count as empty here)."""
    deps = {name: _spreads(fragment) for name, fragment in fragments.items()}
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cyclic: set[str] = set()
    for start in deps:
        if start in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(deps[start])))]
        state[start] = 1
        while stack:
            name, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                state[name] = 2
                order.append(name)
            elif child not in deps:
                continue  # an unknown fragment: validation reports it
            elif state.get(child) == 1:
                cyclic.update(n for n, _ in stack[[n for n, _ in stack].index(child) :])
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(deps[child]))))
    return order, cyclic


def _expanded_size(selection_set: SelectionSetNode | None, sizes: Mapping[str, int], cyclic: set[str]) -> int:
    total = 0
    for selection in _selections(selection_set):
        if isinstance(selection, FieldNode):
            total += 1
        elif selection.name.value not in cyclic:
            total += sizes.get(selection.name.value, 0)
    return min(total, _SIZE_CAP)


def expanded_sizes(doc: DocumentNode) -> tuple[dict[str, int], set[str]]:
    """Each fragment's field count with its spreads expanded, and the fragments on a cycle."""
    fragments = fragments_of(doc)
    order, cyclic = _dependency_order(fragments)
    sizes: dict[str, int] = {}
    for name in order:
        sizes[name] = 0 if name in cyclic else _expanded_size(fragments[name].selection_set, sizes, cyclic)
    return sizes, cyclic


def _named(schema: GraphQLSchema, name: str | None) -> GraphQLNamedType | None:
    return schema.get_type(name) if name is not None else None


def measure(
    schema: GraphQLSchema,
    doc: DocumentNode,
    operation: OperationDefinitionNode,
    sizes: Mapping[str, int],
    cyclic: set[str],
    limits: Limits,
) -> Shape:
    """The operation's shape; TooComplex past any budget (the field count is checked first)."""
    fields = _expanded_size(operation.selection_set, sizes, cyclic)
    if fields > limits.max_fields:
        raise TooComplex("field count", fields, limits.max_fields)
    fragments = fragments_of(doc)
    root = schema.get_root_type(operation.operation)
    depth = aliases = merges = 0
    groups: list[Group] = []
    # (selection sets merged at one path, their parent type, level, below introspection, parent group)
    queue: deque[tuple[list[tuple[SelectionSetNode, GraphQLNamedType | None]], int, bool, int]] = deque(
        [([(operation.selection_set, root)], 1, False, -1)]
    )
    while queue:
        sets, level, introspection, parent = queue.popleft()
        by_name: dict[str, list[tuple[FieldNode, GraphQLNamedType | None]]] = {}
        stack = list(sets)
        while stack:
            selection_set, parent_type = stack.pop()
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    name = (selection.alias or selection.name).value
                    by_name.setdefault(name, []).append((selection, parent_type))
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    inner = _named(schema, condition.name.value) if condition is not None else parent_type
                    stack.append((selection.selection_set, inner))
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = fragments.get(selection.name.value)
                    if fragment is not None and fragment.name.value not in cyclic:
                        inner = _named(schema, fragment.type_condition.name.value)
                        stack.append((fragment.selection_set, inner))
        for same in by_name.values():
            merges += len(same) * (len(same) - 1) // 2
            if merges > limits.max_field_merges:
                raise TooComplex("field merges", merges, limits.max_field_merges)
            node = same[0][0]
            inside = introspection or node.name.value.startswith("__")
            limit = max(limits.max_depth, INTROSPECTION_DEPTH) if inside else limits.max_depth
            if level > limit:
                raise TooComplex("depth", level, limits.max_depth)
            depth = max(depth, level)
            aliases += sum(1 for field, _ in same if field.alias is not None)
            if aliases > limits.max_aliases:
                raise TooComplex("aliases", aliases, limits.max_aliases)
            by_type: dict[str | None, list[tuple[FieldNode, GraphQLNamedType | None]]] = {}
            for field, parent_type in same:
                if field.selection_set is not None:
                    by_type.setdefault(parent_type.name if parent_type else None, []).append(
                        (field, parent_type)
                    )
            for typed in by_type.values():
                first, parent_type = typed[0]
                child = _field_type(parent_type, first.name.value)
                groups.append(Group(parent, first, parent_type))
                child_sets = [(f.selection_set, child) for f, _ in typed if f.selection_set is not None]
                queue.append((child_sets, level + 1, inside, len(groups) - 1))
    return Shape(fields, depth, aliases, merges, tuple(groups))


_META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


def _field_type(parent: GraphQLNamedType | None, name: str) -> GraphQLNamedType | None:
    meta = _META_FIELDS.get(name)
    if meta is not None:
        named: GraphQLNamedType = get_named_type(meta.type)
        return named
    if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
        field = parent.fields.get(name)
        if field is not None:
            inner: GraphQLNamedType = get_named_type(field.type)
            return inner
    return None
