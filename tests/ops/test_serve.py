"""`gql-news serve --workers N`: worker counts, SQLite refused past one, metrics shared by the
workers, a graceful shutdown that lets an in-flight request finish, and API writes on SQLite
while `gql-news import` writes the same file."""

from __future__ import annotations

import asyncio
import json
import os
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from bench.import_bench import make_article, make_catalogue
from gql_news.graphql.ids import from_global_id
from gql_news.ops.serving import WorkersError, resolve_workers
from gql_news.settings import Settings
from tests.conftest import BACKEND
from tests.ops.scrape import parse, value
from tests.servers import cli, cli_token, serve_process, spawn_cli

PG = "postgres://postgres@127.0.0.1:5432/news"
needs_postgres = pytest.mark.skipif(BACKEND != "postgres", reason="several workers need PostgreSQL")


def test_worker_count_resolution() -> None:
    sqlite = Settings(database_url="sqlite://x.sqlite3")
    postgres = Settings(database_url=PG)
    assert resolve_workers(None, sqlite) == 1
    assert resolve_workers(None, postgres.model_copy(update={"workers": 3})) == 3
    assert resolve_workers(2, postgres.model_copy(update={"workers": 3})) == 2  # the option wins
    assert resolve_workers(0, postgres) == (os.cpu_count() or 1)
    assert resolve_workers(0, sqlite) == 1  # "auto" on SQLite: the one worker it supports
    with pytest.raises(WorkersError, match="SQLite"):
        resolve_workers(2, sqlite)
    with pytest.raises(WorkersError, match="SQLite"):
        resolve_workers(None, sqlite.model_copy(update={"workers": 4}))


def test_serve_refuses_several_workers_on_sqlite(tmp_path: Path) -> None:
    result = cli(
        "serve", "--workers", "2", env={"DATABASE_URL": f"sqlite://{tmp_path / 'x.sqlite3'}"}, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "SQLite is served by one worker" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists(), "refused before touching the database"


@needs_postgres
def test_workers_share_their_metrics(tmp_path: Path, migrated_database_url: str) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch), "LOG_FORMAT": "json"}
    query = {"query": "query SharedCount { topics { totalCount } }"}
    with serve_process(migrated_database_url, tmp_path, env, "--workers", "2", workers=2) as server:
        sent = 0
        # Bursts of concurrent connections until both workers have answered some (the kernel
        # hands each connection to whichever worker accepts it first).
        while len(_worker_pids(server.lines(), "SharedCount")) < 2 and sent < 400:
            with ThreadPoolExecutor(8) as pool:
                statuses = list(
                    pool.map(
                        lambda _: httpx.post(f"{server.url}/graphql", json=query, timeout=30).status_code,
                        range(8),
                    )
                )
            assert statuses == [200] * 8
            sent += 8
        assert len(_worker_pids(server.lines(), "SharedCount")) == 2, "one worker took every connection"
        totals = set()
        scrapers = set()
        for _ in range(40):  # whichever worker answers the scrape reports the requests of both
            response = httpx.get(f"{server.url}/metrics", timeout=10)
            samples = parse(response.text)
            totals.add(
                value(samples, "gql_news_graphql_requests_total", operation="SharedCount", type="query")
            )
            assert value(samples, "gql_news_db_pool_connections", state="max") == 2 * Settings().db_pool_max
            scrapers = _worker_pids(server.lines(), None, path="/metrics")
            if len(scrapers) == 2:
                break
        assert totals == {float(sent)}
        assert any(scratch.iterdir()), "the workers' samples live in a temporary directory"
        server.stop()
    assert not any(scratch.iterdir()), "the metrics directory is removed when the server stops"


def _worker_pids(lines: list[str], operation: str | None, path: str = "/graphql") -> set[int]:
    """The pids of the workers whose access lines show requests to `path` (for `operation`)."""
    pids = set()
    for line in lines:
        record = json.loads(line)
        if record.get("path") == path and (operation is None or record.get("operation") == operation):
            pids.add(record["pid"])
    return pids


async def _until_waiting_on_a_lock(
    connection: asyncpg.Connection,
    answers: list[httpx.Response],
    failures: list[Exception],
    log: Callable[[], str],
) -> None:
    """Until another session of this database waits on a lock (the mutation reached the row); the
    request's failure, with the server's log (`log()`), if it ends before it gets there."""
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
    )
    async with asyncio.timeout(60):
        while True:  # polling the server: nothing in this process could signal it
            await connection.execute("SELECT pg_stat_clear_snapshot()")  # fresh view inside a transaction
            if await connection.fetchval(sql):
                return
            assert not answers, f"answered without waiting on the lock: {answers[0].text}"
            if failures:
                tail = log()[-4000:]
                raise AssertionError(
                    f"the request failed before it reached the lock: {failures[0]!r}\n{tail}"
                )
            await asyncio.sleep(0.05)


