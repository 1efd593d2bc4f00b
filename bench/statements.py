"""SQL statements per request, counted in PostgreSQL's own log.

pg_stat_statements is not preloaded here and a restart is not an option, so: the bench
database gets `log_statement = 'all'` (sessions opened afterwards log every statement they
run), a marker statement is sent before and after exactly N requests, and the log lines for
the bench database between the two markers are counted. Every round trip that runs a
statement counts, asyncpg's connection reset (`SELECT pg_advisory_unlock_all(); CLOSE ALL;
UNLISTEN *; RESET ALL`) included; resets and transaction control are also reported apart.
The log is read directly when readable, else through `pg_read_binary_file` (superuser).
"""

from __future__ import annotations

import asyncio
import glob
import re
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

LOG_GLOBS = ("/var/log/postgresql/*.log",)
# "... [pid] user@db LOG:  statement: SQL" or "... LOG:  execute <name>: SQL" (extended protocol).
_ENTRY = re.compile(r"LOG:  (?:statement|execute [^:]*): (?P<sql>.*)$")
_PID = re.compile(r"\[(\d+)\]")
_RESET = ("pg_advisory_unlock_all", "RESET ALL", "UNLISTEN *", "DISCARD ALL")
_TRANSACTION = re.compile(r"^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


class LogUnavailable(RuntimeError):
    """The server's log cannot be found or read: statement counts are reported as unavailable."""


@dataclass
class StatementCount:
    """What N requests cost in statements, per request."""

    requests: int
    total: int
    resets: int
    transaction: int
    statements: dict[str, float] = field(default_factory=dict)  # statement (cut) -> times per request

    @property
    def per_request(self) -> float:
        return self.total / self.requests

    @property
    def resets_per_request(self) -> float:
        return self.resets / self.requests

    def as_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "statements_per_request": round(self.per_request, 2),
            "resets_per_request": round(self.resets_per_request, 2),
            "transaction_control_per_request": round(self.transaction / self.requests, 2),
            "statements": self.statements,
        }


def count_lines(lines: list[str], database: str, requests: int, exclude_pids: set[int]) -> StatementCount:
    """Count the statement entries of `database` in log `lines` (already cut to between the markers)."""
    total = resets = transaction = 0
    seen: Counter[str] = Counter()
    tag = f"@{database} "
    for line in lines:
        match = _ENTRY.search(line)
        if match is None:
            continue
        head = line[: match.start()]
        if "@" in head and tag not in head:
            continue  # another database's session (the prefix names the database)
        pid = _PID.search(head)
        if pid and int(pid.group(1)) in exclude_pids:
            continue
        sql = match.group("sql").strip()
        total += 1
        if any(marker in sql for marker in _RESET):
            resets += 1
        elif _TRANSACTION.match(sql):
            transaction += 1
        seen[sql[:160]] += 1
    per_request = {sql: round(n / requests, 2) for sql, n in seen.most_common(40)}
    return StatementCount(requests, total, resets, transaction, per_request)


def _read_from(path: str, offset: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read()


class StatementLog:
    """The PostgreSQL server log as seen from one database, between markers."""

    def __init__(self, admin_dsn: str, database_dsn: str, database: str) -> None:
        self.admin_dsn = admin_dsn
        self.database_dsn = database_dsn
        self.database = database
        self.path: str | None = None
        self._conn: asyncpg.Connection | None = None
        self._own_pid = 0

    async def set_logging(self, on: bool) -> None:
        """Turn `log_statement = 'all'` on or off for sessions opened on the bench database from now on."""
        admin = await asyncpg.connect(self.admin_dsn)
        try:
            if on:
                await admin.execute(f"ALTER DATABASE \"{self.database}\" SET log_statement = 'all'")
            else:
                await admin.execute(f'ALTER DATABASE "{self.database}" RESET log_statement')
        finally:
            await admin.close()

    async def open(self) -> None:
        self._conn = await asyncpg.connect(self.database_dsn)
        await self._conn.execute("SET log_statement = 'all'")
        self._own_pid = int(await self._conn.fetchval("SELECT pg_backend_pid()"))
        if self.path is None:
            self.path = await self._find_log()

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @property
    def conn(self) -> asyncpg.Connection:
        if self._conn is None:
            raise RuntimeError("StatementLog.open() first")
        return self._conn

    async def _size(self, path: str) -> int:
        try:
            return await asyncio.to_thread(lambda: Path(path).stat().st_size)
        except PermissionError:
            size: int = await self.conn.fetchval("SELECT size FROM pg_stat_file($1)", path)
            return size

    async def _read(self, path: str, offset: int) -> str:
        try:
            data = await asyncio.to_thread(_read_from, path, offset)
        except PermissionError:
            data = await self.conn.fetchval(
                "SELECT pg_read_binary_file($1, $2, (SELECT size FROM pg_stat_file($1)) - $2)", path, offset
            )
        return bytes(data).decode("utf-8", errors="replace")

    async def _candidates(self) -> list[str]:
        paths = [p for pattern in LOG_GLOBS for p in glob.glob(pattern)]
        current = await self.conn.fetchval("SELECT pg_current_logfile()")
        if current:
            data_dir = await self.conn.fetchval("SHOW data_directory")
            paths.append(current if current.startswith("/") else f"{data_dir}/{current}")
        return sorted(set(paths))

    async def _find_log(self) -> str:
        paths = await self._candidates()
        sizes = {path: await self._size(path) for path in paths}
        marker = await self._mark()
        for _ in range(100):
            for path in paths:
                if marker in await self._read(path, sizes[path]):
                    return path
            await asyncio.sleep(0.05)
        raise LogUnavailable(
            f"no PostgreSQL log among {paths or list(LOG_GLOBS)} shows the statements of database"
            f" {self.database}; statement counts need the server's log (log_destination=stderr or csvlog)"
        )

    async def _mark(self) -> str:
        marker = f"bench-marker-{uuid.uuid4().hex}"
        await self.conn.execute(f"SELECT '{marker}'")
        return marker

    async def measure(self, requests: int, send: Callable[[], Awaitable[None]]) -> StatementCount:
        """Mark, run `send()` (which must make exactly `requests` requests, one after another), mark, count."""
        lines = await self.lines_during(send)
        return count_lines(lines, self.database, requests, {self._own_pid})

    async def lines_during(self, send: Callable[[], Awaitable[None]]) -> list[str]:
        """The server log's lines between a mark before `send()` and one after it (all databases)."""
        if self.path is None:
            raise RuntimeError("StatementLog.open() first")
        offset = await self._size(self.path)
        start = await self._mark()
        await send()
        end = await self._mark()
        text = ""
        for _ in range(200):
            text = await self._read(self.path, offset)
            if end in text:
                break
            await asyncio.sleep(0.05)
        else:
            raise LogUnavailable(f"the closing marker never reached {self.path}")
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if start in line)
        last = next(i for i, line in enumerate(lines) if end in line)
        return lines[first + 1 : last]
