"""Search benchmark: `search(query:)` over a synthetic dataset on PostgreSQL, p50/p95 per kind of query.

    uv run python -m bench.search                    # 50,000 articles, 300 timed requests
    uv run python -m bench.search --articles 2000 --requests 60 --json out.json

On a database it creates and drops (`gql_news_bench_search_<random>`, `--keep` leaves it):

1. applies gql_news's migrations, loads the ISO countries and the deterministic dataset of
   `python -m bench` (`bench/dataset.py`, seeded) with `--articles` articles; the search
   documents are built by the migration's triggers as the rows arrive; then ANALYZE;
2. draws queries from the entities the articles mention (seeded): a person's full name, a surname,
   an organisation's name, a country with a surname, a quoted role phrase, an exclusion,
   an `or` of two surnames, and one common word that most articles contain;
3. sends each query through the real ASGI app in process (httpx, response cache off) as
   `search(query:, first: 20) { totalCount edges { score snippet node { title slug } } }`,
   sequentially, after a warm-up pass, and reports p50/p95 of the request time per kind and over
   all, with the mean number of matches. Timing is wall-clock on a shared machine: compare
   figures within one run, not across runs.

Not a test: it prints one table and, with `--json PATH`, writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager

from bench.database import BenchDatabase, prepare
from bench.dataset import Sizes

SEARCH = (
    "query($q: String!) { search(query: $q, first: 20) "
    "{ totalCount edges { score snippet node { title slug } } } }"
)
_ROLES = ('"central bank governor"', '"foreign minister"', '"chief executive"', '"energy minister"')


async def _queries(url: str, per_kind: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the stored people, organisations and countries."""
    rng = random.Random(seed)
    conn = await asyncpg.connect(url)
    try:
        people, orgs, countries = [
            [
                r["name"]
                for r in await conn.fetch(
                    f"SELECT e.name FROM {table} e WHERE EXISTS"
                    f" (SELECT 1 FROM mention m WHERE m.{table}_id = e.id) ORDER BY e.id"
                )
            ]
            for table in ("person", "organisation", "country")
        ]
    finally:
        await conn.close()

    def surname() -> str:
        return str(rng.choice(people).split()[-1])

    makers: dict[str, Callable[[], str]] = {
        "person": lambda: rng.choice(people),
        "surname": surname,
        "organisation": lambda: rng.choice(orgs),
        "country + surname": lambda: f"{rng.choice(countries)} {surname()}",
        "phrase": lambda: rng.choice(_ROLES),
        "exclusion": lambda: f"{surname()} -{rng.choice(countries).split()[-1]}",
        "or": lambda: f"{surname()} or {surname()}",
        "common word": lambda: rng.choice(("markets", "negotiators", "agreement", "questions")),
    }
    out = [(kind, make()) for kind, make in makers.items() for _ in range(per_kind)]
    rng.shuffle(out)
    return out


async def _time(url: str, queries: list[tuple[str, str]]) -> dict[str, Any]:
    from gql_news.app import create_app
    from gql_news.settings import Settings

    settings = Settings(database_url=url, response_cache_bytes=0, statement_timeout_ms=60_000)
    app = create_app(settings)
    times: dict[str, list[float]] = defaultdict(list)
    matches: dict[str, list[int]] = defaultdict(list)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for timed in (False, True):  # a warm-up pass (pool, plans, caches), then the timed one
                for kind, query in queries:
                    started = time.perf_counter()
                    response = await client.post(
                        "/graphql", json={"query": SEARCH, "variables": {"q": query}}
                    )
                    elapsed = (time.perf_counter() - started) * 1000
                    body = response.json()
                    if "errors" in body:
                        raise RuntimeError(f"{query!r}: {body['errors']}")
                    if timed:
                        times[kind].append(elapsed)
                        matches[kind].append(body["data"]["search"]["totalCount"])
    every = [t for kind in times for t in times[kind]]
    rows = {kind: _summary(times[kind], matches[kind]) for kind in times}
    rows["all"] = _summary(every, [m for kind in matches for m in matches[kind]])
    return rows


def _summary(times: list[float], matches: list[int]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "requests": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
        "mean_matches": round(statistics.mean(matches), 1),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    target = BenchDatabase(args.pg_url, args.db_name or f"gql_news_bench_search_{uuid.uuid4().hex[:8]}")
    sizes = Sizes(articles=args.articles)
    try:
        load = await prepare(target, sizes, reuse=args.keep, log=lambda msg: print(msg, flush=True))
        queries = await _queries(target.url, max(1, args.requests // 8), seed=args.seed)
        before = os.getloadavg()
        rows = await _time(target.url, queries)
        after = os.getloadavg()
    finally:
        if not args.keep:
            await target.drop()
    return {
        "articles": args.articles,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "loadavg_before_after": [before, after],  # a shared machine: the context of the timings
        "load": load,
        "search": rows,
    }


def _table(result: dict[str, Any]) -> str:
    lines = [
        f"search over {result['articles']:,} articles (PostgreSQL), one client, first: 20 with snippets",
        f"{'kind':<20} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'matches':>9}",
    ]
    for kind, row in result["search"].items():
        lines.append(
            f"{kind:<20} {row['requests']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['mean_matches']:>9}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=320, help="timed requests, split over 8 kinds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--db-name", default=None, help="database to create (default: a unique name)")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it next time)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = asyncio.run(run(args))
    print(_table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
