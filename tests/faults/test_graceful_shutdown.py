"""SIGTERM to `gql-news serve` while a request is in flight.

The request is made slow by something real: another client holds a lock on the article table
that conflicts with inserting (SHARE mode), so an `importArticle` waits on it inside PostgreSQL. uvicorn must stop accepting connections at once, let that request finish with a
200, then run the lifespan's shutdown, which closes the pool: PostgreSQL sees each session end
with a Terminate message, never the "unexpected EOF" of a client that just vanished.
"""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import time
from collections.abc import Awaitable, Callable

import asyncpg
import httpx

from bench.cluster import Cluster
from tests.faults.conftest import App
from tests.faults.traffic import IMPORT

GRACE_S = 20


async def _sessions(conn: asyncpg.Connection, application_name: str, waiting: bool = False) -> int:
    sql = "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"
    if waiting:
        sql += " AND wait_event_type = 'Lock'"
    return int(await conn.fetchval(sql, application_name))


async def _until(check: Callable[[], Awaitable[bool]]) -> None:
    """Wait until `check()` holds (bound the wait with `asyncio.timeout`)."""
    while True:  # the state of other processes: polled, there is nothing to wait on
        if await check():
            return
        await asyncio.sleep(0.05)


def _refuses(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


async def test_sigterm_lets_the_request_in_flight_finish_then_closes_the_pool(
    cluster: Cluster, serve_on_cluster: Callable[..., Awaitable[App]]
) -> None:
    # A statement_timeout above the test's own waits: the lock wait must end by the test's hand.
    app = await serve_on_cluster(STATEMENT_TIMEOUT_MS="60000", GRACEFUL_SHUTDOWN_S=str(GRACE_S))
    served = app.served
    dsn = app.database_url.replace("postgres://", "postgresql://", 1)
    watcher = await asyncpg.connect(dsn, timeout=10)
    holder = await asyncpg.connect(dsn, timeout=10)
    try:
        locked = holder.transaction()
        await locked.start()
        await holder.execute("LOCK TABLE article IN SHARE MODE")

        text = "Shutdown drill\n\nNews | May 1, 2024\n\nEnvoys of Belarus and Norway met."
        payload = {"query": IMPORT, "variables": {"input": {"text": text}}}
        headers = {"Authorization": f"Bearer {app.token}"}
        async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
            in_flight = asyncio.create_task(http.post("/graphql", json=payload, headers=headers))

            async def waiting() -> bool:
                return await _sessions(watcher, app.application_name, waiting=True) == 1

            async with asyncio.timeout(20):  # the mutation reaches the row lock and waits
                await _until(waiting)
            assert await _sessions(watcher, app.application_name) >= 1

            served.proc.send_signal(signal.SIGTERM)
            signalled = time.monotonic()

            async def refusing() -> bool:
                return await asyncio.to_thread(_refuses, served.port)

            async with asyncio.timeout(5):  # new connections are refused at once
                await _until(refusing)
            assert not in_flight.done(), "the request in flight must still be running"
            assert served.proc.poll() is None, "the server must wait for the request in flight"

            await locked.commit()
            response = await in_flight

        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        slug = body["data"]["importArticle"]["slug"]

        code = await asyncio.to_thread(served.proc.wait, GRACE_S + 10)
        exited = time.monotonic() - signalled
        assert code == 0, served.log()
        assert exited < GRACE_S, f"exited {exited:.2f} s after SIGTERM"
        assert await _sessions(watcher, app.application_name) == 0
        assert await watcher.fetchval("SELECT count(*) FROM article WHERE slug = $1", slug) == 1
    finally:
        await holder.close()
        await watcher.close()

    log = cluster.log()
    name = re.escape(app.application_name)
    ended = re.findall(rf"app={name} LOG:  disconnection", log)
    vanished = re.findall(rf"app={name} DEBUG:  unexpected EOF", log)
    assert ended, "PostgreSQL logged no session end for the app"
    assert not vanished, f"{len(vanished)} sessions were dropped, not closed"
    print(f"\nexited {exited:.3f} s after SIGTERM, {len(ended)} sessions closed")
