"""A validated query operation as a tree of planned fields (or None when some field is not planned).

Fields are collected as graphql-core collects them for execution: per concrete object type,
through fragment spreads and inline fragments whose type condition applies, `@skip`/`@include`
evaluated, same response keys merged in first-seen order. Each field is matched with its
registry entry; the arguments stay as AST nodes and are read per request (`render`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    BooleanValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_abstract_type,
)

from gql_news.graphql.read import registry as r
from gql_news.graphql.read.dialect import MAX_OBJECT_KEYS


class NotPlanned(Exception):
    """The operation selects something the planner does not answer: the executor does."""


@dataclass(slots=True)
class Obj:
    """A selection on one concrete object type: (response key, planned field) in order."""

    type: r.ObjectType
    fields: list[tuple[str, Planned]] = field(default_factory=list)


@dataclass(slots=True)
class Planned:
    """One response key: its registry entry (None for `__typename`), the first field node (its
    arguments), the field's definition, and what it selects below."""

    spec: r.FieldSpec | None
    node: FieldNode
    definition: GraphQLField | None
    parent: str  # the GraphQL type the field is on
    child: Obj | None = None  # object-valued fields of one concrete type
    children: dict[str, Obj] = field(default_factory=dict)  # abstract-valued: per concrete type
    parts: list[tuple[str, Any]] = field(default_factory=list)  # connections: edges, pageInfo, …


@dataclass(frozen=True, slots=True)
class Plan:
    root: Obj


