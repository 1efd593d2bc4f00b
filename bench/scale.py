"""Search, facets and the entity graph at 50k, 250k and 1M articles: p50/p95 per kind of query.

    uv run python -m bench.scale                              # 50,000, 250,000 and 1,000,000 articles
    uv run python -m bench.scale --sizes 50000 --requests 20 --keep
    uv run python -m bench.scale --sizes 50000 --reuse        # a kept database is not loaded again

For each size, on its own PostgreSQL database (`gql_news_bench_scale_<articles>`, dropped
afterwards unless `--keep` or `--reuse`; a reused database first gets the migrations it lacks,
so a database loaded by older code is measured with this code):

1. applies gql_news's migrations, loads the ISO countries and the generated dataset of
   `bench/dataset.py` at that size (people = articles / 4, organisations = articles / 20, as
   `bench.graph_bench`) with its news-like options: a 200,000-word generated vocabulary drawn
   40 words per article with Zipf popularity (exponent 1), and people and organisations drawn
   with Zipf popularity (exponent 0.8), so most words and entities are rare and a few very
   common. Articles are generated and written `--chunk` at a time (one transaction each; from
   `BULK_FROM` articles, or with `--bulk`, copied by `bench.bulk`, the counts and neighbour
   lists then built once), then ANALYZE and VACUUM (the visibility map autovacuum would set
   on a live database). The load time (migrations to ANALYZE; VACUUM apart) and
   `pg_database_size` are recorded;
2. sends each query through the real ASGI app in process (httpx, response cache off), one at a
   time, `--requests` per kind after a warm-up: searches (`bench.search`'s query) for rare,
   medium and common generated words (chosen by their expected number of articles: ~20, ~1%,
   the 20 most common), quoted role phrases, a random mentioned person's full name and one of
   the 20 most named people's; and `bench.graph_bench`'s facets over all articles and over the
   most mentioned country's, `coMentioned` for 20 people and for the most named one, `related(first: 5)` for 20 articles and
   that country's weekly `mentionTimeline`. Every search must find something, every facet list,
   co-mention list, related list and timeline must be non-empty somewhere, or the run stops.

It prints one table (a column per size) and, with `--json PATH`, writes every figure. Timing is
wall-clock on a shared machine: compare figures within one run. Not part of `make test`;
`tests/test_bench.py` runs it at 500 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager

from bench import graph_bench, search
from bench.database import BenchDatabase, prepare
from bench.dataset import Sizes, expected_documents, word

DEFAULT_SIZES = (50_000, 250_000, 1_000_000)
VOCABULARY = 200_000
WORDS_PER_ARTICLE = 40
WORD_ZIPF = 1.0
ENTITY_ZIPF = 0.8
BULK_FROM = 100_000  # sizes loaded with COPY (`bench.bulk`) unless --bulk/--no-bulk says otherwise
RARE_DOCUMENTS = 20  # a rare word is in about this many articles, whatever the size
SEARCH_KINDS = ("rare word", "medium word", "common word", "phrase", "name", "popular name")
GRAPH_KINDS = {  # kind -> bench.graph_bench's query
    "facets, all articles": "facets, all articles",
    "facets, one country": "facets, one country's articles",
    "coMentioned, 20 people": "coMentioned, 20 people",
    "coMentioned, most named person": "coMentioned, one person",
    "related, 20 articles": "related, 20 articles",
    "timeline, one country": "timeline, one country by week",
}


def sizes_for(articles: int) -> Sizes:
    """The dataset of one size: `bench.graph_bench`'s proportions, Zipf words and entities."""
    return Sizes(
        articles=articles,
        people=max(10, articles // 4),
        organisations=max(5, articles // 20),
        vocabulary=VOCABULARY,
        words_per_article=WORDS_PER_ARTICLE,
        word_zipf=WORD_ZIPF,
        entity_zipf=ENTITY_ZIPF,
    )


def word_ranks(sizes: Sizes, documents: float, n: int) -> list[int]:
    """The `n` vocabulary ranks whose expected number of articles is nearest `documents` (log scale)."""
    expected = expected_documents(sizes)
    by_distance = sorted(range(len(expected)), key=lambda r: abs(math.log(expected[r] / documents)))
    return sorted(by_distance[:n])


async def search_queries(url: str, sizes: Sizes, per_kind: int, seed: int) -> dict[str, list[str]]:
    """Per search kind, `per_kind` query strings drawn from the dataset (seeded)."""
    rng = random.Random(seed)
    conn = await asyncpg.connect(url)
    try:
        people = [
            r["name"]
            for r in await conn.fetch(
                "SELECT p.name FROM person p WHERE EXISTS"
                " (SELECT 1 FROM mention m WHERE m.person_id = p.id) ORDER BY p.id"
            )
        ]
    finally:
        await conn.close()
    if not people:
        raise RuntimeError("the bench database names no person")
    popular = people[:20]  # ids follow popularity rank: the first people are the most named
    medium = max(2 * RARE_DOCUMENTS, sizes.articles / 100)

    def cycle(items: list[str]) -> list[str]:
        return [items[i % len(items)] for i in range(per_kind)]

    return {
        "rare word": cycle([word(r) for r in word_ranks(sizes, RARE_DOCUMENTS, per_kind)]),
        "medium word": cycle([word(r) for r in word_ranks(sizes, medium, per_kind)]),
        "common word": cycle([word(r) for r in range(min(20, per_kind))]),
        "phrase": [rng.choice(search._ROLES) for _ in range(per_kind)],
        "name": [rng.choice(people) for _ in range(per_kind)],
        "popular name": [rng.choice(popular) for _ in range(per_kind)],
    }


def _lists(value: Any, key: str) -> list[list[Any]]:
    """Every list under `key` anywhere in a JSON answer."""
    found: list[list[Any]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, list):
                found.append(v)
            found.extend(_lists(v, key))
    elif isinstance(value, list):
        for v in value:
            found.extend(_lists(v, key))
    return found


def _facets_ok(data: dict[str, Any]) -> bool:
    return all(
        any(lists) for lists in (_lists(data, k) for k in ("topics", "countries", "people", "organisations"))
    )


CHECKS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "facets, all articles": _facets_ok,
    "facets, one country": _facets_ok,
    "coMentioned, 20 people": lambda d: any(_lists(d, "coMentioned")),
    "coMentioned, most named person": lambda d: any(_lists(d, "coMentioned")),
    "related, 20 articles": lambda d: any(_lists(d, "related")),
    "timeline, one country": lambda d: any(p["count"] for ps in _lists(d, "mentionTimeline") for p in ps),
}


async def measure(url: str, searches: dict[str, list[str]], variables: dict[str, Any]) -> dict[str, Any]:
    """p50/p95 per kind: every search once untimed then once timed; each graph query twice untimed
    then as many times as there are searches per kind."""
    from gql_news.app import create_app
    from gql_news.settings import Settings

    settings = Settings(database_url=url, response_cache_bytes=0, statement_timeout_ms=120_000)
    app = create_app(settings)
    rows: dict[str, Any] = {}
    per_kind = len(next(iter(searches.values())))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=300) as client:

            async def post(query: str, variables: dict[str, Any]) -> tuple[float, dict[str, Any]]:
                started = time.perf_counter()
                response = await client.post("/graphql", json={"query": query, "variables": variables})
                elapsed = (time.perf_counter() - started) * 1000
                body = response.json()
                if "errors" in body or response.status_code != 200:
                    raise RuntimeError(
                        f"{query[:80]!r} {variables}: {response.status_code} {body.get('errors')}"
                    )
                return elapsed, body["data"]

            for kind, queries in searches.items():
                for q in queries:  # warm-up: pool, plans, caches
                    await post(search.SEARCH, {"q": q})
                times, matches = [], []
                for q in queries:
                    elapsed, data = await post(search.SEARCH, {"q": q})
                    total = data["search"]["totalCount"]
                    if not total or not data["search"]["edges"]:
                        raise RuntimeError(f"search {kind} {q!r} found nothing")
                    times.append(elapsed)
                    matches.append(total)
                rows[f"search: {kind}"] = search._summary(times, matches)
            for kind, name in GRAPH_KINDS.items():
                query = graph_bench.QUERIES[name]
                for _ in range(2):
                    await post(query, variables)
                times = []
                for _ in range(per_kind):
                    elapsed, data = await post(query, variables)
                    if not CHECKS[kind](data):
                        raise RuntimeError(f"{kind}: an empty answer: {json.dumps(data)[:300]}")
                    times.append(elapsed)
                summary = search._summary(times, [0])
                del summary["mean_matches"]
                rows[kind] = summary
    return rows


