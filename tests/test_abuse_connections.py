"""Abusive connections against a real `gql-news serve`: the "Abusive connections" table of docs/hardening.md.

These limits live in the server process (uvicorn's protocol, its WebSocket settings, the
database's locks between processes), so each case talks to `gql-news serve` over TCP, in both
database passes; a test keeps the table and these cases equal.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.databases import scratch_database
from tests.readme import table_rows
from tests.servers import Served, cli_token, spawn_cli, start_server

STORY = "Talks {n}\n\nNews | May {day}, 2024\n\nAna Lopes, the finance minister of Portugal, met officials in Lisbon ({n}).\n"


@dataclass
class Server:
    served: Served
    database_url: str
    cwd: Path

    @property
    def host_port(self) -> tuple[str, int]:
        return "127.0.0.1", self.served.port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    cwd = tmp_path_factory.mktemp("abuse")
    with scratch_database(cwd, "abuse", migrated=True) as url:
        env = {"DATABASE_URL": url, "HEADER_TIMEOUT_S": "1", "BODY_TIMEOUT_S": "1", "LOG_FORMAT": "text"}
        served = start_server(cwd, env)
        try:
            yield Server(served, url, cwd)
        finally:
            served.terminate()


def _raw(server: Server, data: bytes, *, pause_s: float = 0.0, chunks: int = 1, slow: bytes = b"") -> bytes:
    """Send `data` (in `chunks`, pausing between them), then `slow` a byte at a time, and read
    until the server closes."""
    with socket.create_connection(server.host_port, timeout=10) as sock:
        step = max(1, len(data) // chunks)
        try:
            for first in range(0, len(data), step):
                sock.sendall(data[first : first + step])
                time.sleep(pause_s)
            for byte in slow:
                sock.sendall(bytes([byte]))
                time.sleep(0.4)
        except (BrokenPipeError, ConnectionResetError):
            pass
        received = b""
        while True:
            try:
                part = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not part:
                break
            received += part
        return received


def _status(received: bytes) -> str:
    return received.split(b" ", 2)[1].decode() if received.startswith(b"HTTP/1.1") else "closed"


async def _huge_head(server: Server) -> str:
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n"
    return f"{_status(await asyncio.to_thread(_raw, server, head))}, connection closed"


async def _trickled_head(server: Server) -> str:
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: 1\r\n" * 20 + b"\r\n"
    received = await asyncio.to_thread(_raw, server, head, pause_s=0.3, chunks=20)
    return f"{_status(received)}, connection closed"


def _log_has(server: Server, needle: str) -> bool:
    for _ in range(50):
        if needle in server.served.log():
            return True
        time.sleep(0.1)
    return False


def _access_line_logged(server: Server, request_id: str) -> bool:
    """Whether the server logged the request's access line ("POST /graphql <status>"), polled
    for up to 30 s: another process's log, there is nothing to wait on."""
    for _ in range(300):
        if any(request_id in line and "POST /graphql " in line for line in server.served.log().splitlines()):
            return True
        time.sleep(0.1)
    return False


async def _trickled_body(server: Server) -> str:
    body = b'{"query": "{ __typename }"}'
    head = b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: trickled-body\r\n"
    request = head + b"Content-Length: %d\r\n\r\n" % len(body)
    received = await asyncio.to_thread(_raw, server, request, slow=body[:10])
    logged = await asyncio.to_thread(_log_has, server, "POST /graphql 499")
    return f"{_status(received)}; logged 499" if logged else f"{_status(received)}; not logged"


async def _hang_up_mid_body(server: Server) -> str:
    head = b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: hung-up\r\n"
    with socket.create_connection(server.host_port, timeout=10) as sock:
        sock.sendall(head + b"Content-Length: 1000\r\n\r\n" + b'{"query": "')
        await asyncio.sleep(0.2)
    await asyncio.to_thread(_log_has, server, "client went away (request id hung-up)")
    # The access line is its own record, written after that one: on a loaded machine, later.
    await asyncio.to_thread(_access_line_logged, server, "hung-up")
    lines = [line for line in server.served.log().splitlines() if "hung-up" in line]
    errors = [line for line in lines if "ERROR" in line or "Traceback" in line]
    status = "499" if any(" 499" in line for line in lines) else "no access line"
    return f"logged {status} at info, {len(errors)} errors"


