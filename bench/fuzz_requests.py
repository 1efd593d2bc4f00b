"""The requests a fuzz run sends, generated from the served schema by hypothesis-graphql.

Valid documents and documents with exactly one schema violation, queries and mutations. The
scalar values mix what the server holds (ids, slugs, codes, cursors collected by
`bench.fuzz_target`) with forged ids, forged cursors and random text, plausible values three
times in four so that requests get past validation and lookups into the resolvers and the SQL.
Half the requests carry their argument values as `variables`; methods, `Accept` headers and
the token vary.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace
from datetime import UTC, timedelta, timezone
from typing import Any

import orjson
from graphql import (
    ArgumentNode,
    BooleanValueNode,
    FloatValueNode,
    GraphQLSchema,
    IntValueNode,
    NameNode,
    OperationDefinitionNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    build_schema,
    parse,
    parse_type,
    print_ast,
    value_from_ast_untyped,
    visit,
)
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from bench.fuzz_shapes import subscriptions, with_fragments
from bench.fuzz_target import Known

ACCEPT = (None, "application/json", "application/graphql-response+json", "*/*")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_INT32 = st.integers(-(2**31), 2**31 - 1)
_STRANGE_KEYS = st.one_of(
    st.integers(-(2**70), 2**70), _TEXT, st.none(), st.booleans(), st.floats(allow_nan=False)
)


def _forged_ids() -> st.SearchStrategy[str]:
    kinds = st.sampled_from(["Article", "Person", "Organisation", "Country", "Topic", "EntityCandidate", "X"])
    pk = st.one_of(_INT32.map(str), st.integers(2**31, 2**80).map(str), _TEXT)
    return st.builds(lambda k, p: _b64(f"{k}:{p}".encode()), kinds, pk)


def _forged_cursors(cursors: list[str]) -> st.SearchStrategy[str]:
    """Real cursors with their sort keys swapped for values of other types and ranges."""

    def forge(cursor: str, keys: list[Any]) -> str:
        data = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return _b64(json.dumps([data[0], *keys[: max(1, len(data) - 1)]]).encode())

    if not cursors:
        return st.nothing()
    return st.builds(forge, st.sampled_from(cursors), st.lists(_STRANGE_KEYS, min_size=1, max_size=3))


def _often(likely: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`likely` about three times in four: requests must get past validation to reach the resolvers."""
    # Hypothesis favours boundary values of integers; the order here makes `likely` the simple case.
    return st.sampled_from((likely, likely, likely, hostile)).flatmap(lambda chosen: chosen)


def _known(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values) if values else st.nothing()


def _strings(known: Known) -> st.SearchStrategy[str]:
    likely = st.one_of(_known(known.strings), _known(known.ids), _known(known.cursors), _TEXT)
    hostile = st.one_of(_TEXT, _forged_ids(), _forged_cursors(known.cursors), st.text(max_size=400))
    return _often(likely, hostile)


def _datetimes() -> st.SearchStrategy[str]:
    zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])
    likely = st.datetimes(timezones=zones).map(lambda d: d.isoformat())
    hostile = st.one_of(
        st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2024-02-30", "yesterday"]),
        _TEXT,
    )
    return _often(likely, hostile)


def custom_scalars(known: Known) -> dict[str, st.SearchStrategy[ValueNode]]:
    """Value strategies per scalar: plausible values most of the time, hostile ones often."""

    def string_node(value: str) -> ValueNode:
        return StringValueNode(value=value)

    def int_node(value: int) -> ValueNode:
        return IntValueNode(value=str(value))

    return {
        "ID": _often(_known(known.ids), st.one_of(_forged_ids(), _TEXT)).map(string_node),
        "String": _strings(known).map(string_node),
        "DateTime": _often(_datetimes().map(string_node), _INT32.map(int_node)),
        "Int": _often(st.integers(0, 25), st.one_of(st.integers(-3, 120), _INT32)).map(int_node),
        "Float": st.floats(allow_nan=False, allow_infinity=False).map(
            lambda f: FloatValueNode(value=repr(f))
        ),
        "Boolean": st.booleans().map(lambda b: BooleanValueNode(value=b)),
    }


