"""Schema-driven fuzzing of the live /graphql endpoint: `python -m bench.fuzz --examples 5000`.

hypothesis-graphql builds queries and mutations from the schema the server itself publishes
(valid ones, and ones with exactly one schema violation), with ids, slugs, codes and cursors the
server really holds mixed in among random values, so requests get past validation and lookups
into the resolvers and the SQL. Each request goes over TCP to `gql-news serve`, as POST or GET,
with or without a token, under each `Accept` the server negotiates. Every answer must be
GraphQL-over-HTTP JSON: no 5xx, `data` and/or `errors`, every error with an
`extensions.code` from the public set and never `INTERNAL_SERVER_ERROR`, no traceback, SQL or
driver text; and the server's log must hold no traceback afterwards.

The test suite runs a bounded, derandomised number of examples per database backend
(tests/graphql/test_fuzz.py); this module's command line runs a long one.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import re
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
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
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from bench.fuzz_target import Known, Target, serve
from gql_news.graphql.errors import CODES  # the public set of shared/API.md

# Codes a healthy server on a healthy database never answers.
FAILURE_CODES = frozenset({"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"})
LEAK = re.compile(
    r"Traceback \(most recent call last\)|File \"/|\.py\", line \d|"
    r"\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.+\b(?:FROM|VALUES|SET|WHERE)\b|"
    r"asyncpg|sqlite3|tortoise|pypika|IntegrityError|OperationalError|syntax error at or near",
    re.DOTALL,
)
LOG_TROUBLE = re.compile(r"Traceback|unexpected error|unhandled error|Exception in ASGI")
_JSON_BODY = {"Content-Type": "application/json"}
ACCEPT = (None, "application/json", "application/graphql-response+json", "*/*")
MEDIA = ("application/json", "application/graphql-response+json")


class Finding(AssertionError):
    """An answer that breaks the contract."""


def check_answer(response: httpx.Response) -> dict[str, Any]:
    """The parsed body of an answer that keeps the GraphQL-over-HTTP contract; Finding otherwise."""
    where = f"HTTP {response.status_code}: {response.text[:2000]}"
    if response.status_code >= 500:
        raise Finding(f"server error. {where}")
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media not in MEDIA:
        raise Finding(f"media type {media!r}. {where}")
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise Finding(f"not JSON. {where}") from None
    if not isinstance(body, dict) or not body or set(body) - {"data", "errors", "extensions"}:
        raise Finding(f"not a GraphQL response object. {where}")
    if "data" in body and not (body["data"] is None or isinstance(body["data"], dict)):
        raise Finding(f"`data` is not an object. {where}")
    errors = body.get("errors")
    if errors is None:
        if not isinstance(body.get("data"), dict) or response.status_code != 200:
            raise Finding(f"neither data nor errors, or an error status without errors. {where}")
        return body
    if not isinstance(errors, list) or not errors:
        raise Finding(f"`errors` is not a non-empty list. {where}")
    for error in errors:
        _check_error(error, where)
    return body


def _check_error(error: Any, where: str) -> None:
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        raise Finding(f"an error without a message. {where}")
    extensions = error.get("extensions")
    code = extensions.get("code") if isinstance(extensions, dict) else None
    if code not in CODES:
        raise Finding(f"error code {code!r} is not in the public set. {where}")
    if code in FAILURE_CODES:
        raise Finding(f"{code}. {where}")
    for location in error.get("locations") or []:
        if not (isinstance(location, dict) and set(location) == {"line", "column"}):
            raise Finding(f"malformed location. {where}")
    path = error.get("path")
    if path is not None and not all(isinstance(p, (str, int)) for p in path):
        raise Finding(f"malformed path. {where}")
    leak = LEAK.search(json.dumps(error, ensure_ascii=False))
    if leak:
        raise Finding(f"internal text {leak.group(0)[:80]!r} in an error. {where}")


def check_log(log_path: Path, start: int = 0) -> None:
    """The server logged no traceback and no unexpected error after byte `start`."""
    text = log_path.read_bytes()[start:].decode(errors="replace")
    trouble = LOG_TROUBLE.search(text)
    if trouble:
        at = trouble.start()
        raise Finding(f"the server log shows trouble:\n{text[max(0, at - 500) : at + 3000]}")


# ---- value generators: what the server holds, mixed with what it never issued ---------------------


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
    return st.one_of(calls, calls.map(lift))


@dataclass
class Tally:
    """What a run sent and what came back."""

    requests: int = 0
    clean: int = 0  # answered with data and no error at all
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items()))
        codes = ", ".join(f"{k}: {v}" for k, v in self.codes.most_common())
        return f"{self.requests} requests ({self.clean} without any error); HTTP {statuses}; error codes {codes or 'none'}"


def send(client: httpx.Client, target: Target, call: Call, tally: Tally) -> None:
    headers = {"Accept": call.accept} if call.accept else {}
    if call.authenticated:
        headers["Authorization"] = f"Bearer {target.token}"
    payload: dict[str, Any] = {"query": call.query}
    if call.variables is not None:
        payload["variables"] = call.variables
    if call.method == "GET":
        params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()}
        response = client.get("/graphql", params=params, headers=headers)
    else:
        response = client.post("/graphql", content=json.dumps(payload), headers=headers | _JSON_BODY)
    body = check_answer(response)
    tally.requests += 1
    tally.statuses[response.status_code] += 1
    tally.clean += "errors" not in body
    for error in body.get("errors") or ():
        tally.codes[error["extensions"]["code"]] += 1


def fuzz(target: Target, examples: int, random_seed: int | None = None) -> Tally:
    """Send `examples` generated requests; Finding (after shrinking) on the first broken answer.

    Without a seed the run is derandomised (the same requests every time, as CI needs).
    """
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        sdl = _sdl(client)
        tally = Tally()
        start = target.log_path.stat().st_size
        config = settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=random_seed is None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )

        @config
        @given(call=calls(sdl, target.known))
        def one(call: Call) -> None:
            send(client, target, call, tally)

        if random_seed is not None:
            one = seed(random_seed)(one)
        one()
        check_log(target.log_path, start)
    return tally


def _sdl(client: httpx.Client) -> str:
    """The schema the server publishes, read by introspection (what any client would do)."""
    from graphql import build_client_schema, get_introspection_query, print_schema

    response = client.post("/graphql", json={"query": get_introspection_query(descriptions=False)})
    return print_schema(build_client_schema(response.json()["data"]))


# ---- the long run ---------------------------------------------------------------------------------


def _database(backend: str, admin_url: str, workdir: Path) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite://{workdir / 'fuzz.sqlite3'}", None
    name = f"gql_news_fuzz_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    return f"{admin_url.rsplit('/', 1)[0]}/{name}", name


async def _admin(admin_url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n\n")[0])
    p.add_argument("--examples", type=int, default=5000, help="generated requests per backend")
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    p.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = p.parse_args(argv)
    # SIGTERM unwinds through every `finally`: the server stopped, the database dropped.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    random_seed = args.seed if args.seed is not None else int(time.time())
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="gql-news-fuzz-") as tmp:
            url, pg_name = _database(backend, args.pg_url, Path(tmp))
            began = time.perf_counter()
            try:
                with serve(url, Path(tmp)) as target:
                    print(f"[{backend}] seed {random_seed}, {args.examples} examples", flush=True)
                    tally = fuzz(target, args.examples, random_seed)
                print(f"[{backend}] PASSED in {time.perf_counter() - began:.0f} s: {tally.summary()}")
            except Finding as finding:
                failed = True
                print(f"[{backend}] FAILED (seed {random_seed}): {finding}")
            finally:
                if pg_name:
                    asyncio.run(_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
