"""What request observation costs: Prometheus metrics and the JSON access log, against neither.

    uv run python -m bench.ops_overhead [--requests 3000] [--rounds 5]

Three apps from `create_app` over one SQLite file holding the demo content: `bare`
(METRICS_ENABLED=false, ACCESS_LOG=false), `metrics` (recording on, no access line) and
`metrics+log` (both; LOG_FORMAT=json at LOG_LEVEL=info, written to a file). Each is called
directly as an ASGI app, without a socket or an HTTP client in the way, so only the server's
own work is timed: CPU time per request (`time.process_time`) for a GET answered by the
response cache (the cheapest request: where observation weighs most) and for a POST of the demo
article with its people and countries, executed every time (cache off). Rounds are interleaved
and medians printed, with each variant's cost over `bare`. On a machine shared with other work
absolute figures move with their load; compare within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging.config
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from asgi_lifespan import LifespanManager

from gql_news.app import create_app
from gql_news.db import database, migrate
from gql_news.ingest.countries import load_countries
from gql_news.ingest.demo import load_demo, seed_slug
from gql_news.ops.logs import logging_config
from gql_news.settings import Settings

VARIANTS = {
    "bare": {"metrics_enabled": False, "access_log": False},
    "metrics": {"metrics_enabled": True, "access_log": False},
    "metrics+log": {"metrics_enabled": True, "access_log": True},
}
ASGI = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def _query() -> str:
    return (
        f'{{ article(slug: "{seed_slug()}") {{ title people {{ name country {{ code }} }} '
        "countries { code } organisations { name } } }"
    )


def _scope(method: str, query_string: bytes, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": query_string,
        "headers": [(b"host", b"bench"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


async def _request(app: ASGI, method: str, body: bytes) -> int:
    query = _query()
    if method == "GET":
        scope = _scope("GET", urlencode({"query": query}).encode(), [])
    else:
        scope = _scope("POST", b"", [(b"content-type", b"application/json")])
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _cpu_per_request(app: ASGI, method: str, requests: int) -> float:
    body = json.dumps({"query": _query()}).encode() if method == "POST" else b""
    for _ in range(50):  # warm: caches, the pool, the response cache entry
        assert await _request(app, method, body) == 200
    started = time.process_time()
    for _ in range(requests):
        await _request(app, method, body)
    return (time.process_time() - started) / requests * 1e6


async def _prepare(settings: Settings) -> None:
    await migrate(settings)
    async with database(settings):
        await load_countries()
        await load_demo()


async def run(requests: int, rounds: int, scratch: Path) -> dict[tuple[str, str], list[float]]:
    base = Settings(database_url=f"sqlite://{scratch / 'bench.sqlite3'}", graphiql=False, log_format="json")
    await _prepare(base)
    config = logging_config(base)
    config["handlers"]["default"] = {
        "class": "logging.FileHandler",
        "filename": str(scratch / "access.log"),
        "formatter": "default",
        "filters": ["request_id"],
    }
    logging.config.dictConfig(config)
    cpu: dict[tuple[str, str], list[float]] = {}
    for round_no in range(rounds):
        order = list(VARIANTS) if round_no % 2 == 0 else list(reversed(VARIANTS))
        for label, method, cache in (("cached GET", "GET", 2048), ("executed POST", "POST", 0)):
            for name in order:
                settings = base.model_copy(update={**VARIANTS[name], "response_cache_bytes": cache})
                async with LifespanManager(create_app(settings)) as manager:
                    used = await _cpu_per_request(manager.app, method, requests)
                cpu.setdefault((label, name), []).append(used)
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=3000, help="timed requests per variant and round")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (medians reported)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gql-news-ops-bench-") as scratch:
        cpu = asyncio.run(run(opts.requests, opts.rounds, Path(scratch)))
    print(f"{'request':<15} {'variant':<12} {'CPU us/req':>11} {'over bare':>10} {'ratio':>7}")
    for label in ("cached GET", "executed POST"):
        bare = statistics.median(cpu[(label, "bare")])
        for name in VARIANTS:
            median = statistics.median(cpu[(label, name)])
            print(f"{label:<15} {name:<12} {median:>11.0f} {median - bare:>+10.0f} {median / bare:>6.2f}x")


if __name__ == "__main__":
    main()
