"""Queries on a real streaming replica: what reads where, reading one's own write, losing it.

A primary and a replica of it (`pg_basebackup -R`, streaming through a replication slot) run
as throw-away clusters; the app runs in process with DATABASE_REPLICA_URLS pointing at the
replica. The database logs every statement (`log_statement = all`, set on the database, so on
the replica too), each line with the session's application name: which server ran a query is
read from the servers' own logs, not from the app.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg
import httpx

from bench.cluster import Cluster
from gql_news.db import database, migrate, read_replicas
from gql_news.replicas import LSN_HEADER, Replica, Replicas, parse_lsn
from gql_news.settings import Settings
from gql_news.tokens import create_token
from tests.app_client import app_client
from tests.servers import free_port

IMPORT = "mutation($input: ImportArticleInput!) { importArticle(input: $input) { slug title } }"
ARTICLE = "query($s: String!) { article(slug: $s) { slug title } }"
LATEST = "query($n: Int!) { articles(first: $n) { totalCount edges { node { slug } } } }"
WAIT_S = 30.0


def _dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def _one(url: str, sql: str) -> object:
    conn = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


async def _caught_up(primary_url: str, replica_url: str) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    target = await _one(primary_url, "SELECT (pg_current_wal_flush_lsn() - '0/0'::pg_lsn)::bigint")
    sql = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint"
    async with asyncio.timeout(WAIT_S):
        while True:  # another server's state: polled, there is nothing to wait on
            if int(str(await _one(replica_url, sql))) >= int(str(target)):
                return
            await asyncio.sleep(0.02)


async def _floor_settled(setup: Setup) -> None:
    """Until the process's floor stops moving and the replica has replayed it: the import's work
    after its response (related lists, counts) commits later and raises the floor, and a read
    under a floor the replica has not replayed rightly goes to the primary."""
    async with asyncio.timeout(WAIT_S):
        while True:  # the app's background commits: nothing to wait on from here
            floor = _replicas().floor
            await _caught_up(setup.primary_url, setup.replica_url)
            await asyncio.sleep(0.5)
            if _replicas().floor == floor:
                return


@dataclass
class Setup:
    primary: Cluster
    standby: Cluster
    settings: Settings
    token: str
    application_name: str

    @property
    def primary_url(self) -> str:
        return self.settings.database_url

    @property
    def replica_url(self) -> str:
        return self.settings.replica_urls[0]

    def statements(self, cluster: Cluster, *markers: str) -> int:
        """Statements of the app's pooled sessions in `cluster`'s log that mention every marker."""
        tag = f"app={self.application_name} "
        return sum(
            1
            for line in cluster.log().splitlines()
            if tag in line
            and ("statement: " in line or "execute " in line)
            and all(m in line for m in markers)
        )


@asynccontextmanager
async def _setup(replicated: tuple[Cluster, Cluster], **extra: object) -> AsyncIterator[Setup]:
    """A migrated database on the primary (with a write token), seen by the replica."""
    primary, standby = replicated
    name = f"gql_news_replica_{uuid.uuid4().hex[:10]}"
    await _one(primary.url(), f'CREATE DATABASE "{name}"')
    await _one(primary.url(), f"ALTER DATABASE \"{name}\" SET log_statement = 'all'")
    application_name = f"gql_news_{name[-10:]}"
    settings = Settings(
        database_url=primary.url(name),
        database_replica_urls=standby.url(name),
        db_application_name=application_name,
        **extra,  # type: ignore[arg-type]
    )
    try:
        await migrate(settings)
        async with database(settings):
            token = await create_token("replicas")
        await _caught_up(settings.database_url, standby.url(name))
        yield Setup(primary, standby, settings, token, application_name)
    finally:
        if standby.running():
            await _one(standby.url(), "SELECT pg_wal_replay_resume()")
        await _one(primary.url(), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _text(title: str) -> str:
    return f"{title}\n\nNews | May 1, 2024\n\nThe envoys of Norway met in Oslo.\n\nThey spoke first."


def _replicas() -> Replicas:
    replicas = read_replicas()
    assert replicas is not None
    return replicas


def _down(replica: Replica) -> bool:
    """Out of rotation (a function: the probe task changes it between two looks)."""
    return replica.down


async def _until_floor_known() -> None:
    """The app's data-version listener has read the primary's WAL position (startup, a write)."""
    async with asyncio.timeout(WAIT_S):
        while True:  # set by the listener's task: polled
            if _replicas().floor is not None:
                return
            await asyncio.sleep(0.01)


async def _query(http: httpx.AsyncClient, query: str, variables: dict[str, object]) -> dict[str, object]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    data = body["data"]
    assert isinstance(data, dict)
    return data


async def test_queries_read_from_the_replica_and_writes_go_to_the_primary(
    replicated: tuple[Cluster, Cluster],
) -> None:
    async with _setup(replicated, response_cache_bytes=0) as setup, app_client(setup.settings) as http:
        await _until_floor_known()
        marker = f"m{uuid.uuid4().hex[:8]}"
        variables = {"input": {"text": _text(f"Replica {marker}")}}
        headers = {"Authorization": f"Bearer {setup.token}"}
        written = await http.post("/graphql", json={"query": IMPORT, "variables": variables}, headers=headers)
        assert written.status_code == 200
        assert not written.json().get("errors"), written.text
        slug = written.json()["data"]["importArticle"]["slug"]
        assert parse_lsn(written.headers[LSN_HEADER]) is not None
        await _floor_settled(setup)
        reads_before = dict(_replicas().reads)
        on_replica = setup.statements(setup.standby, "SELECT", "article")
        on_primary = setup.statements(setup.primary, "SELECT", "article")

        rounds = 20
        for n in range(1, rounds + 1):  # a client that never wrote: every read on the replica
            data = await _query(http, LATEST, {"n": n})
            assert data["articles"]["totalCount"] == 1  # type: ignore[index]
        assert (await _query(http, ARTICLE, {"s": slug}))["article"] == {
            "slug": slug,
            "title": f"Replica {marker}",
        }

        state = (
            reads_before,
            dict(_replicas().reads),
            _replicas().floor,
            [(r.replayed, r.down) for r in _replicas().replicas],
        )
        assert _replicas().reads["replica"] - reads_before["replica"] == rounds + 1, state
        assert _replicas().reads["primary"] == reads_before["primary"], state
        assert setup.statements(setup.standby, "SELECT", "article") - on_replica >= rounds + 1
        assert setup.statements(setup.primary, "SELECT", "article") == on_primary, (
            "a query read from the primary"
        )
        assert setup.statements(setup.primary, "INSERT INTO") >= 1  # the import wrote there
        assert setup.statements(setup.standby, "INSERT INTO") == 0
        in_recovery = await _one(setup.replica_url, "SELECT pg_is_in_recovery()")
        assert in_recovery is True
        metrics = (await http.get("/metrics")).text
        assert 'gql_news_read_replicas{state="in_rotation"} 1.0' in metrics
        reads = [
            line
            for line in metrics.splitlines()
            if line.startswith('gql_news_query_reads_total{server="replica"}')
        ]
        assert reads, metrics
        assert float(reads[0].split()[-1]) >= rounds + 1


async def test_a_client_reads_its_own_write_while_the_replica_is_paused(
    replicated: tuple[Cluster, Cluster],
) -> None:
    async with _setup(replicated) as setup, app_client(setup.settings) as http:
        await _until_floor_known()
        headers = {"Authorization": f"Bearer {setup.token}"}
        assert (await _query(http, LATEST, {"n": 5}))["articles"]["totalCount"] == 0  # type: ignore[index]
        await _one(setup.replica_url, "SELECT pg_wal_replay_pause()")
        reads_before = dict(_replicas().reads)

        variables = {"input": {"text": _text("Written while the replica waits")}}
        written = await http.post("/graphql", json={"query": IMPORT, "variables": variables}, headers=headers)
        assert written.status_code == 200
        assert not written.json().get("errors"), written.text
        slug = written.json()["data"]["importArticle"]["slug"]
        lsn = parse_lsn(written.headers[LSN_HEADER])
        assert lsn is not None
        # The cookie's value is quoted (it holds a `/`); the app reads it back unquoted.
        assert str(http.cookies.get("gql_news_lsn")).strip('"') == written.headers[LSN_HEADER]
        replayed = await _one(setup.replica_url, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint")
        assert int(str(replayed)) < lsn, "the replica must not have the write yet"

        # The writer (its cookie), the same token without the cookie, and the LSN header alone:
        # each reads the write, from the primary; so does a client that never wrote (the
        # process's floor has the write: a replica behind it answers no one). Four queries the
        # cache has not seen since the write.
        found = {"slug": slug, "title": "Written while the replica waits"}
        assert (await _query(http, ARTICLE, {"s": slug}))["article"] == found
        base = http.base_url
        transport = http._transport  # the same in-process app, without the cookie jar
        async with httpx.AsyncClient(transport=transport, base_url=base, headers=headers) as same_token:
            latest = (await _query(same_token, LATEST, {"n": 4}))["articles"]
            assert latest["edges"] == [{"node": {"slug": slug}}]  # type: ignore[index]
        async with httpx.AsyncClient(
            transport=transport, base_url=base, headers={LSN_HEADER: written.headers[LSN_HEADER]}
        ) as by_header:
            assert (await _query(by_header, LATEST, {"n": 5}))["articles"]["totalCount"] == 1  # type: ignore[index]
        async with httpx.AsyncClient(transport=transport, base_url=base) as anyone:
            assert (await _query(anyone, LATEST, {"n": 6}))["articles"]["totalCount"] == 1  # type: ignore[index]
        assert _replicas().reads["replica"] == reads_before["replica"]
        assert _replicas().reads["primary"] - reads_before["primary"] == 4

        # Another writer, straight into the primary (not through this app): its notification
        # raises the floor, so no read is answered by the paused replica, nor from the cache.
        await _one(setup.primary_url, f"UPDATE article SET title = 'Retitled' WHERE slug = '{slug}'")
        async with asyncio.timeout(WAIT_S):
            while True:  # the notification is on its way (milliseconds)
                if (await _query(http, ARTICLE, {"s": slug}))["article"] == {
                    "slug": slug,
                    "title": "Retitled",
                }:
                    break
                await asyncio.sleep(0.01)
        assert _replicas().reads["replica"] == reads_before["replica"]

        # Replay resumes: once the replica has the writes, reads go back to it.
        await _one(setup.replica_url, "SELECT pg_wal_replay_resume()")
        await _caught_up(setup.primary_url, setup.replica_url)
        for n in range(10, 13):  # queries the cache has not seen: each one reads
            latest = (await _query(http, LATEST, {"n": n}))["articles"]
            assert latest["edges"] == [{"node": {"slug": slug}}]  # type: ignore[index]
        assert _replicas().reads["replica"] - reads_before["replica"] == 3
        assert (await _query(http, ARTICLE, {"s": slug}))["article"] == {"slug": slug, "title": "Retitled"}


async def test_reads_ride_out_the_replica_going_away_and_coming_back(
    replicated: tuple[Cluster, Cluster],
) -> None:
    # A second replica URL nobody listens on: out of rotation from its first use, never an error.
    async with _setup(replicated, response_cache_bytes=0) as setup:
        nowhere = (
            f"postgres://postgres@127.0.0.1:{free_port()}/{setup.settings.database_url.rsplit('/', 1)[1]}"
        )
        settings = setup.settings.model_copy(
            update={"database_replica_urls": f"{setup.replica_url},{nowhere}"}
        )
        async with app_client(settings) as http:
            await _until_floor_known()
            for n in range(1, 5):
                assert (await _query(http, LATEST, {"n": n}))["articles"]["totalCount"] == 0  # type: ignore[index]
            first, second = _replicas().replicas
            assert _down(second)
            assert not _down(first)
            assert _replicas().reads["replica"] == 4

            await asyncio.to_thread(setup.standby.stop, "fast")
            stopped = time.monotonic()
            slowest = 0.0
            primary_before = _replicas().reads["primary"]
            for n in range(1, 21):
                started = time.monotonic()
                assert (await _query(http, LATEST, {"n": n}))["articles"]["totalCount"] == 0  # type: ignore[index]
                slowest = max(slowest, time.monotonic() - started)
            assert _down(first)
            assert (
                _replicas().reads["primary"] - primary_before >= 19
            )  # the first may have found it gone mid-read
            assert slowest < 2.0, f"a read took {slowest:.2f} s while the replica was down"

            await asyncio.to_thread(setup.standby.start)
            restarted = time.monotonic()
            async with asyncio.timeout(WAIT_S):
                while True:  # the probe's backoff: 0.5 s, 1 s, 2 s, ... from the loss
                    if not _down(first):
                        break
                    await asyncio.sleep(0.05)
            back = time.monotonic()
            await _caught_up(setup.primary_url, setup.replica_url)
            replica_before = _replicas().reads["replica"]
            assert (await _query(http, LATEST, {"n": 3}))["articles"]["totalCount"] == 0  # type: ignore[index]
            assert _replicas().reads["replica"] == replica_before + 1
            assert _down(second)
            print(  # the figures docs/operations/read-replicas.md quotes (pytest -s)
                f"\nslowest read with the replica down {slowest:.3f} s; back in rotation "
                f"{back - restarted:.2f} s after its restart ({back - stopped:.2f} s after the stop)"
            )
