"""The attacks of the hardening tables, sent to a fresh `gql-news serve`: `python -m bench.abuse`.

For each attack it prints what the server answered, the time it took (the server's time as the
client sees it over loopback), how long `/healthz` waited meanwhile, and how much the worker's
resident memory grew. Memory attacks run at ten times the size they were first reported at
(`--scale` changes that). `--tree PATH` runs the server from another checkout (its `gql_news`
first on PYTHONPATH, this environment's dependencies), so a run on the commit before the
hardening gives the "before" column. SQLite by default; `--pg-url` for PostgreSQL.

It is a benchmark, not a test: the suite asserts only the codes and bounds (tests/graphql/
test_abuse.py, tests/test_abuse_connections.py); timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import logging
import os
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.servers import Processes, Server, free_port, gql_news_command

MB = 1024 * 1024


@dataclass
class Row:
    attack: str
    answer: str
    seconds: float
    server_cpu_s: float
    healthz_s: float
    rss_growth_mb: float


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server process has used: its time, whatever the load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Healthz:
    """Polls /healthz in a thread while an attack runs; the slowest answer is the figure."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.slowest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=120) as client:
            while not self._stop.is_set():
                began = time.perf_counter()
                with contextlib.suppress(httpx.HTTPError):
                    client.get("/healthz")
                self.slowest = max(self.slowest, time.perf_counter() - began)
                time.sleep(0.05)

    def __enter__(self) -> Healthz:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(130)


def _answer(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code}"
    codes = sorted({e.get("extensions", {}).get("code", "?") for e in body.get("errors") or ()})
    return f"{response.status_code} " + (",".join(codes) if codes else "data")


