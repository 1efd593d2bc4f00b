"""`gql-news serve` with extra arguments (`--workers N`) as a real child process, its output
captured to a file, ready once every worker has started; and one-shot `gql-news` commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.servers import free_port


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    output: Path

    def lines(self) -> list[str]:
        return self.output.read_text(encoding="utf-8").splitlines()

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, as a container runtime sends it; assert a clean, complete shutdown (status 0)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        output = self.output.read_text(encoding="utf-8")
        assert code == 0, f"exit status {code}:\n{output}"
        assert "Application shutdown complete" in output, output


def cli(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 60, input_text: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `gql-news ARGS` to completion, `input_text` on its standard input."""
    command = [sys.executable, "-m", "gql_news", *args]
    return subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input_text,
    )


@contextmanager
def serve(
    database_url: str, cwd: Path, *args: str, env: dict[str, str] | None = None, workers: int = 1
) -> Iterator[Server]:
    """Start the server, wait for /readyz and for every worker's start-up, and always stop it
    (killing it if SIGTERM is ignored)."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    command = [sys.executable, "-m", "gql_news", "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    output = cwd / f"serve-{port}.log"
    with output.open("wb") as sink:
        process = subprocess.Popen(command, env=environment, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, output)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"server exited early:\n{output.read_text()}"
            started = output.read_text(encoding="utf-8").count("Application startup complete")
            try:
                if started >= workers and httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"server not ready in 90 s:\n{output.read_text()}"
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