class _Collector:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        flags: Mapping[str, bool],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.flags = flags  # the values of the variables @skip/@include read
        self.types = r.registry()

    # -- collection ------------------------------------------------------------------------
    def _included(self, node: Any) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            value = next((a.value for a in directive.arguments if a.name.value == "if"), None)
            if isinstance(value, BooleanValueNode):
                flag = value.value
            elif isinstance(value, VariableNode):
                flag = bool(self.flags.get(value.name.value))
            else:
                raise NotPlanned(name)
            if (name == "skip") == flag:
                return False
        return True

    def _applies(self, condition: str | None, runtime: GraphQLObjectType) -> bool:
        if condition is None or condition == runtime.name:
            return True
        conditional = self.schema.get_type(condition)
        return is_abstract_type(conditional) and self.schema.is_sub_type(conditional, runtime)

    def collect(self, runtime: GraphQLObjectType, sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        out: dict[str, list[FieldNode]] = {}
        seen: set[str] = set()

        def walk(selection_set: SelectionSetNode) -> None:
            for selection in selection_set.selections:
                if not self._included(selection):
                    continue
                if isinstance(selection, FieldNode):
                    out.setdefault((selection.alias or selection.name).value, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition.name.value if selection.type_condition else None
                    if self._applies(condition, runtime):
                        walk(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if name in seen or fragment is None:
                        continue
                    seen.add(name)
                    if self._applies(fragment.type_condition.name.value, runtime):
                        walk(fragment.selection_set)

        for selection_set in sets:
            walk(selection_set)
        return out

    # -- planning --------------------------------------------------------------------------
    def obj(self, type_name: str, sets: list[SelectionSetNode]) -> Obj:
        entry = self.types.get(type_name)
        runtime = self.schema.get_type(type_name)
        if entry is None or not isinstance(runtime, GraphQLObjectType):
            raise NotPlanned(type_name)
        planned = Obj(entry)
        collected = self.collect(runtime, sets)
        if len(collected) > MAX_OBJECT_KEYS:
            raise NotPlanned("too many keys")
        for key, nodes in collected.items():
            planned.fields.append((key, self.field(entry, runtime, nodes)))
        return planned

    def field(self, entry: r.ObjectType, runtime: GraphQLObjectType, nodes: list[FieldNode]) -> Planned:
        node = nodes[0]
        name = node.name.value
        if name == "__typename":
            return Planned(None, node, None, entry.name)
        spec = entry.fields.get(name)
        definition = runtime.fields.get(name)
        if spec is None or definition is None:
            raise NotPlanned(f"{entry.name}.{name}")
        planned = Planned(spec, node, definition, entry.name)
        sets = [n.selection_set for n in nodes if n.selection_set is not None]
        target = get_named_type(definition.type)
        if isinstance(spec, (r.Column, r.GlobalId, r.Computed)):
            return planned
        if isinstance(spec, r.Connection):
            planned.parts = self.connection(target, spec.target, sets)
        elif isinstance(spec, (r.EntityOf, r.NodeField)):
            planned.children = self.possible(target, sets)
        else:
            planned.child = self.obj(target.name, sets)
        return planned

    def possible(self, abstract: GraphQLNamedType, sets: list[SelectionSetNode]) -> dict[str, Obj]:
        """A selection per concrete type that the registry answers (others: not planned at run time)."""
        out: dict[str, Obj] = {}
        for runtime in self.schema.get_possible_types(abstract):  # type: ignore[arg-type]
            if runtime.name in self.types:
                out[runtime.name] = self.obj(runtime.name, sets)
        return out

    def connection(
        self, connection: GraphQLNamedType, target: str, sets: list[SelectionSetNode]
    ) -> list[tuple[str, Any]]:
        assert isinstance(connection, GraphQLObjectType)
        parts: list[tuple[str, Any]] = []
        for key, nodes in self.collect(connection, sets).items():
            name = nodes[0].name.value
            inner = [n.selection_set for n in nodes if n.selection_set is not None]
            if name == "__typename":
                parts.append((key, ("typename", connection.name)))
            elif name == "totalCount":
                parts.append((key, ("totalCount",)))
            elif name == "pageInfo":
                info = self.schema.get_type("PageInfo")
                assert isinstance(info, GraphQLObjectType)
                parts.append(
                    (key, ("pageInfo", [(k, v[0].name.value) for k, v in self.collect(info, inner).items()]))
                )
            elif name == "edges":
                edge = get_named_type(connection.fields["edges"].type)
                assert isinstance(edge, GraphQLObjectType)
                edge_parts: list[tuple[str, Any]] = []
                for edge_key, edge_nodes in self.collect(edge, inner).items():
                    edge_name = edge_nodes[0].name.value
                    if edge_name == "node":
                        node_sets = [n.selection_set for n in edge_nodes if n.selection_set is not None]
                        edge_parts.append((edge_key, ("node", self.obj(target, node_sets))))
                    elif edge_name == "__typename":
                        edge_parts.append((edge_key, ("typename", edge.name)))
                    else:
                        edge_parts.append((edge_key, (edge_name,)))
                parts.append((key, ("edges", edge_parts)))
            else:
                raise NotPlanned(f"{connection.name}.{name}")
        return parts


def skip_include_variables(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> list[str]:
    """The variables @skip/@include read anywhere in the operation: a plan is kept per their values."""
    names: list[str] = []
    stack: list[Any] = [operation.selection_set, *(f.selection_set for f in fragments.values())]
    while stack:
        node = stack.pop()
        for selection in getattr(node, "selections", ()) or ():
            for directive in selection.directives or ():
                for argument in directive.arguments or ():
                    if isinstance(argument.value, VariableNode) and directive.name.value in (
                        "skip",
                        "include",
                    ):
                        names.append(argument.value.name.value)
            if getattr(selection, "selection_set", None) is not None:
                stack.append(selection.selection_set)
    return sorted(set(names))


def plan(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    flags: Mapping[str, bool],
) -> Plan | None:
    """The operation's plan, or None when a field it selects is not planned."""
    if operation.operation.value != "query":
        return None
    collector = _Collector(schema, fragments, flags)
    try:
        return Plan(collector.obj("Query", [operation.selection_set]))
    except NotPlanned:
        return None