async def database_size(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        size: int = await conn.fetchval("SELECT pg_database_size(current_database())")
    finally:
        await conn.close()
    return size


async def run_size(args: argparse.Namespace, articles: int, log: Callable[[str], None]) -> dict[str, Any]:
    sizes = sizes_for(articles)
    target = BenchDatabase(args.pg_url, f"{args.db_prefix}_{articles}")
    try:
        bulk = args.bulk if args.bulk is not None else articles >= BULK_FROM
        load = await prepare(target, sizes, reuse=args.reuse, log=log, chunk=args.chunk, bulk=bulk)
        started = time.perf_counter()
        await graph_bench._vacuum(target.url)
        vacuum_s = round(time.perf_counter() - started, 1)
        size = await database_size(target.url)
        variables = await graph_bench._targets(target.url)
        searches = await search_queries(target.url, sizes, args.requests, args.seed)
        log(f"{articles:,} articles: loaded ({load}), VACUUM {vacuum_s} s, {size / 2**20:,.0f} MiB; timing")
        before = os.getloadavg()
        rows = await measure(target.url, searches, variables)
        after = os.getloadavg()
    finally:
        if not (args.keep or args.reuse):
            await target.drop()
    return {
        "articles": articles,
        "sizes": {"people": sizes.people, "organisations": sizes.organisations},
        "database": target.name,
        "load": load,
        "vacuum_s": vacuum_s,
        "database_bytes": size,
        "loadavg_before_after": [before, after],
        "queries": rows,
    }


def table(results: list[dict[str, Any]]) -> str:
    """One markdown table: a row per figure, a column per size, `p50 / p95 ms` per query kind."""
    head = "| | " + " | ".join(f"{r['articles']:,} articles" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row(
        "load (migrate, insert, ANALYZE)",
        ["reused" if r["load"].get("reused") else f"{r['load']['seconds']:,.0f} s" for r in results],
    )
    row("mentions", [f"{r['load']['mentions']:,}" if "mentions" in r["load"] else "-" for r in results])
    row("database size", [f"{r['database_bytes'] / 2**20:,.0f} MiB" for r in results])
    row(
        "load average (1 min) before / after",
        [f"{r['loadavg_before_after'][0][0]:.1f} / {r['loadavg_before_after'][1][0]:.1f}" for r in results],
    )
    for kind in results[0]["queries"]:
        cells = []
        for r in results:
            q = r["queries"][kind]
            cell = f"{q['p50_ms']:,} / {q['p95_ms']:,} ms"
            if "mean_matches" in q:
                cell += f" ({q['mean_matches']:,.0f} matches)"
            cells.append(cell)
        row(f"{kind} p50 / p95", cells)
    return "\n".join(lines)


async def run(args: argparse.Namespace, log: Callable[[str], None] = print) -> dict[str, Any]:
    results = []
    for articles in args.sizes:
        results.append(await run_size(args, articles, log))
        if len(args.sizes) > 1:  # a long run keeps what it measured if a later size fails
            log(table(results[-1:]))
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "requests_per_kind": args.requests,
        "dataset": {
            "vocabulary": VOCABULARY,
            "words_per_article": WORDS_PER_ARTICLE,
            "word_zipf": WORD_ZIPF,
            "entity_zipf": ENTITY_ZIPF,
        },
        "sizes": results,
    }


def _sizes(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--sizes takes article counts separated by commas, not {text!r}"
        ) from None
    if not values or min(values) < 20:
        raise argparse.ArgumentTypeError("--sizes needs at least one size of 20 articles or more")
    return values


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=_sizes, default=DEFAULT_SIZES, help="article counts, e.g. 50000,250000"
    )
    parser.add_argument("--requests", type=int, default=20, help="timed requests per kind of query")
    parser.add_argument("--seed", type=int, default=7, help="seed of the query choice")
    parser.add_argument("--chunk", type=int, default=10_000, help="articles per load transaction")
    parser.add_argument(
        "--bulk",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"load with COPY and the counts computed once (default: for {BULK_FROM:,} articles or more)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument(
        "--db-prefix", default="gql_news_bench_scale", help="databases are <prefix>_<articles>"
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="skip loading a database that holds its size already (implies --keep)",
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.requests < 1 or args.chunk < 1:
        parser.error("--requests and --chunk must be at least 1")
    return args


def main() -> None:
    args = options()
    result = asyncio.run(run(args, log=lambda msg: print(msg, flush=True)))
    print(table(result["sizes"]))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