@dataclass(frozen=True)
class Call:
    """One generated request."""

    query: str
    method: str
    accept: str | None
    authenticated: bool
    variables: dict[str, Any] | None = None


def with_variables(query: str, schema: GraphQLSchema) -> tuple[str, dict[str, Any]]:
    """The same operation with its argument literals moved into `variables`, as most clients
    send them: another code path (variable coercion) than literals. A literal that does not fit
    its argument's type (the one-violation documents) becomes a variable that does not either."""
    document = parse(query)
    type_info = TypeInfo(schema)
    variables: dict[str, Any] = {}
    definitions: list[VariableDefinitionNode] = []

    class Lift(Visitor):
        def enter_argument(self, node: ArgumentNode, *_args: Any) -> Any:
            input_type = type_info.get_input_type()
            if input_type is None or isinstance(node.value, VariableNode):
                return None
            name = f"v{len(variables)}"
            variables[name] = value_from_ast_untyped(node.value)
            definitions.append(
                VariableDefinitionNode(
                    variable=VariableNode(name=NameNode(value=name)),
                    type=parse_type(str(input_type)),
                    directives=(),
                )
            )
            return ArgumentNode(name=node.name, value=VariableNode(name=NameNode(value=name)))

    lifted = visit(document, TypeInfoVisitor(type_info, Lift()))
    operations = [
        replace(d, variable_definitions=(*(d.variable_definitions or ()), *definitions))
        if isinstance(d, OperationDefinitionNode)
        else d
        for d in lifted.definitions
    ]
    return print_ast(replace(lifted, definitions=tuple(operations))), variables


def calls(sdl: str, known: Known) -> st.SearchStrategy[Call]:
    """Queries and mutations, valid or with one schema violation, sent in every way the server takes."""
    scalars = custom_scalars(known)
    valid = st.one_of(queries(sdl, custom_scalars=scalars), mutations(sdl, custom_scalars=scalars))
    invalid = st.one_of(
        queries(sdl, custom_scalars=scalars, mode=Mode.NEGATIVE),
        mutations(sdl, custom_scalars=scalars, mode=Mode.NEGATIVE),
    )
    schema = build_schema(sdl)

    def lift(call: Call) -> Call:
        query, variables = with_variables(call.query, schema)
        return Call(query, call.method, call.accept, call.authenticated, variables)

    def fragmented(call: Call, twice: list[bool], bomb: int) -> Call:
        return replace(call, query=with_fragments(call.query, schema, twice, bomb))

    def method(query: str) -> st.SearchStrategy[str]:
        # A mutation over GET is always the same 405: try it, but spend few requests on it.
        likely = st.just("POST") if query.startswith("mutation") else st.sampled_from(["POST", "GET"])
        return _often(likely, st.just("GET"))

    calls = _often(valid, invalid).flatmap(
        lambda query: st.builds(
            Call,
            st.just(query),
            method(query),
            st.sampled_from(ACCEPT),
            _often(st.just(True), st.just(False)),
        )
    )
    reshaped = st.builds(
        fragmented,
        calls,
        st.lists(st.booleans(), min_size=1, max_size=4),
        st.sampled_from([0, 0, 0, 0, 3, 12, 30]),  # most without a bomb; some small, some huge
    )
    return st.one_of(calls, calls.map(lift), reshaped)


def subscription_documents(sdl: str, known: Known) -> st.SearchStrategy[str]:
    """Subscription documents, valid or with one violation, sometimes reshaped with fragments."""
    scalars = custom_scalars(known)
    schema = build_schema(sdl)
    plain = _often(subscriptions(sdl, scalars), subscriptions(sdl, scalars, Mode.NEGATIVE))
    reshaped = st.builds(
        lambda query, twice, bomb: with_fragments(query, schema, twice, bomb),
        plain,
        st.lists(st.booleans(), min_size=1, max_size=4),
        st.sampled_from([0, 0, 3]),
    )
    return st.one_of(plain, reshaped)
