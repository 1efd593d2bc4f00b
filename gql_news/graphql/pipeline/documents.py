"""Query texts, parsed and measured once each, kept in a cache bounded in bytes.

A `Document` is everything the pipeline learns of a query text that does not depend on the
request: the AST, each operation's kind, declared variables, shape and cost plan, whether a
string literal holds U+0000, the validation errors (computed on first use), or the reason the
text is refused (a syntax error, a budget exceeded). Refusals are cached like the rest, so a
refused text sent again, or through a persisted-query hash, costs a dictionary look-up.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    Node,
    OperationDefinitionNode,
    StringValueNode,
    parse,
    print_ast,
)

from gql_news.graphql.pipeline import cost
from gql_news.graphql.pipeline.budget import ByteLRU
from gql_news.graphql.pipeline.limits import Limits, TooComplex
from gql_news.graphql.pipeline.shape import Shape, expanded_sizes, measure

# Bytes one AST node holds with its location, tokens and its share of the cost plan, measured
# with tracemalloc on real documents (570-790); `tests/graphql/test_pipeline.py` checks that the
# estimate stays above the measurement.
_NODE_BYTES = 1000
_DOCUMENT_BYTES = 4000


@dataclass(frozen=True, slots=True)
class CostPlan:
    """The operation's merged field groups with the cost each declares, parents first."""

    entries: tuple[tuple[int, cost.Cost | None, FieldNode, int], ...]  # parent, cost, node, default
    fixed_total: int | None  # the total when no factor depends on variables

    @classmethod
    def of(cls, schema: GraphQLSchema, shape: Shape) -> CostPlan:
        entries = []
        varies = False
        for group in shape.groups:
            field = getattr(group.parent_type, "fields", {}).get(group.node.name.value)
            declared = cost.declared(field) if field is not None else None
            varies = varies or cost.depends_on_variables(declared, group.node)
            entries.append((group.parent, declared, group.node, cost.default_size(declared, field)))
        plan = cls(tuple(entries), None)
        if varies:
            return plan
        return cls(plan.entries, plan.total({}, sys.maxsize))

    def total(self, variables: Mapping[str, Any], budget: int) -> int:
        """Objects resolved, for these variables; stops counting once past `budget`."""
        if self.fixed_total is not None:
            return self.fixed_total
        multipliers: list[int] = []
        total = 0
        for parent, declared, node, default in self.entries:
            above = multipliers[parent] if parent >= 0 else 1
            count = above * cost.factor(declared, node, variables, default)
            multipliers.append(count)
            total += count
            if total > budget:
                return total
        return total


@dataclass(frozen=True, slots=True)
class Operation:
    kind: str  # "query", "mutation" or "subscription"
    variables: frozenset[str]  # declared: only these belong in a cache key
    plan: CostPlan


@dataclass(slots=True)
class Document:
    ast: DocumentNode | None
    refusal: GraphQLError | None
    operations: dict[str | None, Operation]
    has_nul: bool
    weight: int
    fingerprint: str  # SHA-256 of the normalised text: equal for texts differing only in layout
    _validation: list[GraphQLError] | None = field(default=None, repr=False)
    # The read planner's plans, per operation and @skip/@include values (None: not planned).
    plans: dict[Any, Any] = field(default_factory=dict, repr=False)

    def operation(self, name: str | None) -> Operation | None:
        """The operation a request runs: by name, or the only one."""
        if name is None:
            return next(iter(self.operations.values())) if len(self.operations) == 1 else None
        return self.operations.get(name)

    def validation(self, validate: Callable[[DocumentNode], list[GraphQLError]]) -> list[GraphQLError]:
        """The document's validation errors, computed once."""
        if self._validation is None:
            assert self.ast is not None
            self._validation = list(validate(self.ast))
        return self._validation


def _nodes(root: Node) -> tuple[int, bool]:
    """How many AST nodes there are below `root`, and whether a string literal holds U+0000
    (without recursion: a deep document cannot exhaust the stack)."""
    count = 0
    nul = False
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, StringValueNode) and "\x00" in node.value:
            nul = True
        for key in node.keys:
            value = getattr(node, key, None)
            if isinstance(value, Node):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(item for item in value if isinstance(item, Node))
    return count, nul


def _unlink_tokens(ast: DocumentNode) -> None:
    """Cut the lexer's token chain (each token points to the previous and the next one).

    Locations keep their first and last token, and through the chain every token of the text,
    comments included: a cycle only the cyclic garbage collector frees, and late (its older
    generations run rarely; see `app._tune_gc`). A document dropped from the cache would hold
    its whole token list for minutes. Error locations need only each location's offsets and
    source, which stay.
    """
    token = ast.loc.start_token if ast.loc is not None else None
    while token is not None:
        following = token.next
        token.prev = token.next = None
        token = following


def analyse(query: str, schema: GraphQLSchema, limits: Limits) -> Document:
    """Parse and measure a query text (never raises: a refusal is part of the document)."""
    text_bytes = sys.getsizeof(query)
    try:
        ast = parse(query, max_tokens=limits.max_tokens)
    except GraphQLSyntaxError as error:
        refusal: GraphQLError = error
        if (
            error.message
            == f"Syntax Error: Document contains more than {limits.max_tokens} tokens. Parsing aborted."
        ):
            refusal = TooComplex("token count", limits.max_tokens + 1, limits.max_tokens)
        return Document(None, refusal, {}, False, text_bytes + 2000, "")
    except RecursionError:
        return Document(
            None, TooComplex("depth", limits.max_depth + 1, limits.max_depth), {}, False, text_bytes, ""
        )
    _unlink_tokens(ast)
    nodes, has_nul = _nodes(ast)
    weight = _DOCUMENT_BYTES + 2 * text_bytes + nodes * _NODE_BYTES
    try:
        sizes, cyclic = expanded_sizes(ast)
        operations: dict[str | None, Operation] = {}
        for definition in ast.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            shape = measure(schema, ast, definition, sizes, cyclic, limits)
            declared = frozenset(v.variable.name.value for v in definition.variable_definitions or ())
            name = definition.name.value if definition.name else None
            operations[name] = Operation(definition.operation.value, declared, CostPlan.of(schema, shape))
    except TooComplex as error:
        return Document(None, error, {}, has_nul, text_bytes + 2000, "")
    fingerprint = hashlib.sha256(print_ast(ast).encode()).hexdigest()
    return Document(ast, None, operations, has_nul, weight, fingerprint)


class DocumentCache:
    """Documents by query text, at most `max_bytes` of them (texts and ASTs estimated)."""

    def __init__(self, schema: GraphQLSchema, limits: Limits, max_bytes: int) -> None:
        self.schema = schema
        self.limits = limits
        self._documents: ByteLRU[str, Document] = ByteLRU(max_bytes)

    def get(self, query: str) -> Document:
        document = self._documents.get(query)
        if document is None:
            document = analyse(query, self.schema, self.limits)
            self._documents.put(query, document, document.weight)
        return document

    @property
    def bytes(self) -> int:
        return self._documents.bytes
