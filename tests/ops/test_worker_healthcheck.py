"""`gql-news serve` hands uvicorn's worker supervisor the liveness budget from Settings.

uvicorn kills a worker that leaves its supervisor's ping unanswered for `timeout_worker_healthcheck`
seconds (5 by default), with the requests it is serving; a worker busy with one long request on a
loaded machine was killed so. The command runs in a child process with `uvicorn.run` replaced by a
recorder, so nothing is served and this process's logging and signal handlers are left alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.servers import free_port

_RECORD = """
import json, sys
import uvicorn
from gql_news.cli import app

def record(target, **options):
    print("UVICORN " + json.dumps({k: v for k, v in options.items() if isinstance(v, (int, str))}))

uvicorn.run = record
sys.argv = ["gql-news", "serve", "--no-migrate", "--workers", "2", "--port", sys.argv[1]]
app()
"""


def _served_options(env: dict[str, str]) -> dict[str, object]:
    # PostgreSQL, which may have several workers; with --no-migrate nothing connects to it
    environment = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused", **env}
    done = subprocess.run(
        [sys.executable, "-c", _RECORD, str(free_port())],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("UVICORN ")]
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines, done.stdout + done.stderr
    options: dict[str, object] = json.loads(lines[-1].removeprefix("UVICORN "))
    return options


def test_the_worker_liveness_budget_comes_from_settings() -> None:
    options = _served_options({"WORKER_HEALTHCHECK_S": "42"})
    assert options["workers"] == 2
    assert options["timeout_worker_healthcheck"] == 42


def test_the_default_budget_outlasts_uvicorns_own() -> None:
    options = _served_options({})
    assert isinstance(options["timeout_worker_healthcheck"], int)
    assert options["timeout_worker_healthcheck"] > 5