@needs_postgres
async def test_sigterm_lets_an_in_flight_request_finish(tmp_path: Path, migrated_database_url: str) -> None:
    """A mutation blocked on a row lock is in flight when SIGTERM arrives; it still gets its answer."""
    env = {"GRACEFUL_SHUTDOWN_S": "20", "STATEMENT_TIMEOUT_MS": "60000"}  # the lock is held on purpose
    with serve_process(migrated_database_url, tmp_path, env, "--workers", "2", workers=2) as server:
        token = await asyncio.to_thread(cli_token, migrated_database_url, tmp_path, "shutdown")
        blocker = await asyncpg.connect(migrated_database_url.replace("postgres://", "postgresql://", 1))
        answers: list[httpx.Response] = []
        failures: list[Exception] = []
        try:
            transaction = blocker.transaction()
            await transaction.start()
            # Holding a lock that conflicts with inserting a person makes the mutation wait.
            await blocker.execute("LOCK TABLE person IN SHARE MODE")
            mutation = {"query": 'mutation { createPerson(input: {name: "Ada Quill"}) { name } }'}

            def send() -> None:
                headers = {"Authorization": f"Bearer {token}"}
                try:
                    answers.append(
                        httpx.post(f"{server.url}/graphql", json=mutation, headers=headers, timeout=30)
                    )
                except httpx.HTTPError as error:  # reported by the wait below, with the server's log
                    failures.append(error)

            request = threading.Thread(target=send)
            request.start()
            await _until_waiting_on_a_lock(blocker, answers, failures, server.log)
            stopping = threading.Thread(target=server.stop)
            stopping.start()
            await asyncio.sleep(1.0)
            assert server.proc.poll() is None, "the server waits for its in-flight request"
            await transaction.commit()
            await asyncio.to_thread(request.join, 30)
            await asyncio.to_thread(stopping.join, 30)
        finally:
            await blocker.close()
    assert answers, "the in-flight request got no answer"
    assert answers[0].status_code == 200
    assert answers[0].json() == {"data": {"createPerson": {"name": "Ada Quill"}}}
    assert server.proc.returncode is not None  # stop() asserted a complete shutdown


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite: the server and an import write one file")
def test_api_writes_wait_for_a_running_import_on_sqlite(tmp_path: Path, migrated_database_url: str) -> None:
    """While `gql-news import` writes its batches (and then its related lists) into the served
    SQLite file, mutations wait for the write lock (WAL, the busy timeout, the import's short
    transactions) and all succeed: none answers "database is locked" (SERVICE_UNAVAILABLE)."""
    articles = 800  # a few seconds of batches on SQLite
    folder = tmp_path / "articles"
    folder.mkdir()
    catalogue, rng = make_catalogue(200, 50), random.Random(3)
    for i in range(articles):
        (folder / f"{i:04d}.txt").write_text(make_article(i, catalogue, rng), encoding="utf-8")
    url = migrated_database_url
    token = cli_token(url, tmp_path, "writer")
    mutation = "mutation($i: ArticleInput!) { createArticle(input: $i) { id } }"
    answers: list[tuple[int, Any]] = []
    with (
        serve_process(url, tmp_path, None, demo=False) as server,
        httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client,
    ):
        importing = spawn_cli(
            "import", str(folder), env={"DATABASE_URL": url}, cwd=tmp_path, output=tmp_path / "import.log"
        )
        while importing.poll() is None:
            article = {"title": f"Written meanwhile {len(answers)}", "body": "The minister of Kenya spoke.",
                       "publishedAt": "2026-12-06T10:00:00Z"}  # fmt: skip
            response = client.post("/graphql", json={"query": mutation, "variables": {"i": article}})
            answers.append((response.status_code, response.json()))
            time.sleep(0.02)
        assert importing.wait() == 0, (tmp_path / "import.log").read_text()
    assert f"imported {articles}," in (tmp_path / "import.log").read_text()
    refused = [answer for answer in answers if answer[0] != 200 or "errors" in answer[1]]
    assert not refused, refused[:3]
    # Every write was sent while the import ran; one stored after the import's first batch met its
    # writes: it went in between two batches, or waited for the last (SQLite lets no writer first).
    written = {from_global_id(body["data"]["createArticle"]["id"])[1] for _, body in answers}
    imported = set(range(1, articles + len(written) + 1)) - written
    assert max(written) > min(imported), f"no write met the import's batches: {sorted(written)}"
    again = cli("import", str(folder), env={"DATABASE_URL": url}, cwd=tmp_path, timeout=120)
    assert f"unchanged {articles}" in again.stdout, again.stdout
