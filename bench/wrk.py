"""Load from wrk (Debian's package): one Lua script per request shape, results as JSON from `done()`.

The script's `done()` prints one JSON line (requests, duration, errors, latency percentiles in
microseconds) after wrk's own text summary; `parse()` reads that line, not the text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MARK = "BENCH_WRK_JSON "

_DONE = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%s{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\\n',
    "__MARK__", summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
""".replace("__MARK__", MARK)


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    errors: dict[str, int]
    non_2xx: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _long_string(text: str) -> str:
    """`text` as a Lua long-bracket literal whose closing bracket cannot occur inside it."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


def lua_script(method: str, body: str | None = None, accept: str = "application/json") -> str:
    """A wrk script sending the same request every time."""
    lines = [f'wrk.method = "{method}"', f'wrk.headers["Accept"] = "{accept}"']
    if body is not None:
        lines += [f"wrk.body = {_long_string(body)}", 'wrk.headers["Content-Type"] = "application/json"']
    return "\n".join(lines) + "\n" + _DONE


def parse(stdout: str) -> WrkResult:
    """The result printed by the script's `done()`; ValueError when wrk printed none."""
    lines = [line for line in stdout.splitlines() if line.startswith(MARK)]
    if not lines:
        raise ValueError(f"wrk printed no result line ({MARK.strip()}); output:\n{stdout[-2000:]}")
    raw = json.loads(lines[-1][len(MARK) :])
    duration = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = {k: int(v) for k, v in raw["errors"].items()}
    return WrkResult(
        requests=raw["requests"],
        duration_s=round(duration, 3),
        rps=round(raw["requests"] / duration, 1) if duration else 0.0,
        p50_ms=latency["p50"] / 1000,
        p90_ms=latency["p90"] / 1000,
        p99_ms=latency["p99"] / 1000,
        mean_ms=round(latency["mean"] / 1000, 3),
        max_ms=latency["max"] / 1000,
        errors=errors,
        non_2xx=errors["status"],
    )


def executable() -> str:
    """wrk's path, installing Debian's package when it is missing (needs root)."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None:
        raise RuntimeError("wrk is not installed and there is no apt-get to install it with")
    install = [apt, "install", "-y", "--no-install-recommends", "wrk"]
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run([apt, "update"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    found = shutil.which("wrk")
    if found is None:
        raise RuntimeError("apt-get installed wrk but it is not on PATH")
    return found


def run(
    wrk: str,
    url: str,
    script: Path,
    *,
    duration_s: float,
    connections: int,
    threads: int,
    timeout_s: float = 10.0,
) -> WrkResult:
    """One wrk run; raises with wrk's output when it fails or prints no result."""
    argv = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration_s))}s",
        f"--timeout={max(1, round(timeout_s))}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=duration_s + 60, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {' '.join(argv)}\n{proc.stdout}\n{proc.stderr}")
    return parse(proc.stdout)