async def _large_ws_message(server: Server) -> str:
    url = f"ws://127.0.0.1:{server.served.port}/graphql"
    query = "subscription { articlePublished { title } }" + " " * 1_000_000
    async with connect(url, subprotocols=["graphql-transport-ws"], compression="deflate") as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init"}))
        await ws.recv()
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        try:
            await asyncio.wait_for(ws.recv(), 10)
        except ConnectionClosed as closed:
            return f"socket closed with {closed.rcvd.code if closed.rcvd else None}"
    return "socket open"


async def _ws_bomb(server: Server) -> str:
    levels = 23
    parts = [f"fragment F{i} on Article {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Article {{ title }}")
    query = "subscription { articlePublished { ...F0 } } " + " ".join(parts)
    url = f"ws://127.0.0.1:{server.served.port}/graphql"
    async with connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(json.dumps({"type": "connection_init"}))
        await ws.recv()
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        answer = json.loads(await asyncio.wait_for(ws.recv(), 10))
        await ws.send(json.dumps({"type": "ping"}))
        pong = json.loads(await asyncio.wait_for(ws.recv(), 10))
    code = answer["payload"][0]["extensions"]["code"]
    return f"`{answer['type']}` `{code}`, socket {'open' if pong['type'] == 'pong' else 'closed'}"


async def _write_during_import(server: Server) -> str:
    token = await asyncio.to_thread(cli_token, server.database_url, server.cwd, "abuse")
    folder = server.cwd / "stories"
    folder.mkdir(exist_ok=True)
    for n in range(150):
        (folder / f"{n}.txt").write_text(STORY.format(n=n, day=1 + n % 28))
    output = server.cwd / "import.log"
    importer = spawn_cli(
        "import", str(folder), env={"DATABASE_URL": server.database_url}, cwd=server.cwd, output=output
    )
    codes: list[str] = []
    mutation = "mutation($n: String!) { createPerson(input: {name: $n}) { name } }"
    async with httpx.AsyncClient(base_url=server.served.url, timeout=30) as http:
        n = 0
        while importer.poll() is None or n < 5:
            body = (
                await http.post(
                    "/graphql",
                    json={"query": mutation, "variables": {"n": f"Writer {n}"}},
                    headers={"Authorization": f"Bearer {token}"},
                )
            ).json()
            codes.extend(e["extensions"]["code"] for e in body.get("errors", []))
            n += 1
            await asyncio.sleep(0.01)
    assert await asyncio.to_thread(importer.wait, 120) == 0, output.read_text()
    return "data" if not codes else ", ".join(f"`{c}`" for c in sorted(set(codes)))


# (docs row, case, answer)
CASES: list[tuple[str, Callable[[Server], Awaitable[str]], str]] = [
    ("a 1 MB request head (one header)", _huge_head, "431, connection closed"),
    ("a request head trickled past `HEADER_TIMEOUT_S`", _trickled_head, "408, connection closed"),
    ("a body trickled past `BODY_TIMEOUT_S`", _trickled_body, "closed; logged 499"),
    ("a client that hangs up halfway through its body", _hang_up_mid_body, "logged 499 at info, 0 errors"),
    (
        "a 1 MB WebSocket message (compression is not offered)",
        _large_ws_message,
        "socket closed with 1009",
    ),
    (
        "a fragment bomb in a WebSocket subscribe message",
        _ws_bomb,
        "`error` `QUERY_TOO_COMPLEX`, socket open",
    ),
    ("API writes while `gql-news import` writes 150 articles", _write_during_import, "data"),
]


@pytest.mark.parametrize(("name", "case", "answer"), CASES, ids=[c[0] for c in CASES])
async def test_abusive_connection(
    server: Server, name: str, case: Callable[[Server], Awaitable[str]], answer: str
) -> None:
    assert await case(server) == answer
    assert (await asyncio.to_thread(httpx.get, f"{server.served.url}/healthz")).status_code == 200


def test_the_readme_table_matches_these_cases() -> None:
    rows = table_rows("### Abusive connections", "hardening.md")
    assert rows == [(name, answer) for name, _, answer in CASES]
