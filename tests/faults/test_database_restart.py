"""The database stops under a steady stream of reads and writes, then comes back.

A real `gql-news serve` runs on a throw-away cluster. The cluster is stopped twice, once with
`pg_ctl stop -m fast` (sessions ended, shutdown checkpoint) and once with `-m immediate` (every
process quits at once, as in a crash; the restart replays the WAL). While it is down `/readyz`
is 503 and every request fails fast with SERVICE_UNAVAILABLE; after the restart the same
process serves reads and writes again; afterwards every acknowledged write is stored, and no
article is stored without all its mentions.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import httpx

from bench.cluster import Cluster
from tests.faults.conftest import App
from tests.faults.traffic import Outcome, Traffic

BOUND_S = 5.0  # no request may take longer than this while the database is away
SLOWDOWN = 3.0  # nor any other request longer than this many times the slowest before the outages
DOWN_S = 2.0  # how long the stream runs against the stopped database
WAIT_S = 60  # for the app to get ready or recover (a shared, loaded machine is slow)
TOTAL = "{ articles { totalCount } }"


async def _readyz_becomes(url: str, status: int) -> float:
    """Poll /readyz until it answers `status`; returns when it did (monotonic)."""
    async with httpx.AsyncClient(base_url=url, timeout=BOUND_S) as http:
        while True:  # another process's state: polled, there is nothing to wait on
            if (await http.get("/readyz")).status_code == status:
                return time.monotonic()
            await asyncio.sleep(0.02)


async def _outage(cluster: Cluster, app: App, traffic: Traffic, mode: str) -> dict[str, float]:
    """Stop the cluster in `mode`, check the app while it is down, restart it, check recovery."""
    url = app.served.url
    async with asyncio.timeout(WAIT_S):
        await traffic.first_success("write", time.monotonic())
    await asyncio.to_thread(cluster.stop, mode)
    stopped = time.monotonic()
    async with asyncio.timeout(WAIT_S):
        unready = await _readyz_becomes(url, 503)
    await asyncio.sleep(DOWN_S)
    restarting = time.monotonic()
    down = traffic.between(stopped, restarting)
    assert {o.kind for o in down} == {"read", "write"}, down
    assert all(o.unavailable for o in down), [o for o in down if not o.unavailable][:3]

    await asyncio.to_thread(cluster.start)
    started = time.monotonic()
    async with asyncio.timeout(WAIT_S):
        ready = await _readyz_becomes(url, 200)
        read = await traffic.first_success("read", started)
        write = await traffic.first_success("write", started)
    recovered = max(ready, read, write)
    await asyncio.sleep(1.0)
    after = traffic.between(recovered, time.monotonic())
    assert after, "no traffic after the recovery"
    assert all(o.ok for o in after), [o for o in after if not o.ok][:3]
    return {
        "to_503_s": unready - stopped,
        "requests_down": float(len(down)),
        "slowest_down_s": max(o.elapsed for o in down),
        "to_ready_s": ready - started,
        "to_read_s": read - started,
        "to_write_s": write - started,
    }


def _bad(outcome: Outcome) -> bool:
    """What no request may ever get: a transport failure, non-JSON, a 5xx other than 503, or an
    error that is not SERVICE_UNAVAILABLE."""
    return not (outcome.ok or outcome.unavailable)


async def _stored(database_url: str) -> dict[str, list[tuple[str, int, int]]]:
    """Every stored article's mentions (text, start, end), straight from the database."""
    conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1), timeout=10)
    try:
        rows = await conn.fetch(
            'SELECT a.slug, m.start, m."end", substr(a.body, m.start + 1, m."end" - m.start) AS text'
            " FROM article a LEFT JOIN mention m ON m.article_id = a.id ORDER BY a.slug, m.start"
        )
    finally:
        await conn.close()
    stored: dict[str, list[tuple[str, int, int]]] = {}
    for row in rows:
        mentions = stored.setdefault(row["slug"], [])
        if row["start"] is not None:
            mentions.append((row["text"], row["start"], row["end"]))
    return stored


def _as_tuples(mentions: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return sorted((m["text"], m["start"], m["end"]) for m in mentions)


async def test_app_rides_out_a_database_stop_and_restart(
    cluster: Cluster, serve_on_cluster: Callable[..., Awaitable[App]]
) -> None:
    app = await serve_on_cluster()
    figures: dict[str, dict[str, float]] = {}
    traffic = Traffic(app.served.url, app.token)
    async with httpx.AsyncClient(base_url=app.served.url, timeout=BOUND_S) as http:
        async with traffic.running():
            async with asyncio.timeout(WAIT_S):
                await traffic.first_success("write", 0)
            # The writer keeps importing, so only the count before the outages is kept here;
            # the cache is checked against the database once the traffic has stopped.
            cached = (await http.post("/graphql", json={"query": TOTAL})).json()
            # What a request costs on this machine now (a loaded machine slows every request).
            usual = max(o.elapsed for o in traffic.outcomes)
            for mode in ("fast", "immediate"):
                figures[mode] = await _outage(cluster, app, traffic, mode)
        assert app.served.proc.poll() is None, "the server process must survive the outage"

        stored = await _stored(app.database_url)
        final = (await http.post("/graphql", json={"query": TOTAL})).json()
    assert final["data"]["articles"]["totalCount"] == len(stored), "the response cache served stale data"
    assert final != cached

    bad = [o for o in traffic.outcomes if _bad(o)]
    assert not bad, f"{bad[:3]}\nserver log:\n{app.served.log()[-6000:]}"
    for mode, seen in figures.items():  # while the database is away, every request fails fast
        assert seen["slowest_down_s"] < BOUND_S, (mode, seen)
    slowest = max(o.elapsed for o in traffic.outcomes)
    bound = max(BOUND_S, SLOWDOWN * usual)
    assert slowest < bound, f"a request took {slowest:.2f} s; before the outages at most {usual:.2f} s"
    for slug, mentions in traffic.acked.items():
        assert slug in stored, f"acknowledged article {slug} is missing"
        assert sorted(stored[slug]) == _as_tuples(mentions), f"{slug} stored differently than acknowledged"
    expected = len(next(iter(traffic.acked.values())))
    assert expected >= 4
    half_written = {slug: len(m) for slug, m in stored.items() if len(m) != expected}
    assert not half_written, half_written
    print(  # the figures docs/operations/database-outages.md quotes (pytest -s)
        f"\nrequests {len(traffic.outcomes)}, acknowledged writes {len(traffic.acked)}, "
        f"stored articles {len(stored)}, slowest request {slowest:.3f} s"
    )
    for mode, numbers in figures.items():
        print(mode, {k: round(v, 3) for k, v in numbers.items()})
