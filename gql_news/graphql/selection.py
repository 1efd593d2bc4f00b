"""What a query selects below a field, read from graphql-core's AST (fragments included)."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from gql_news.graphql.context import Info

Fields = dict[str, list[FieldNode]]
"""Selected field name -> the field nodes selecting it (one per alias or fragment)."""
Fragments = dict[str, FragmentDefinitionNode]


def sub_fields(nodes: Iterable[FieldNode], fragments: Fragments) -> Fields:
    """The fields selected directly below `nodes`, looking through fragments of any type."""
    out: Fields = {}

    def walk(selection_set: SelectionSetNode | None) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                out.setdefault(selection.name.value, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)

    for node in nodes:
        walk(node.selection_set)
    return out


def selected(info: Info, *path: str) -> tuple[Fields, Fragments]:
    """The fields selected at `path` below the field being resolved, and the document's fragments."""
    raw = info._raw_info
    fragments: Fragments = dict(raw.fragments)
    fields = sub_fields(raw.field_nodes, fragments)
    for name in path:
        fields = sub_fields(fields.get(name, []), fragments)
    return fields, fragments
