"""Real `gql-news` processes for tests: a server on a free port, one-shot commands."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run_command(args: list[str], env: dict[str, str], cwd: Path, stdin: str | None = None) -> str:
    """Run `gql-news ARGS` to completion; its standard output (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "gql_news", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@contextmanager
def serve(env: dict[str, str], cwd: Path, *extra: str) -> Iterator[str]:
    """`gql-news serve` in a child process on a free port, until the block ends; yields its URL.

    Stopped with SIGTERM, which it must honour within 20 s.
    """
    port = free_port()
    command = [sys.executable, "-m", "gql_news", "serve", "--host", "127.0.0.1", "--port", str(port), *extra]
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
