"""Processes the benchmark starts: each in its own process group, always stopped, logs kept on disk."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

LOG_DIR = Path(__file__).resolve().parent / ".cache" / "logs"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def gql_news_command() -> list[str]:
    """The `gql-news` console script of the running interpreter's environment."""
    script = Path(sys.executable).with_name("gql-news")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gql_news"]


@dataclass
class Server:
    """One started process (group) and where it answers."""

    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path
    started_at: float = field(default_factory=time.perf_counter)

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace_s: float = 10.0) -> None:
        """SIGTERM to the whole process group (uvicorn's workers, node's children), then SIGKILL."""
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(grace_s)
            except subprocess.TimeoutExpired:
                _signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        # Workers that outlived their parent are still in the group.
        _signal_group(self.process.pid, signal.SIGKILL)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


class Processes:
    """Everything started in a run, stopped in reverse order by `stop_all` (call it in `finally`)."""

    def __init__(self) -> None:
        self.servers: list[Server] = []

    def start(
        self,
        name: str,
        argv: Sequence[str],
        *,
        port: int,
        env: Mapping[str, str],
        cwd: Path | None = None,
    ) -> Server:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log_path = LOG_DIR / f"{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,
            )
        server = Server(name, process, f"http://127.0.0.1:{port}", log_path)
        self.servers.append(server)
        return server

    def stop(self, server: Server) -> None:
        server.stop()
        if server in self.servers:
            self.servers.remove(server)

    def stop_all(self) -> None:
        while self.servers:
            self.servers.pop().stop()


def wait_ready(
    server: Server,
    probe: Callable[[httpx.Client], bool],
    timeout_s: float = 90.0,
    interval_s: float = 0.01,
) -> float:
    """Seconds from the process start until `probe` succeeds; RuntimeError with the log if it never does."""
    deadline = time.perf_counter() + timeout_s
    with httpx.Client(base_url=server.base_url, timeout=5.0) as client:
        while time.perf_counter() < deadline:
            if not server.alive():
                raise RuntimeError(
                    f"{server.name} exited with {server.process.returncode} before it was ready:\n"
                    f"{server.log_tail()}"
                )
            try:
                if probe(client):
                    return time.perf_counter() - server.started_at
            except httpx.HTTPError:
                pass
            time.sleep(interval_s)
    raise RuntimeError(f"{server.name} not ready after {timeout_s:.0f} s:\n{server.log_tail()}")


def readyz(client: httpx.Client) -> bool:
    return client.get("/readyz").status_code == 200


def graphql_typename(client: httpx.Client) -> bool:
    response = client.post("/graphql", json={"query": "{ __typename }"})
    return response.status_code == 200 and response.json().get("data") == {"__typename": "Query"}


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name, which is in parentheses and may contain spaces.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            kids.append(int(entry.name))
    return kids


def _cmdline(pid: int) -> str:
    try:
        return (
            (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def rss_mb(pid: int) -> float | None:
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def uvicorn_workers(server: Server) -> list[int]:
    """Pids of the processes serving requests: uvicorn's spawned workers, or the server itself with one."""
    pending = [server.process.pid]
    workers: list[int] = []
    while pending:
        pid = pending.pop()
        for kid in _children(pid):
            if "spawn_main" in _cmdline(kid):
                workers.append(kid)
            pending.append(kid)
    return sorted(workers) or [server.process.pid]


def wait_workers(server: Server, count: int, timeout_s: float = 30.0) -> list[int]:
    """The worker pids once `count` of them run (uvicorn answers as soon as the first one is up)."""
    deadline = time.perf_counter() + timeout_s
    while True:
        pids = uvicorn_workers(server)
        if count <= 1 or len(pids) >= count or time.perf_counter() > deadline:
            return pids
        time.sleep(0.05)
