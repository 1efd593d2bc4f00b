"""Cache validity without a hot row: two `gql-news serve` processes on one database never
answer from a cache made stale by a write through the other; with the notification channel
down a process reads the database's snapshot instead, so it never answers stale either."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from gql_news.app import create_app
from gql_news.db import db, read_replicas
from gql_news.graphql.versions import PushedVersions
from gql_news.replicas import LSN_COOKIE, LSN_HEADER, WRITTEN_LSN_SQL, format_lsn
from gql_news.settings import Settings
from tests.conftest import BACKEND, PG_ADMIN_URL, _truncate
from tests.graphql.helpers import count_statements
from tests.servers import run_command, serve_process

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="pushed versions: PostgreSQL")

PEOPLE = "{ people(first: 100) { totalCount edges { node { name } } } }"
CREATE = "mutation($n: String!) { createPerson(input: {name: $n}) { name } }"


async def test_no_stale_read_across_two_processes_after_a_write(
    migrated_database_url: str, tmp_path: Path
) -> None:
    database = migrated_database_url
    with serve_process(database, tmp_path) as first:
        token = run_command(["token", "create", "--name", "newsroom"], database, tmp_path).strip()
        with serve_process(database, tmp_path, demo=False) as second:
            async with (
                httpx.AsyncClient(base_url=first.url, timeout=30) as writer,
                httpx.AsyncClient(base_url=second.url, timeout=30) as reader,
            ):
                before = (await reader.post("/graphql", json={"query": PEOPLE})).json()
                count = before["data"]["people"]["totalCount"]
                for n in range(10):
                    cached = await reader.post("/graphql", json={"query": PEOPLE})  # served from its cache
                    assert cached.json()["data"]["people"]["totalCount"] == count + n
                    created = await writer.post(
                        "/graphql",
                        json={"query": CREATE, "variables": {"n": f"Quill Number {n}"}},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    assert "errors" not in created.json(), created.text
                    # The client hands the write's position on to the other process (browsers send
                    # the cookie; other clients copy the header): its notification may not have
                    # reached that process yet, and then its cache must not answer.
                    seen = {LSN_HEADER: created.headers[LSN_HEADER]}
                    after = (await reader.post("/graphql", json={"query": PEOPLE}, headers=seen)).json()[
                        "data"
                    ]["people"]
                    assert after["totalCount"] == count + n + 1, f"stale answer after write {n}"
                    assert f"Quill Number {n}" in {edge["node"]["name"] for edge in after["edges"]}


@pytest.fixture
async def app(test_settings: Settings) -> AsyncIterator[Starlette]:
    application = create_app(test_settings)
    async with LifespanManager(application) as manager:
        application.state.asgi = manager.app  # what serves requests once the lifespan started
        try:
            yield application
        finally:
            await _truncate()


async def test_a_process_whose_channel_is_down_reads_the_snapshot_and_never_answers_stale(
    app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = app.state.graphql.versions
    assert isinstance(versions, PushedVersions)
    assert versions.listening
    gate = asyncio.Event()
    receive = versions._receive

    async def held_back() -> None:
        await gate.wait()
        await receive()

    monkeypatch.setattr(versions, "_receive", held_back)
    await _kill_listener(versions)
    transport = httpx.ASGITransport(app=app.state.asgi)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        first = (await client.post("/graphql", json={"query": PEOPLE})).json()["data"]["people"]["totalCount"]
        for _ in range(50):  # the snapshot is the server's: any write on it, in any database, moves it
            reads = versions.fallback_reads
            with count_statements() as statements:
                again = await client.post("/graphql", json={"query": PEOPLE})
            assert again.json()["data"]["people"]["totalCount"] == first
            assert versions.fallback_reads == reads + 1
            if len(statements) == 1:
                break
        assert "pg_current_snapshot" in statements[0]  # a hit: the snapshot read only
        # Another client writes; nobody in this process hears of it.
        dsn = await _dsn()
        other = await asyncpg.connect(dsn)
        try:
            await other.execute(
                "INSERT INTO person (slug, name, aliases) VALUES ('outside-writer', 'Outside Writer', '[]')"
            )
        finally:
            await other.close()
        fresh = (await client.post("/graphql", json={"query": PEOPLE})).json()["data"]["people"]["totalCount"]
        assert fresh == first + 1
        gate.set()
        for _ in range(200):
            if versions.listening:
                break
            await asyncio.sleep(0.05)
        assert versions.listening
        await client.post("/graphql", json={"query": PEOPLE})
        with count_statements() as statements:
            hit = (await client.post("/graphql", json={"query": PEOPLE})).json()["data"]["people"][
                "totalCount"
            ]
        assert hit == first + 1
        assert statements == []


async def test_a_write_whose_notification_has_not_come_is_not_answered_from_the_cache_to_its_client(
    app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window between another process's commit and its notification reaching this one,
    held open: a client carrying that write's position is answered fresh, not from the cache."""
    versions = app.state.graphql.versions
    replicas = read_replicas()
    assert isinstance(versions, PushedVersions)
    assert replicas is not None
    held: list[tuple[Any, ...]] = []
    monkeypatch.setattr(versions, "_on_notify", lambda *args: held.append(args))
    await _reconnect_listener(versions, monkeypatch)  # it now listens through the holding callback
    for _ in range(200):
        if replicas.floor is not None:
            break
        await asyncio.sleep(0.05)
    assert replicas.floor is not None
    transport = httpx.ASGITransport(app=app.state.asgi)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        first = (await client.post("/graphql", json={"query": PEOPLE})).json()["data"]["people"]["totalCount"]
        other = await asyncpg.connect(await _dsn())
        try:
            await other.execute(
                "INSERT INTO person (slug, name, aliases) VALUES ('other-process', 'Other Process', '[]')"
            )
            position = format_lsn(int(await other.fetchval(WRITTEN_LSN_SQL)))
        finally:
            await other.close()
        for _ in range(200):  # PostgreSQL has sent the notification; this process holds it
            if held:
                break
            await asyncio.sleep(0.05)
        assert held
        with count_statements() as statements:
            unaware = await client.post("/graphql", json={"query": PEOPLE})
        # A client that does not say what it saw is answered from the cache until the notification
        # comes (the documented window) ...
        assert unaware.json()["data"]["people"]["totalCount"] == first
        assert statements == []
        # ... the one that wrote (or was told of the write) is not.
        aware = await client.post("/graphql", json={"query": PEOPLE}, headers={LSN_HEADER: position})
        assert aware.json()["data"]["people"]["totalCount"] == first + 1
        client.cookies.set(LSN_COOKIE, position)  # what a browser sends by itself
        cookie = await client.post("/graphql", json={"query": PEOPLE})
        client.cookies.clear()
        assert cookie.json()["data"]["people"]["totalCount"] == first + 1
        for args in held:
            PushedVersions._on_notify(versions, *args)
        again = await client.post("/graphql", json={"query": PEOPLE})
        assert again.json()["data"]["people"]["totalCount"] == first + 1


