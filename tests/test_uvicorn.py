"""The real command: `gql-news serve` under uvicorn on a free port, queried over TCP by a real client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gql import Client, gql
from gql.transport.httpx import HTTPXTransport


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, empty_database_url: str) -> Iterator[str]:
    """`gql-news serve` in a child process on its own database, with the demo content."""
    port = _free_port()
    env = dict(os.environ)
    env["DATABASE_URL"] = empty_database_url
    command = [sys.executable, "-m", "gql_news", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "exited"
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not become ready in 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("server did not stop on SIGTERM within 20 s")
        finally:
            if proc.stdout:
                proc.stdout.close()


def test_served_over_tcp_with_demo_content(server: str) -> None:
    transport = HTTPXTransport(url=f"{server}/graphql")
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        result = session.execute(
            gql("""
          { articles(first: 1) { edges { node { title people { name country { code } }
              countries { code } organisations { name country { code } } } } } }
        """)
        )
    node = result["articles"]["edges"][0]["node"]
    assert node["title"] == "Belarus Encourages Korean Investors Interested In Blockchain"
    assert {p["name"] for p in node["people"]} == {
        "Andrei Dapkiunas",
        "Aleksandr Lukashenko",
        "Sergey Popkov",
    }
    assert {p["country"]["code"] for p in node["people"]} == {"BY"}
    assert {"BY", "KR"} <= {c["code"] for c in node["countries"]}
    page = httpx.get(f"{server}/graphql", headers={"Accept": "text/html"}, timeout=5)
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
