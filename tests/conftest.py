"""Test harness: one real database per run, chosen by GQL_NEWS_TEST_DB (sqlite | postgres).

`make test` runs the suite once per backend in separate processes, because Tortoise must not
reuse one connection name across two database engines in one process. The PostgreSQL run
creates a uniquely named database on the server at GQL_NEWS_TEST_PG_URL and drops it at the end.
With CI=true an unreachable PostgreSQL fails the run; elsewhere it skips the run, loudly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest

from gql_news.db import CONTENT_TABLES, database, db
from gql_news.settings import Settings
from tests.app_client import app_client
from tests.databases import BACKEND as BACKEND
from tests.databases import PG_ADMIN_URL as PG_ADMIN_URL
from tests.databases import pg_admin, scratch_database
from tests.servers import stop_fork_server

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Every table tests may write to; countries are reference data loaded once per run.
MUTABLE_TABLES = CONTENT_TABLES


def pytest_report_header(config: pytest.Config) -> str:
    return f"gql_news test database backend: {BACKEND}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop_fork_server()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "db: uses this run's database backend (set on collection; `-m 'not db'` selects the tests that "
        "give the same answer whatever GQL_NEWS_TEST_DB says, which `make test` runs once)",
    )
    config.addinivalue_line(
        "markers",
        "backend_independent: a database test whose answer cannot depend on the backend (the request "
        "is answered before any statement, or by the HTTP layer): `make test` runs it in the SQLite "
        "pass only",
    )


# Fixtures that open this run's database: a test using one (directly or through another fixture)
# depends on the backend.
_DATABASE_FIXTURES = {"test_settings", "empty_database_url", "migrated_database_url"}


# A module holding one of these looks at the backend (to skip, to behave differently, or to make a
# database of its own on it): its tests are backend-dependent.
_BACKEND_NAMES = {"BACKEND", "scratch_database", "create_pg_database"}


def _reads_backend(module_name: str) -> bool:
    module = sys.modules.get(module_name)
    if module is None or module_name in {__name__, "tests.databases"}:
        return False
    return not _BACKEND_NAMES.isdisjoint(vars(module))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `db` every test whose answer may depend on GQL_NEWS_TEST_DB."""
    for item in items:
        fixture_info = getattr(item, "_fixtureinfo", None)
        names = set(getattr(item, "fixturenames", ()))
        modules = {item.module.__name__} if isinstance(item, pytest.Function) and item.module else set()
        if fixture_info is not None:
            for definitions in fixture_info.name2fixturedefs.values():
                modules.update(d.func.__module__ for d in definitions)
        if names & _DATABASE_FIXTURES or any(_reads_backend(name) for name in modules):
            item.add_marker(pytest.mark.db)


_pg_admin = pg_admin  # the name older tests import


@pytest.fixture(scope="session")
def test_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a fresh, migrated database holding the ISO country set."""
    if BACKEND not in {"sqlite", "postgres"}:
        pytest.exit(f"GQL_NEWS_TEST_DB must be sqlite or postgres, not {BACKEND!r}", returncode=4)
    with ExitStack() as stack:
        try:
            url = stack.enter_context(
                scratch_database(tmp_path_factory.mktemp("db"), "gql_news_test", migrated=True)
            )
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            if BACKEND == "sqlite":
                raise
            message = f"PostgreSQL at {PG_ADMIN_URL} is unreachable ({exc!r})"
            if IN_CI:
                pytest.exit(
                    f"FAILED: {message}; the PostgreSQL suite is required with CI=true.", returncode=3
                )
            pytest.exit(f"SKIPPED THE WHOLE POSTGRESQL SUITE: {message}.", returncode=0)
        yield Settings(database_url=url)


async def _truncate() -> None:
    conn = db()
    if BACKEND == "postgres":
        # Without the app's statement timeout: a test may run the app with a short one, and on a
        # loaded machine the truncate of every table can outlast it.
        await conn.execute_script(
            "BEGIN; SET LOCAL statement_timeout = 0;"
            f" TRUNCATE {', '.join(MUTABLE_TABLES)} RESTART IDENTITY CASCADE; COMMIT"
        )
    else:
        for table in MUTABLE_TABLES:
            await conn.execute_script(f'DELETE FROM "{table}"')


@pytest.fixture
async def db_session(test_settings: Settings) -> AsyncIterator[Settings]:
    """An open database for the test; every table but `country` is emptied afterwards."""
    async with database(test_settings):
        try:
            yield test_settings
        finally:
            await _truncate()


@asynccontextmanager
async def _serve(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(settings) as http:
        try:
            yield http
        finally:
            await _truncate()


@pytest.fixture
async def client(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real ASGI app with its lifespan running, driven over httpx."""
    async with _serve(test_settings) as http:
        yield http


@pytest.fixture
async def uncached_client(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its response cache off: every query is executed."""
    async with _serve(test_settings.model_copy(update={"response_cache_bytes": 0})) as http:
        yield http


@pytest.fixture
async def executor_client(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app with the cache and the read planner off: every query runs field by field (the
    executor, which answers what the planner does not)."""
    settings = test_settings.model_copy(update={"response_cache_bytes": 0, "query_planner": False})
    async with _serve(settings) as http:
        yield http


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A URL to a brand-new, empty database of this run's backend (dropped afterwards): for
    what must see the migrations run."""
    with scratch_database(tmp_path, "empty") as url:
        yield url


@pytest.fixture
def migrated_database_url(tmp_path: Path) -> Iterator[str]:
    """A URL to a brand-new database of this run's backend as `gql-news migrate` leaves it
    (migrated, the country set loaded; a copy of a template migrated once per run), dropped
    afterwards."""
    with scratch_database(tmp_path, "migrated", migrated=True) as url:
        yield url
