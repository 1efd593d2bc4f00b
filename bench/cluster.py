"""A throw-away PostgreSQL cluster: `initdb` and `pg_ctl` from the installed PostgreSQL, its own
port, data directory and unix socket directory under one temporary directory.

The fault tests (tests/faults/) and the event drill (bench/event_drill.py) stop and restart a
database, which they cannot do to the shared server. PostgreSQL refuses to run as root (initdb
and postgres both check); when they run as root the cluster
runs as the `postgres` OS user instead (`runuser`, or `setpriv` where runuser is missing), in a
temporary directory handed to that user. The binaries are found through `pg_config --bindir`,
then `initdb` on PATH, then the newest `/usr/lib/postgresql/*/bin`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import free_port

CLUSTER_USER = "postgres"  # the OS user the cluster runs as when run as root

# Settings of the throw-away cluster: durable (fsync, synchronous commit: what the test checks),
# small, and logging every session's end with the client's application name, at DEBUG1 so that
# a client that vanished without closing its session ("unexpected EOF") shows.
_CONFIG = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{sockets}'
max_connections = 40
shared_buffers = 16MB
fsync = on
synchronous_commit = on
log_line_prefix = '%m [%p] app=%a '
log_connections = on
log_disconnections = on
log_min_messages = debug1
"""


class ClusterUnavailable(Exception):
    """The PostgreSQL server binaries (or a user to run them as) are not installed here."""


def find_bindir() -> Path:
    """The directory holding `initdb` and `pg_ctl` of the installed PostgreSQL."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.strip():
            candidates.append(Path(done.stdout.strip()))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    candidates.extend(sorted(versions, key=lambda p: _version(p.parent.name), reverse=True))
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    raise ClusterUnavailable(f"no initdb/pg_ctl found (looked in {[str(c) for c in candidates]})")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs the server binaries as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam(CLUSTER_USER)
    except KeyError:
        raise ClusterUnavailable(f"running as root and there is no {CLUSTER_USER!r} user") from None
    if shutil.which("runuser"):
        return ["runuser", "-u", CLUSTER_USER, "--"], user
    if shutil.which("setpriv"):
        ids = [f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups"]
        return ["setpriv", *ids, "--"], user
    raise ClusterUnavailable("running as root and neither runuser nor setpriv is installed")


@dataclass
class Cluster:
    """One PostgreSQL cluster of its own; `create()` makes it, `destroy()` removes every trace."""

    bindir: Path
    root: Path
    port: int
    prefix: list[str] = field(default_factory=list)

    @classmethod
    def create(cls) -> Cluster:
        bindir = find_bindir()
        prefix, user = _run_as()
        root = Path(tempfile.mkdtemp(prefix="gql-news-pg-"))
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
        cluster = cls(bindir, root, free_port(), prefix)
        try:
            cluster._initdb()
        except BaseException:
            cluster.destroy()
            raise
        return cluster

    @classmethod
    def standby_of(cls, primary: Cluster) -> Cluster:
        """A streaming replica of `primary` (running), on a port of its own: `pg_basebackup -R`
        copies the primary's data directory and writes the standby's connection settings, through a
        physical replication slot of its own (the primary keeps the WAL it has not received yet).
        The primary's defaults allow it: wal_level replica, max_wal_senders 10, and initdb's
        pg_hba.conf lets local replication connections in."""
        prefix, user = _run_as()
        root = Path(tempfile.mkdtemp(prefix="gql-news-pg-standby-"))
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
        standby = cls(primary.bindir, root, free_port(), prefix)
        try:
            standby._binary(
                "pg_basebackup",
                *("-D", str(standby.data_dir), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
                *("-X", "stream", "-R", "-C", "-S", standby.slot, "--no-sync", "-c", "fast"),
            )
            config = _CONFIG.format(port=standby.port, sockets=root)
            with (standby.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.write(config)
        except BaseException:
            standby.destroy()
            raise
        return standby

    @property
    def slot(self) -> str:
        """The replication slot this cluster streams through when it is a standby."""
        return f"gql_news_standby_{self.port}"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _binary(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [*self.prefix, str(self.bindir / name), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{name} {' '.join(args)} failed: {done.stdout}{done.stderr}")
        return done

    def _initdb(self) -> None:
        self._binary(
            "initdb",
            *("-D", str(self.data_dir), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"),
            "--no-sync",  # the template files only; the cluster itself runs with fsync on
        )
        config = _CONFIG.format(port=self.port, sockets=self.root)
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(config)

    def start(self) -> None:
        self._binary("pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_path), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: sessions are ended and a shutdown checkpoint written. `immediate`: every
        process quits at once, as in a crash; the next start replays the WAL."""
        self._binary("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, mode: str = "fast") -> None:
        """Stop (`mode` as in `stop`) and start again on the same port: every session is cut."""
        self._binary(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_path),
            "-m",
            mode,
            "-w",
            "-t",
            "60",
            "restart",
        )

    def _processes(self) -> list[int]:
        """The postmaster and its children (backends, checkpointer, WAL writer ...)."""
        postmaster = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    @contextmanager
    def frozen(self, at_most: float) -> Iterator[None]:
        """Every process of the cluster stopped (SIGSTOP) for the block: a server that accepts
        TCP connections (the kernel does) and answers nothing, like a hung host. A timer resumes
        it after `at_most` seconds whatever happens, so a request stuck on it cannot hang the
        test run (it fails instead)."""
        stopped = self._processes()

        def resume() -> None:
            for pid in stopped:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)

        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        watchdog = threading.Timer(at_most, resume)
        watchdog.start()
        try:
            yield
        finally:
            watchdog.cancel()
            resume()

    def running(self) -> bool:
        command = [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "status"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def destroy(self) -> None:
        if self.data_dir.exists() and self.running():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
