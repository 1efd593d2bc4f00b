"""What `gql-news import` loads in a fresh interpreter: none of the HTTP server, the GraphQL schema
or the clients of the services it does not use. Several importers run at once, each paying its
start-up in CPU; these modules are imported by the commands that need them, not by the module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "gql_news" / "data" / "seed" / "belarus-korea-blockchain.txt"

UNUSED_BY_IMPORT = (
    "strawberry",
    "graphql",
    "starlette",
    "uvicorn",
    "uvloop",
    "websockets",
    "httptools",
    "prometheus_client",
    "redis",
    "opentelemetry",
    "httpx",
    "gql_news.app",
    "gql_news.graphql.schema",
    "gql_news.graphiql",
    "gql_news.ops.serving",
    "gql_news.ops.metrics",
    "gql_news.ops.tracing",
)

# Runs the command in this interpreter and writes, at its exit, the names of the modules loaded.
_PROBE = """
import atexit, json, sys

def _loaded(path=sys.argv[1]):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)

atexit.register(_loaded)
from gql_news.cli import app

sys.argv = ["gql-news", *sys.argv[2:]]
app()
"""


def _loaded_by(tmp_path: Path, url: str, *args: str) -> list[str]:
    modules = tmp_path / "modules.json"
    environment = {**os.environ, "DATABASE_URL": url}
    environment.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(modules), *args],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    loaded: list[str] = json.loads(modules.read_text(encoding="utf-8"))
    return loaded


def _unused(loaded: list[str]) -> list[str]:
    return [name for name in loaded if any(name == u or name.startswith(f"{u}.") for u in UNUSED_BY_IMPORT)]


def test_import_loads_no_server_schema_or_service_client(tmp_path: Path, empty_database_url: str) -> None:
    loaded = _loaded_by(tmp_path, empty_database_url, "import", str(SEED))
    assert "gql_news.ingest.importer" in loaded  # the probe saw the command run
    assert _unused(loaded) == []


def test_help_loads_none_of_them_either(tmp_path: Path) -> None:
    loaded = _loaded_by(tmp_path, "sqlite://unused.sqlite3", "--help")
    assert _unused(loaded) == []
