"""Tortoise configuration, migrations and the open/close helpers. Nothing GraphQL here."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

import gql_news.tortoise_import  # noqa: F401 - first: Tortoise imported without reading its source

# isort: split

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.transactions import in_transaction

from gql_news.replicas import Replica, Replicas
from gql_news.settings import Settings
from gql_news.tuning import install_tuning

APP_LABEL = "models"
MODEL_MODULES = ["gql_news.models"]
MIGRATIONS_MODULE = "gql_news.migrations"


async def _reset(connection: Any) -> None:
    """What the pool does to a connection it takes back: roll back a transaction left open.

    asyncpg's default reset sends `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL` after every release, a second round trip per query. The app sets no session
    state, holds no advisory locks and opens no cursors, so only an unfinished transaction
    needs undoing.
    """
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


def _connection(settings: Settings, url: str, *, statement_timeout: bool) -> str | dict[str, Any]:
    if not settings.is_postgres:
        sqlite: dict[str, Any] = expand_db_url(settings.database_url)
        # A write waits this long for another process's write (an import) to commit; Tortoise
        # passes extra credentials to SQLite as PRAGMAs.
        sqlite["credentials"].setdefault("busy_timeout", settings.sqlite_busy_timeout_ms)
        return sqlite
    config: dict[str, Any] = expand_db_url(url)
    credentials = config["credentials"]
    credentials.update(
        minsize=1,
        maxsize=settings.db_pool_max,
        reset=_reset,
        # A database that is down refuses at once; one that is unreachable (a dropped route, a
        # frozen host) would hold a request for asyncpg's default 60 s.
        timeout=settings.db_connect_timeout_s,
        # Idle connections above the floor are closed after this; dead ones (server restarted)
        # are replaced by asyncpg on the next acquire whatever it is.
        max_inactive_connection_lifetime=settings.db_pool_idle_s,
        server_settings={
            "application_name": settings.db_application_name,
            # Index scans are cheap on SSDs; with the default 4.0 the planner hash-joins whole
            # tables for a page of 20 articles.
            "random_page_cost": "1.1",
            # JIT compilation costs more than it saves on short OLTP statements.
            "jit": "off",
        },
    )
    if statement_timeout and settings.statement_timeout_ms:
        # A statement past the budget is cancelled by PostgreSQL: the request answers
        # SERVICE_UNAVAILABLE instead of holding a worker and a connection.
        credentials["server_settings"]["statement_timeout"] = str(settings.statement_timeout_ms)
    if statement_timeout and settings.db_command_timeout_s:
        # The client-side backstop for a server that no longer answers at all.
        credentials["command_timeout"] = settings.db_command_timeout_s
    return config


def tortoise_config(
    settings: Settings, *, statement_timeout: bool = True, replicas: bool = False
) -> dict[str, Any]:
    """The Tortoise config dict for these settings (also used by the `tortoise` CLI).

    Migrations run without the per-statement timeout: building an index may take longer. With
    `replicas`, DATABASE_REPLICA_URLS become the connections `replica_1`, `replica_2`, ...: only
    the read path of queries uses them (`gql_news.replicas`); models, and so every write and the
    token checks, stay on `default`, the primary.
    """
    pool = {"default": _connection(settings, settings.database_url, statement_timeout=statement_timeout)}
    if replicas:
        for name, url in _replica_names(settings):
            pool[name] = _connection(settings, url, statement_timeout=statement_timeout)
    return {
        "connections": pool,
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def migrate(settings: Settings) -> list[str]:
    """Apply every committed migration to the configured database (idempotent); returns the
    names of those this call applied, in order (empty when the schema was current)."""
    applied: list[str] = []

    def progress(event: str, _app_label: str, name: str) -> None:
        if event == "apply_done":
            applied.append(name)

    # Here, not at the top: a command on a current schema (`migrations_current`) never needs
    # Tortoise's migration machinery, nor the migrations themselves.
    from tortoise.migrations.api import migrate as _tortoise_migrate

    await _tortoise_migrate(config=tortoise_config(settings, statement_timeout=False), progress=progress)
    await Tortoise.close_connections()
    return applied


def latest_migration() -> str:
    """The newest committed migration's name (what a current schema is at)."""
    return max(_migration_names())


def _migration_names() -> set[str]:
    """The committed migrations' names, read from the package's files (none imported)."""
    from importlib.resources import files

    return {
        entry.name.removesuffix(".py")
        for entry in files(MIGRATIONS_MODULE).iterdir()
        if entry.name[:4].isdigit() and entry.name.endswith(".py")
    }


async def migrations_current() -> bool:
    """On the open database: whether the migrations it records as applied are exactly the
    committed ones (then `migrate` has nothing to do). False when it records none (a new
    database), others or fewer: `migrate` decides, as it would have."""
    try:
        _, rows = await db().execute_query(
            "SELECT app, name FROM tortoise_migrations"  # Tortoise's record of applied migrations
        )
    except Exception:  # noqa: BLE001 - no such table yet (a new database), or unreadable: migrate
        return False
    recorded = [(row["app"], row["name"]) for row in rows]
    return len(recorded) == len(set(recorded)) and set(recorded) == {
        (APP_LABEL, name) for name in _migration_names()
    }


def _replica_names(settings: Settings) -> list[tuple[str, str]]:
    return [(f"replica_{number}", url) for number, url in enumerate(settings.replica_urls, start=1)]