async def _kill_listener(versions: PushedVersions) -> None:
    """End the process's listening connection and wait until it knows."""
    await _terminate_listener()
    for _ in range(200):
        if not versions.listening:
            break
        await asyncio.sleep(0.05)
    assert not versions.listening


async def _reconnect_listener(versions: PushedVersions, monkeypatch: pytest.MonkeyPatch) -> None:
    """End the listening connection and wait until the process listens on a new one."""
    receive = versions._receive
    again = asyncio.Event()

    async def reconnecting() -> None:
        again.set()
        await receive()

    monkeypatch.setattr(versions, "_receive", reconnecting)
    await _terminate_listener()
    await asyncio.wait_for(again.wait(), 10)
    for _ in range(200):
        if versions.listening:
            break
        await asyncio.sleep(0.05)
    assert versions.listening


async def _terminate_listener() -> None:
    killed = await db().execute_query_dict(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = "
        "'gql_news-versions' AND datname = current_database()"
    )
    assert [row["done"] for row in killed] == [True]


async def _dsn() -> str:
    rows = await db().execute_query_dict("SELECT current_database() AS name")
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{rows[0]['name']}".replace("postgres://", "postgresql://", 1)


async def test_a_write_position_right_after_a_page_header_is_the_page_boundary() -> None:
    """The insert position past a new page's header (no record after it yet) is read as the page
    boundary a replica stops at; any position a record can end at is kept as it is."""
    from gql_news.replicas import _AFTER_HEADER

    connection = await asyncpg.connect(PG_ADMIN_URL)
    try:
        page = int(await connection.fetchval("SELECT current_setting('wal_block_size')::bigint"))
        segment = int(await connection.fetchval("SELECT pg_size_bytes(current_setting('wal_segment_size'))"))
        cases = {
            3 * page + 24: 3 * page,  # a page's short header
            2 * segment + 40: 2 * segment,  # a segment's first page: the long header
            3 * page + 32: 3 * page + 32,  # a record ended there
            2 * segment + 48: 2 * segment + 48,
            3 * page: 3 * page,
        }
        for position, expected in cases.items():
            literal = f"'{format_lsn(position)}'::pg_lsn"
            assert await connection.fetchval(_AFTER_HEADER.format(lsn=literal)) == expected, position
    finally:
        await connection.close()


async def test_closing_while_a_floor_read_is_in_flight_ends_within_seconds(
    app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The WAL-floor read on the listening connection finishing just as the shutdown cancels it
    (the cancellation is then lost, as Python 3.11's `asyncio.wait_for` can lose it): the
    listener still stops, and closing does not wait on it for long."""
    versions = app.state.graphql.versions
    assert isinstance(versions, PushedVersions)
    assert versions.listening
    in_flight = asyncio.Event()

    async def read_finishing_as_cancelled(_connection: Any) -> None:
        versions._floor_stale = False
        in_flight.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            return  # the answer came in the same turn: the cancellation is not seen

    monkeypatch.setattr(versions, "_read_floor", read_finishing_as_cancelled)
    versions._floor_stale = True
    versions._wake.set()
    await asyncio.wait_for(in_flight.wait(), 5)
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(versions.close(), 10)
    assert asyncio.get_running_loop().time() - started < 3
    assert not versions.listening
