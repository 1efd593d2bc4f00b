"""`gql-news serve` as a real child process on a free port, for tests that talk to it over TCP.

Its output goes to a file, not a pipe: a server logging every request under load would fill a
pipe nobody reads and stall.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    """A running `gql-news serve` process."""

    proc: subprocess.Popen[bytes]
    url: str
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def terminate(self, timeout: float = 20) -> int:
        """SIGTERM, then wait; returns the exit code (the process is killed past `timeout`)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise


def gql_news_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gql_news", *args]


def start_server(cwd: Path, env: dict[str, str], *, demo: bool = True, ready_timeout: float = 60) -> Served:
    """Start `gql-news serve` on a free port with `env` over this environment; wait for /readyz."""
    port = free_port()
    full_env = {**os.environ, **env}
    command = gql_news_command("serve", "--host", "127.0.0.1", "--port", str(port))
    if not demo:
        command.append("--no-demo")
    log_path = cwd / f"server-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, env=full_env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    served = Served(proc, f"http://127.0.0.1:{port}", port, log_path)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}:\n{served.log()}")
        try:
            if httpx.get(f"{served.url}/readyz", timeout=1).status_code == 200:
                return served
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    served.terminate()
    raise AssertionError(f"server did not become ready in {ready_timeout} s:\n{served.log()}")


def run_command(args: Sequence[str], database_url: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run `gql-news ARGS` to completion on the database; its standard output (it must succeed)."""
    done = subprocess.run(
        gql_news_command(*args),
        env={**os.environ, **(env or {}), "DATABASE_URL": database_url},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def cli_token(database_url: str, cwd: Path, name: str, env: dict[str, str] | None = None) -> str:
    """A write token made by the real `gql-news token create` (which also migrates the database)."""
    return run_command(["token", "create", "--name", name], database_url, cwd, env).strip().splitlines()[-1]


@contextmanager
def serve_process(
    database_url: str, cwd: Path, env: dict[str, str] | None = None, *, demo: bool = True
) -> Iterator[str]:
    """The server's base URL once /readyz answers; stopped with SIGTERM (and checked) afterwards."""
    served = start_server(cwd, {**(env or {}), "DATABASE_URL": database_url}, demo=demo)
    try:
        yield served.url
    finally:
        try:
            code = served.terminate()
        except subprocess.TimeoutExpired:
            pytest.fail("server did not stop on SIGTERM within 20 s")
        if code != 0:
            pytest.fail(f"server exited with status {code} after SIGTERM:\n{served.log()[-4000:]}")
