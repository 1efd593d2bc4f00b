"""Reshaped documents for the fuzz runs: fragments everywhere, and subscriptions.

- `with_fragments` rewrites a generated operation so that every selection set lives in a named
  fragment, some spread twice, some through inline fragments, and sometimes adds a fragment
  chain that doubles at each level (a bomb): the pre-execution pipeline must measure such
  documents in time linear in their size and the executor must answer them as it answers the
  plain document.
- `subscriptions` generates subscribe payloads from the schema's Subscription type
  (hypothesis-graphql generates queries and mutations only: the Subscription type is offered
  to it as a Query type, and the operation renamed back).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    print_ast,
    visit,
)
from hypothesis import strategies as st
from hypothesis_graphql import Mode, queries


def with_fragments(query: str, schema: GraphQLSchema, twice: list[bool], bomb: int) -> str:
    """The operation with each field's selection set moved into a fragment (spread twice where
    `twice` says, cycling), wrapped in an inline fragment every third time, and, when `bomb` is
    positive, a doubling fragment chain of that many levels spread at the root."""
    document = parse(query)
    type_info = TypeInfo(schema)
    fragments: list[FragmentDefinitionNode] = []

    class Extract(Visitor):
        def leave_field(self, node: FieldNode, *_args: Any) -> Any:
            if node.selection_set is None:
                return None
            named = get_named_type(type_info.get_type())
            if named is None:
                return None
            name = f"G{len(fragments)}"
            fragments.append(
                FragmentDefinitionNode(
                    name=NameNode(value=name),
                    type_condition=NamedTypeNode(name=NameNode(value=named.name)),
                    selection_set=node.selection_set,
                    directives=(),
                    variable_definitions=None,
                )
            )
            spread = FragmentSpreadNode(name=NameNode(value=name), directives=())
            spreads: tuple[Any, ...] = (spread, spread) if twice[len(fragments) % len(twice)] else (spread,)
            if len(fragments) % 3 == 0:
                spreads = (
                    InlineFragmentNode(
                        type_condition=None, directives=(), selection_set=SelectionSetNode(selections=spreads)
                    ),
                )
            return replace(node, selection_set=SelectionSetNode(selections=spreads))

    rewritten: DocumentNode = visit(document, TypeInfoVisitor(type_info, Extract()))
    definitions = list(rewritten.definitions) + fragments
    text = print_ast(replace(rewritten, definitions=tuple(definitions)))
    if bomb > 0 and text.startswith(("query", "{")):
        chain = " ".join(f"fragment B{i} on Query {{ ...B{i + 1} ...B{i + 1} }}" for i in range(bomb))
        text = (
            re.sub(r"\{", "{ ...B0 ", text, count=1) + f" {chain} fragment B{bomb} on Query {{ __typename }}"
        )
    return text


def subscriptions(sdl: str, custom_scalars: Any, mode: Mode = Mode.POSITIVE) -> st.SearchStrategy[str]:
    """Subscription documents generated from the Subscription type of `sdl`."""
    schema_sdl = re.sub(r"(?ms)^type Query \{.*?^\}\n", "", sdl)
    schema_sdl = re.sub(r"(?m)^type Subscription \{", "type Query {", schema_sdl)
    return queries(schema_sdl, custom_scalars=custom_scalars, mode=mode).map(_as_subscription)


def _as_subscription(query: str) -> str:
    document = parse(query)
    operations = [
        replace(d, operation=d.operation.SUBSCRIPTION) if isinstance(d, OperationDefinitionNode) else d
        for d in document.definitions
    ]
    return print_ast(replace(document, definitions=tuple(operations)))