# The WAL positions a serving process on PostgreSQL follows, and its read replicas (none without
# DATABASE_REPLICA_URLS): the floor and each client's last write keep the response cache, and
# the replicas, from answering before a write the client has seen committed. None on SQLite and
# in the CLI.
_replicas: Replicas | None = None


def read_replicas() -> Replicas | None:
    return _replicas


async def init_db(settings: Settings, *, replicas: bool = False) -> None:
    """Open the connections for this process; the process-wide fallback lets any task use them.

    `replicas`: the server's queries may read from DATABASE_REPLICA_URLS (the CLI's commands,
    writers all, leave them alone)."""
    global _replicas
    with_replicas = replicas and bool(settings.replica_urls)
    await Tortoise.init(
        config=tortoise_config(settings, replicas=with_replicas), _enable_global_fallback=True
    )
    install_tuning(settings)
    if not settings.is_postgres:
        await _unicode_lower(db())
    if replicas and settings.is_postgres:
        names = _replica_names(settings) if with_replicas else []
        _replicas = Replicas([Replica(name, _where(url)) for name, url in names])


def _where(url: str) -> str:
    """host:port/database of a URL: what logs may show of it (no credentials)."""
    credentials = expand_db_url(url)["credentials"]
    return f"{credentials.get('host')}:{credentials.get('port')}/{credentials.get('database')}"


async def _unicode_lower(client: BaseDBAsyncClient) -> None:
    """SQLite's LOWER() folds ASCII only; make it Python's, as PostgreSQL's folds every letter.
    (And give it the base64 the read planner needs.)

    Case-insensitive name filters lower both sides; without this "åland" misses "Åland Islands"
    on SQLite but not on PostgreSQL.
    """
    await client.execute_query("SELECT 1")  # opens the connection
    connection = getattr(client, "_connection", None)
    if connection is not None:
        await connection.create_function("lower", 1, _lower, deterministic=True)
        await connection.create_function("gql_news_base64url", 1, _base64url, deterministic=True)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _base64url(value: Any) -> Any:
    """Global ids and cursors in the read planner's SQL: SQLite has no base64 function."""
    if value is None:
        return None
    return base64.urlsafe_b64encode(str(value).encode()).decode().rstrip("=")


async def close_db() -> None:
    global _replicas
    if _replicas is not None:
        await _replicas.close()
        _replicas = None
    await Tortoise.close_connections()


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[None]:
    """Open the database for the duration of the block and always close it (SQLite hangs otherwise)."""
    await init_db(settings)
    try:
        yield
    finally:
        await close_db()


def db() -> BaseDBAsyncClient:
    """The default connection of the running app."""
    client: BaseDBAsyncClient = connections.get("default")
    return client


# A write that changes nothing: on SQLite it takes the database's write lock (waiting for it).
SQLITE_WRITE_LOCK = "UPDATE data_version SET version = version WHERE 0"


# Called after every `writing()` block commits (its outermost transaction): the response cache
# forgets its version at once, before the commit's notification comes round.
committed_hooks: list[Callable[[], None]] = []
_in_writing: ContextVar[bool] = ContextVar("gql_news_in_writing", default=False)


@asynccontextmanager
async def writing() -> AsyncIterator[BaseDBAsyncClient]:
    """A write transaction. On SQLite it takes the write lock at once (waiting up to the busy
    timeout for another writer): a transaction that reads first and writes later would instead
    fail with "database is locked", without waiting, whenever another process wrote meanwhile."""
    outermost = not _in_writing.get()
    token = _in_writing.set(True)
    try:
        async with in_transaction("default") as connection:
            if connection.capabilities.dialect == "sqlite":
                await connection.execute_query(SQLITE_WRITE_LOCK)
            yield connection
    finally:
        _in_writing.reset(token)
    if not outermost:  # a savepoint: the commit, and what follows it, is the outer block's
        return
    if _replicas is not None:
        # Where this commit ends in the WAL: the writer's reads wait for a replica to get there.
        await _replicas.committed(db())
    for hook in committed_hooks:
        hook()


COUNT_TABLES = (
    "entity_count",
    "entity_pair_count",
    "entity_timeline",
    "entity_topic_count",
    "topic_count",
    "article_total",
)
"""The maintained counts (`ingest.counts`, migrations 0013 and 0015)."""

# Every table of content, children before parents; `country` (reference data) is not among them.
CONTENT_TABLES = (
    *COUNT_TABLES,
    "article_count_queue",
    "article_neighbour_queue",
    "article_neighbour",
    "quote",
    "entity_candidate",
    "mention",
    "article_topic",
    "person_organisation",
    "article",
    "person",
    "organisation",
    "topic",
    "api_token",
)


async def reset_content() -> None:
    """Delete every row of content (articles, entities, quotes, candidates, tokens) in one
    transaction; the countries stay. The demo loader then finds an empty database."""
    async with writing() as connection:
        for table in CONTENT_TABLES:
            await connection.execute_script(f'DELETE FROM "{table}"')


async def ping() -> bool:
    """True when the database answers and is migrated (its write counter can be read)."""
    try:
        await db().execute_query("SELECT version FROM data_version WHERE id = 1")
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False
    return True


def __getattr__(name: str) -> Any:
    """`TORTOISE_ORM` for Tortoise's own CLI: `tortoise -c gql_news.db.TORTOISE_ORM makemigrations`."""
    if name == "TORTOISE_ORM":
        from gql_news.settings import get_settings

        return tortoise_config(get_settings())
    raise AttributeError(name)