def _bomb(levels: int = 22, on: str = "Query", root: str = "query { ...F0 }") -> str:
    parts = [f"fragment F{i} on {on} {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    leaf = "__typename" if on == "Query" else "title"
    return f"{root} " + " ".join(parts) + f" fragment F{levels} on {on} {{ {leaf} }}"


# ---- the attacks -----------------------------------------------------------------------------
Attack = Callable[["Bench"], str]


class Bench:
    def __init__(self, server: Server, pid: int, token: str, scale: int) -> None:
        self.server = server
        self.pid = pid
        self.token = token
        self.scale = scale
        self.http = httpx.Client(base_url=server.base_url, timeout=180)

    @property
    def ws_url(self) -> str:
        return self.server.base_url.replace("http://", "ws://") + "/graphql"

    def post(self, query: str, variables: Any = None, **extra: Any) -> httpx.Response:
        return self.http.post("/graphql", json={"query": query, "variables": variables, **extra})

    # 1. fragment bomb
    def bomb_post(self) -> str:
        return _answer(self.post(_bomb()))

    def bomb_get(self) -> str:
        return _answer(self.http.get("/graphql", params={"query": _bomb()}))

    def bomb_hash(self) -> str:
        query = _bomb()
        ext = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
        self.post(query, extensions=ext)
        return _answer(self.http.get("/graphql", params={"extensions": json.dumps(ext)}))

    def bomb_ws(self) -> str:
        from websockets.sync.client import connect

        query = _bomb(on="Article", root="subscription { articlePublished { ...F0 } }")
        with connect(self.ws_url, subprotocols=["graphql-transport-ws"], open_timeout=30) as ws:  # type: ignore[list-item]
            ws.send(json.dumps({"type": "connection_init"}))
            ws.recv(30)
            ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
            message = json.loads(ws.recv(120))
        payload = message.get("payload")
        errors = payload if isinstance(payload, list) else (payload or {}).get("errors") or []
        return f"{message['type']} " + ",".join(e["extensions"]["code"] for e in errors)

    # 2. cost drift
    def quotes_of_quotes(self) -> str:
        return _answer(
            self.post(
                "{ articles(first: 100) { edges { node { quotes { text speaker { quotes(first: 100) {"
                " text article { quotes { text } } } } } } } } }"
            )
        )

    def timelines(self) -> str:
        one = (
            'countries(first: 100) { edges { node { code mentionTimeline(interval: DAY, from: "2021-01-01T00:00:00Z",'
            ' to: "2023-09-27T00:00:00Z") { start count } } } }'
        )
        return _answer(self.post("{ " + " ".join(f"c{i}: {one}" for i in range(15)) + " }"))

    # 3. WebSocket messages
    def ws_documents(self) -> str:
        from websockets.exceptions import ConnectionClosed
        from websockets.sync.client import connect

        closes: dict[str, int] = {}
        for i in range(15 * self.scale):
            query = f"subscription {{ articlePublished {{ title }} }} # {i} " + "x" * (8 * MB)
            try:
                with connect(self.ws_url, subprotocols=["graphql-transport-ws"], max_size=None) as ws:  # type: ignore[list-item]
                    ws.send(json.dumps({"type": "connection_init"}))
                    ws.recv(30)
                    ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
                    ws.recv(60)
                    closes["answered"] = closes.get("answered", 0) + 1
            except ConnectionClosed as closed:
                # The server closes (1009) while the 8 MB are still being written; the client
                # then often sees the TCP connection end before the close frame.
                code = str(closed.rcvd.code) if closed.rcvd else "closed mid-send"
                closes[code] = closes.get(code, 0) + 1
            except TimeoutError:
                closes["timeout"] = closes.get("timeout", 0) + 1
        return ", ".join(f"{k}: {v}" for k, v in sorted(closes.items()))

    # 4. caches
    def unused_variables(self) -> str:
        statuses: dict[str, int] = {}
        query = "query($n: Int) { articles(first: $n) { edges { node { title body } } } }"
        for i in range(300 * self.scale):
            answer = _answer(self.post(query, {"n": 100, f"unused{i}": "x" * 2000}))
            statuses[answer] = statuses.get(answer, 0) + 1
        return ", ".join(f"{k}: {v}" for k, v in statuses.items())

    def distinct_documents(self) -> str:
        statuses: dict[str, int] = {}
        for i in range(800 * self.scale):
            query = f"# {i} " + "y" * (250 * 1024 - 40) + "\n{ __typename }"
            ext = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
            answer = _answer(self.post(query, extensions=ext))
            statuses[answer] = statuses.get(answer, 0) + 1
        return ", ".join(f"{k}: {v}" for k, v in statuses.items())

    # 5. subscription fan-out
    def fan_out(self) -> str:
        return asyncio.run(self._fan_out())

    async def _fan_out(self) -> str:
        from websockets.asyncio.client import connect

        query = "subscription($f: ArticleFilter) { articlePublished(filter: $f) { title people { name } countries { code } } }"
        sockets = []
        try:
            for i in range(200):
                ws = await connect(self.ws_url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
                sockets.append(ws)
                await ws.send(json.dumps({"type": "connection_init"}))
                await ws.recv()
                words = ["Minsk", "Seoul", "blockchain", "minister", "Belarus"][i % 5]
                text = f"{words} {['talks', 'news', 'trade', 'deal'][i // 5 % 4]}"
                await ws.send(
                    json.dumps(
                        {
                            "id": "1",
                            "type": "subscribe",
                            "payload": {"query": query, "variables": {"f": {"text": text}}},
                        }
                    )
                )
            await asyncio.sleep(2)
            mutation = "mutation($t: String!) { importArticle(input: {text: $t}) { title } }"
            story = "Minsk talks news trade deal\n\nNews | May 1, 2024\n\nBelarus and Seoul signed a blockchain trade deal in Minsk; the minister said talks went well.\n"
            began = time.perf_counter()
            async with httpx.AsyncClient(base_url=self.server.base_url, timeout=120) as http:
                done = await http.post(
                    "/graphql",
                    json={"query": mutation, "variables": {"t": story}},
                    headers={"Authorization": f"Bearer {self.token}"},
                )
            received = 0

            async def first(ws: Any) -> None:
                nonlocal received
                try:
                    await asyncio.wait_for(ws.recv(), 60)
                    received += 1
                except (TimeoutError, Exception):  # noqa: BLE001 - counted as not received
                    return

            await asyncio.gather(*(first(ws) for ws in sockets))
            spent = time.perf_counter() - began
            return f"{_answer(done)}; {received}/200 delivered in {spent:.2f} s"
        finally:
            for ws in sockets:
                await ws.close()

    # 6. headers
    def huge_headers(self) -> str:
        statuses: dict[str, int] = {}
        for _ in range(3 * self.scale):
            with socket.create_connection(
                ("127.0.0.1", int(self.server.base_url.rsplit(":", 1)[1])), timeout=60
            ) as sock:
                head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: "
                try:
                    sock.sendall(head)
                    for _ in range(100):
                        sock.sendall(b"a" * MB)
                    sock.sendall(b"\r\n\r\n")
                except OSError:
                    pass
                try:
                    status = sock.recv(100).split(b" ")[1].decode() or "closed"
                except (OSError, IndexError):
                    status = "closed"
            statuses[status] = statuses.get(status, 0) + 1
        return ", ".join(f"{k}: {v}" for k, v in statuses.items())

    def slow_client(self) -> str:
        port = int(self.server.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            began = time.perf_counter()
            try:
                while time.perf_counter() - began < 20:
                    sock.sendall(b"X-Slow: 1\r\n")
                    time.sleep(1)
                return "still open after 20 s"
            except OSError:
                return f"closed after {time.perf_counter() - began:.0f} s"


ATTACKS: list[tuple[str, str, bool]] = [
    ("1 fragment bomb, POST (22 levels, 905 bytes)", "bomb_post", False),
    ("1 fragment bomb, GET", "bomb_get", False),
    ("1 fragment bomb, persisted-query hash", "bomb_hash", False),
    ("1 fragment bomb, WebSocket subscribe", "bomb_ws", False),
    ("2 quotes of quotes", "quotes_of_quotes", False),
    ("2 15 aliases of 100 countries' daily timelines", "timelines", False),
    ("3 distinct 8 MB subscribe documents (15 x scale)", "ws_documents", True),
    ("4 fresh unused variable (300 x scale requests)", "unused_variables", True),
    ("4 distinct 250 KB documents with APQ (800 x scale)", "distinct_documents", True),
    ("5 200 sockets, 20 text filters, one write", "fan_out", False),
    ("6 100 MB headers (3 x scale)", "huge_headers", True),
    ("6 a header line a second", "slow_client", False),
]


def _token(env: dict[str, str], cwd: Path) -> str:
    import subprocess

    done = subprocess.run(
        [*gql_news_command(), "token", "create", "--name", f"abuse-{uuid.uuid4().hex[:6]}"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip().splitlines()[-1]


def run(database_url: str, tree: Path | None, scale: int, only: set[str]) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="gql-news-abuse-") as tmp:
        env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "warning"}
        if tree is not None:
            env["PYTHONPATH"] = f"{tree}{os.pathsep}{env.get('PYTHONPATH', '')}"
        cwd = Path(tmp)
        token = _token(env, cwd)
        for name, method, memory in ATTACKS:
            if only and not any(key in name for key in only):
                continue
            port = free_port()
            processes = Processes()
            try:
                server = processes.start(
                    f"abuse-{port}",
                    [*gql_news_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                    port=port,
                    env=env,
                    cwd=cwd,
                )
                for _ in range(600):
                    try:
                        if httpx.get(f"{server.base_url}/readyz", timeout=2).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.1)
                bench = Bench(server, server.process.pid, token, scale)
                bench.post("{ __typename }")
                before = _rss_mb(server.process.pid)
                cpu_before = _cpu_s(server.process.pid)
                began = time.perf_counter()
                with Healthz(server.base_url) as health:
                    try:
                        answer = getattr(bench, method)()
                    except Exception as exc:  # noqa: BLE001 - a broken attack is a row too
                        answer = f"failed: {type(exc).__name__}: {str(exc)[:80]}"
                spent = time.perf_counter() - began
                cpu = _cpu_s(server.process.pid) - cpu_before
                time.sleep(1)
                grown = _rss_mb(server.process.pid) - before if memory else 0.0
                rows.append(Row(name, answer, spent, cpu, health.slowest, grown))
                print(
                    f"{name:55} {answer[:60]:60} {spent:8.3f} s  server CPU {cpu:7.3f} s"
                    f"  healthz {health.slowest:6.3f} s  RSS +{grown:7.1f} MB",
                    flush=True,
                )
            finally:
                processes.stop_all()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.abuse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default=None, help="admin URL of a PostgreSQL server (default: SQLite)")
    parser.add_argument("--tree", type=Path, default=None, help="run the server from this checkout")
    parser.add_argument("--scale", type=int, default=10, help="multiplier of the memory attacks")
    parser.add_argument("--only", action="append", default=[], help="run attacks whose name holds this")
    args = parser.parse_args(argv)
    # The sync WebSocket client logs a traceback when a refused connection ends mid-send.
    logging.getLogger("websockets").setLevel(logging.CRITICAL)
    if args.pg_url:
        from bench.database import BenchDatabase

        database = BenchDatabase(args.pg_url, f"gql_news_abuse_{uuid.uuid4().hex[:8]}")
        asyncio.run(database.recreate())
        try:
            run(database.url, args.tree, args.scale, set(args.only))
        finally:
            asyncio.run(database.drop())
        return 0
    with tempfile.TemporaryDirectory(prefix="gql-news-abuse-db-") as tmp:
        run(f"sqlite://{Path(tmp) / 'abuse.sqlite3'}", args.tree, args.scale, set(args.only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
