"""Tortoise configuration, migrations and the open/close helpers. Nothing GraphQL here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.migrations.api import migrate as _tortoise_migrate

from gql_news.settings import Settings

APP_LABEL = "models"
MODEL_MODULES = ["gql_news.models"]
MIGRATIONS_MODULE = "gql_news.migrations"


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """The Tortoise config dict for these settings (also used by the `tortoise` CLI)."""
    url = settings.database_url
    if settings.is_postgres:
        sep = "&" if "?" in url else "?"
        url = f"{url}{sep}minsize=1&maxsize={settings.db_pool_max}"
    return {
        "connections": {"default": url},
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


async def migrate(settings: Settings) -> None:
    """Apply every committed migration to the configured database (idempotent)."""
    await _tortoise_migrate(config=tortoise_config(settings))
    await Tortoise.close_connections()


async def init_db(settings: Settings) -> None:
    """Open the connections for this process; the process-wide fallback lets any task use them."""
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_db() -> None:
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


async def ping() -> bool:
    """True when the database answers a trivial query."""
    try:
        await db().execute_query("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False
    return True


def __getattr__(name: str) -> Any:
    """`TORTOISE_ORM` for Tortoise's own CLI: `tortoise -c gql_news.db.TORTOISE_ORM makemigrations`."""
    if name == "TORTOISE_ORM":
        from gql_news.settings import get_settings

        return tortoise_config(get_settings())
    raise AttributeError(name)
