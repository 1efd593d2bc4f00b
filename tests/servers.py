"""Every server the tests start, from one place: `gql-news serve` (or another command that
serves, such as `make run`) as a real child process on a free port, for tests that talk to it
over TCP; the ASGI app under uvicorn in the test's own event loop, for tests that must share its
objects; and one-shot `gql-news` commands.

A child's output goes to a file, not a pipe: a server logging every request under load would
fill a pipe nobody reads and stall.

`gql-news` children are forked from a fork server that imported the package once
(tests/gql_news_child.py): the suite starts about a hundred of them, and a fresh interpreter
spends over a second of CPU on imports before the command does anything.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
import pytest
import uvicorn
from starlette.types import ASGIApp


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process(Protocol):
    """What the tests use of a child process: `subprocess.Popen`'s names."""

    @property
    def pid(self) -> int: ...
    @property
    def returncode(self) -> int | None: ...
    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def send_signal(self, sig: int) -> None: ...
    def kill(self) -> None: ...


_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["tests.gql_news_child"])


def stop_fork_server() -> None:
    """Stop the fork server, if one started, and reap it (its CPU time then counts as this
    process's children's, like every other child's)."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # type: ignore[attr-defined]


class Forked:
    """A `gql-news` process forked from the fork server, with `subprocess.Popen`'s interface."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], cwd: Path, stdin: Path | None, out: Path, err: Path
    ):
        from tests.gql_news_child import run

        self.args = ["gql-news", *argv]
        self._process = _FORKS.Process(
            target=run, args=(list(argv), env, str(cwd), str(stdin or os.devnull), str(out), str(err))
        )
        self._process.start()

    @property
    def pid(self) -> int:
        pid = self._process.pid
        assert pid is not None
        return pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self._process.exitcode

    def send_signal(self, sig: int) -> None:
        if self._process.exitcode is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


@dataclass
class Served:
    """A running server process (with `group`, the leader of a process group of its own)."""

    proc: Process
    url: str
    port: int
    log_path: Path
    group: bool = False

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def lines(self) -> list[str]:
        return self.log().splitlines()

    def signal(self, sig: signal.Signals) -> None:
        """`sig` to the process, or to its whole group (make's children, uvicorn's workers)."""
        with suppress(ProcessLookupError):
            if self.group:
                os.killpg(self.proc.pid, sig)
            else:
                self.proc.send_signal(sig)

    def terminate(self, timeout: float = 20) -> int:
        """SIGTERM, then wait; returns the exit code (the process is killed past `timeout`)."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.proc.wait()
            raise

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, as a container runtime sends it; assert a clean, complete shutdown (status 0)."""
        code = self.terminate(timeout)
        output = self.log()
        assert code == 0, f"exit status {code}:\n{output}"
        assert "Application shutdown complete" in output, output


def start_server(
    cwd: Path,
    env: dict[str, str],
    *args: str,
    demo: bool = True,
    workers: int = 1,
    command: Sequence[str] | None = None,
    port: int | None = None,
    group: bool = False,
    log_dir: Path | None = None,
    ready_timeout: float = 90,
) -> Served:
    """Start `gql-news serve ARGS` (or `command`, which must listen on `port`) with `env` over
    this environment, its output in `log_dir` (default `cwd`); wait until /readyz answers and,
    with `workers` > 1, until every worker started."""
    port = port or free_port()
    log_path = (log_dir or cwd) / f"server-{port}.log"
    proc: Process
    if command is None:
        arguments = [
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *args,
            *([] if demo else ["--no-demo"]),
        ]
        log_path.touch()
        proc = Forked(arguments, {**os.environ, **env}, cwd, None, log_path, log_path)
    else:
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                list(command),
                env={**os.environ, **env},
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=group,
            )
    served = Served(proc, f"http://127.0.0.1:{port}", port, log_path, group)
    deadline = time.monotonic() + ready_timeout
    # One client for every probe: a new one builds an SSL context, tens of milliseconds of CPU.
    with httpx.Client(base_url=served.url, timeout=2) as probe:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server exited with {proc.returncode}:\n{served.log()}")
            started = workers <= 1 or served.log().count("Application startup complete") >= workers
            try:
                if started and probe.get("/readyz").status_code == 200:
                    return served
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    with suppress(subprocess.TimeoutExpired):
        served.terminate()
    raise AssertionError(f"server did not become ready in {ready_timeout} s:\n{served.log()}")


@contextmanager
def serve_process(
    database_url: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    *args: str,
    demo: bool = True,
    workers: int = 1,
) -> Iterator[Served]:
    """`gql-news serve ARGS` on `database_url`, ready; afterwards stopped with SIGTERM (unless the
    test stopped it) and its exit status checked."""
    served = start_server(
        cwd, {**(env or {}), "DATABASE_URL": database_url}, *args, demo=demo, workers=workers
    )
    try:
        yield served
    finally:
        try:
            code = served.terminate()
        except subprocess.TimeoutExpired:
            pytest.fail("server did not stop on SIGTERM within 20 s")
        if code != 0:
            pytest.fail(f"server exited with status {code} after SIGTERM:\n{served.log()[-4000:]}")


@asynccontextmanager
async def serve_in_process(app: ASGIApp) -> AsyncIterator[str]:
    """`app` under uvicorn in the running event loop, on a free port; its base URL. For tests
    that reach into the served process (its broker, its settings) while clients talk to it."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    for _ in range(400):
        if server.started or task.done():
            break
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


def spawn_cli(*args: str, env: dict[str, str], cwd: Path, output: Path) -> Forked:
    """Start `gql-news ARGS` (`env` over this environment) and return at once; its standard
    output and error go to `output`."""
    return Forked(args, {**os.environ, **env}, cwd, None, output, output)


def cli(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 60, input_text: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `gql-news ARGS` to completion (killed past `timeout`), `input_text` on its standard input."""
    with tempfile.TemporaryDirectory(prefix="gql-news-cli-") as scratch:
        streams = Path(scratch)
        (streams / "stdin").write_text(input_text, encoding="utf-8")
        process = Forked(
            args, {**os.environ, **env}, cwd, streams / "stdin", streams / "stdout", streams / "stderr"
        )
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
        out, err = (
            (streams / name).read_text(encoding="utf-8", errors="replace") for name in ("stdout", "stderr")
        )
    return subprocess.CompletedProcess(process.args, code, out, err)


def run_command(args: Sequence[str], database_url: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run `gql-news ARGS` to completion on the database; its standard output (it must succeed)."""
    done = cli(*args, env={**(env or {}), "DATABASE_URL": database_url}, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def cli_token(database_url: str, cwd: Path, name: str, env: dict[str, str] | None = None) -> str:
    """A write token made by the real `gql-news token create` (which also migrates the database)."""
    return run_command(["token", "create", "--name", name], database_url, cwd, env).strip().splitlines()[-1]
