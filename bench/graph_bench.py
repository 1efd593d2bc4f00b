"""Facets and the entity graph on a large synthetic set: latency per query through the real app.

    uv run python -m bench.graph_bench --articles 50000 [--requests 30] [--keep]

Loads the deterministic bench dataset (`bench/dataset.py`) into a fresh PostgreSQL database
(`gql_news_graph_bench`, reused when it already holds the same dataset), vacuums it, then sends each query
`--requests` times, one after another, to the ASGI app in process (response cache off) and prints
the median and 90th percentile latency and the SQL statements per request. The figures are for
comparing queries with each other in one run; the machine is shared, so absolute times are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import time
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager

from bench.database import BenchDatabase, prepare
from bench.dataset import Sizes

ADMIN_URL = os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")

QUERIES = {
    "facets, all articles": "{ articles(first: 20) { totalCount facets { topics { count } countries { count }"
    " people { count } organisations { count } } } }",
    "facets, one country's articles": "query($c: String!) { articles(first: 20, filter: {country: $c})"
    " { facets { topics { count } countries { count } people { count } organisations { count } } } }",
    "facets, Country.articles": "query($c: String!) { country(code: $c) { articles(first: 20)"
    " { facets { topics { count } countries { count } people { count } organisations { count } } } } }",
    "facets, one person's articles": "query($p: String!) { person(slug: $p) { articles(first: 20)"
    " { facets { topics { count } countries { count } people { count } organisations { count } } } } }",
    "coMentioned, one person": "query($p: String!) { person(slug: $p) { mentionCount articleCount"
    " coMentioned(first: 10) { count lastSeen entity { __typename } } } }",
    "coMentioned, 20 people": "{ people(first: 20) { edges { node { mentionCount articleCount"
    " coMentioned(first: 5) { count entity { __typename } } } } } }",
    "related, one article": "query($a: String!) { article(slug: $a) { related(first: 5) { score"
    " article { title } sharedEntities { __typename } } } }",
    "related, 20 articles": "{ articles(first: 20) { edges { node { related(first: 5) { score article { title } } } } } }",
    "timeline, one country by week": "query($c: String!) { country(code: $c) { mentionTimeline(interval: WEEK) { count } } }",
}


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.n = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.n += 1


async def _vacuum(url: str) -> None:
    """Set the visibility map as autovacuum would on a live database: without it, PostgreSQL's
    index-only scans of `mention` (every count here) fetch each row from the heap as well."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def _targets(url: str) -> dict[str, Any]:
    conn = await asyncpg.connect(url)
    try:
        code = await conn.fetchval(
            "SELECT c.code FROM mention m JOIN country c ON c.id = m.country_id"
            " GROUP BY c.code ORDER BY count(*) DESC, c.code LIMIT 1"
        )
        person = await conn.fetchval(
            "SELECT p.slug FROM mention m JOIN person p ON p.id = m.person_id"
            " GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1"
        )
        article = await conn.fetchval("SELECT slug FROM article ORDER BY published_at DESC, id DESC LIMIT 1")
    finally:
        await conn.close()
    return {"c": code, "p": person, "a": article}


async def run(sizes: Sizes, requests: int, keep: bool, db_name: str = "gql_news_graph_bench") -> None:
    from gql_news.app import create_app
    from gql_news.settings import Settings

    target = BenchDatabase(ADMIN_URL, db_name)
    print(await prepare(target, sizes, reuse=True, log=print))
    await _vacuum(target.url)
    variables = await _targets(target.url)
    app = create_app(Settings(database_url=target.url, response_cache_bytes=0))
    counter = _Count()
    logger = logging.getLogger("tortoise.db_client")
    try:
        async with LifespanManager(app) as manager:
            transport = httpx.ASGITransport(app=manager.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as http:
                print(f"{'query':<34} {'p50 ms':>8} {'p90 ms':>8} {'SQL/req':>8}")
                for name, query in QUERIES.items():
                    times: list[float] = []
                    statements = 0
                    for i in range(requests + 2):
                        logger.setLevel(logging.DEBUG)
                        logger.addHandler(counter)
                        counter.n = 0
                        started = time.perf_counter()
                        response = await http.post("/graphql", json={"query": query, "variables": variables})
                        elapsed = (time.perf_counter() - started) * 1000
                        logger.removeHandler(counter)
                        logger.setLevel(logging.WARNING)
                        body = response.json()
                        if "errors" in body:
                            raise SystemExit(f"{name}: {body['errors']}")
                        if i >= 2:  # two warm-up requests
                            times.append(elapsed)
                            statements = counter.n
                    p50 = statistics.median(times)
                    p90 = statistics.quantiles(times, n=10)[-1]
                    print(f"{name:<34} {p50:>8.1f} {p90:>8.1f} {statements:>8}")
    finally:
        if not keep:
            await target.drop()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=50_000)
    p.add_argument("--requests", type=int, default=30)
    p.add_argument("--keep", action="store_true", help="keep the database for another run")
    p.add_argument("--db-name", default="gql_news_graph_bench", help="the bench database's name")
    args = p.parse_args()
    sizes = Sizes(articles=args.articles, people=args.articles // 4, organisations=args.articles // 20)
    asyncio.run(run(sizes, args.requests, args.keep, args.db_name))


if __name__ == "__main__":
    main()
