"""A database host that hangs: it accepts connections (the kernel does) and answers nothing.

Every process of the throw-away cluster is stopped with SIGSTOP. A stopped server cannot
cancel a statement by its own statement_timeout, and a new connection never completes its
handshake, so only the pool's connect and command timeouts stand between a request and a hang.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import httpx

from bench.cluster import Cluster
from gql_news.db import migrate
from gql_news.settings import Settings
from tests.app_client import app_client
from tests.faults.conftest import create_database, drop_database
from tests.graphql.helpers import codes

BOUND_S = 5.0  # each request while the host hangs must be answered within this
TOTAL = {"query": "{ articles { totalCount } }"}
# Not in the response cache: on PostgreSQL a cached answer is still served until the version
# listener's heartbeat (2 s) notices the hang, as no write can commit on a frozen host.
UNCACHED = {"query": "{ articles(first: 3) { totalCount } }"}
DELETE = {"query": 'mutation { deleteArticle(id: "QXJ0aWNsZTox") }'}


async def _within_bound(request: Awaitable[httpx.Response]) -> httpx.Response:
    async with asyncio.timeout(BOUND_S):
        return await request


async def test_a_hung_database_host_fails_requests_within_the_pool_timeouts(cluster: Cluster) -> None:
    name = await create_database(cluster)
    settings = Settings(
        database_url=cluster.url(name),
        db_connect_timeout_s=1,
        db_command_timeout_s=1,
        statement_timeout_ms=500,
    )
    try:
        await migrate(settings)
        async with app_client(settings) as http:
            assert (await http.get("/readyz")).status_code == 200
            assert (await http.post("/graphql", json=TOTAL)).status_code == 200
            with cluster.frozen(at_most=3 * BOUND_S):
                ready = await _within_bound(http.get("/readyz"))
                query = await _within_bound(http.post("/graphql", json=UNCACHED))
                headers = {"Authorization": "Bearer not-checked-while-the-database-hangs"}
                mutation = await _within_bound(http.post("/graphql", json=DELETE, headers=headers))
            after = await _within_bound(http.post("/graphql", json=TOTAL))
    finally:
        await drop_database(cluster, name)
    assert ready.status_code == 503
    assert query.status_code == 503
    assert codes(query.json()) == ["SERVICE_UNAVAILABLE"]
    assert mutation.status_code == 200
    assert codes(mutation.json()) == ["SERVICE_UNAVAILABLE"]
    assert after.status_code == 200
    assert after.json() == {"data": {"articles": {"totalCount": 0}}}
