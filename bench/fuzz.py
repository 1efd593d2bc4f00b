"""Schema-driven fuzzing of the live /graphql endpoint: `python -m bench.fuzz --examples 5000`.

hypothesis-graphql builds queries and mutations from the schema the server itself publishes
(valid ones, and ones with exactly one schema violation), with ids, slugs, codes and cursors the
server really holds mixed in among random values, so requests get past validation and lookups
into the resolvers and the SQL. Each request goes over TCP to `gql-news serve`, as POST or GET,
with or without a token, under each `Accept` the server negotiates. Every answer must be
GraphQL-over-HTTP JSON: no 5xx, `data` and/or `errors`, every error with an
`extensions.code` from the public set and never `INTERNAL_SERVER_ERROR`, no traceback, SQL or
driver text; and the server's log must hold no traceback afterwards.

Requests: bench/fuzz_requests.py; what every answer must be: bench/fuzz_oracle.py. The test
suite runs a bounded, derandomised number of examples per database backend
(tests/graphql/test_fuzz.py); this module's command line runs a long one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings

from bench.fuzz_oracle import Finding, check_answer, check_log
from bench.fuzz_requests import Call, calls, subscription_documents
from bench.fuzz_target import Target, serve

_JSON_BODY = {"Content-Type": "application/json"}


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
    body = check_answer(response, json.dumps(payload, ensure_ascii=False) + call.query)
    tally.requests += 1
    tally.statuses[response.status_code] += 1
    tally.clean += "errors" not in body
    for error in body.get("errors") or ():
        tally.codes[error["extensions"]["code"]] += 1


def _settings(examples: int, random_seed: int | None, *, shrink: bool) -> settings:
    """Hypothesis settings of a run: derandomised without a seed (the same examples every time)."""
    phases = [Phase.explicit, Phase.generate, *([Phase.shrink] if shrink else [])]
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=random_seed is None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


def fuzz(target: Target, examples: int, random_seed: int | None = None) -> Tally:
    """Send `examples` generated requests; Finding (after shrinking) on the first broken answer.

    Without a seed the run is derandomised (the same requests every time, as CI needs).
    """
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        sdl = _sdl(client)
        tally = Tally()
        start = target.log_path.stat().st_size
        config = _settings(examples, random_seed, shrink=True)

        @config
        @given(call=calls(sdl, target.known))
        def one(call: Call) -> None:
            send(client, target, call, tally)

        if random_seed is not None:
            one = seed(random_seed)(one)
        one()
        check_log(target.log_path, start)
    return tally


def fuzz_subscriptions(target: Target, examples: int, random_seed: int | None = None) -> Tally:
    """Send `examples` generated subscribe messages over one WebSocket (reopened if it closes):
    each answer must be well-formed (an `error` or `next` with codes of the public set, never
    INTERNAL_SERVER_ERROR) and the socket must still answer a ping; then the operation is
    completed. Finding on the first broken answer."""
    from websockets.sync.client import connect

    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        sdl = _sdl(client)
    url = target.base_url.replace("http://", "ws://") + "/graphql"
    tally = Tally()
    start = target.log_path.stat().st_size
    config = _settings(examples, random_seed, shrink=False)
    # No keepalive thread: its pings draw from the global `random` while hypothesis generates a
    # document, which hypothesis reports as a strategy using `random` (an error in the suite,
    # whenever a ping falls inside a draw). The loop below pings after every operation anyway.
    with connect(url, subprotocols=["graphql-transport-ws"], open_timeout=20, ping_interval=None) as ws:  # type: ignore[list-item]
        ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {target.token}"}})
        )
        if json.loads(ws.recv(10))["type"] != "connection_ack":
            raise Finding("no connection_ack")

        @config
        @given(query=subscription_documents(sdl, target.known))
        def one(query: str) -> None:
            op = f"s{tally.requests}"
            ws.send(json.dumps({"id": op, "type": "subscribe", "payload": {"query": query}}))
            pinged = False
            while True:
                try:
                    # A refusal comes at once; a subscription that runs says nothing: ping then.
                    message = json.loads(ws.recv(20 if pinged else 0.3))
                except TimeoutError:
                    if pinged:
                        raise Finding(f"no pong after {query[:300]!r}") from None
                    ws.send(json.dumps({"type": "ping"}))
                    pinged = True
                    continue
                except Exception as exc:  # noqa: BLE001 - a closed socket is the finding
                    raise Finding(f"the socket failed after {query[:300]!r}: {exc!r}") from None
                if message["type"] == "pong":
                    break
                payload = message.get("payload")
                errors = payload if message["type"] == "error" else (payload or {}).get("errors", [])
                for error in errors or ():
                    check_answer(httpx.Response(200, json={"errors": [error]}), query)
                    tally.codes[error["extensions"]["code"]] += 1
                if message.get("id") == op and message["type"] in {"error", "complete"} and not pinged:
                    ws.send(json.dumps({"type": "ping"}))
                    pinged = True
            ws.send(json.dumps({"id": op, "type": "complete"}))
            tally.requests += 1

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
                    live = fuzz_subscriptions(target, max(1, args.examples // 10), random_seed)
                print(f"[{backend}] PASSED in {time.perf_counter() - began:.0f} s: {tally.summary()}")
                print(f"[{backend}] subscriptions: {live.summary()}")
            except Finding as finding:
                failed = True
                print(f"[{backend}] FAILED (seed {random_seed}): {finding}")
            finally:
                if pg_name:
                    asyncio.run(_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
