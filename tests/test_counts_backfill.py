"""Counts for articles stored before the count tables existed: the 0013 and 0015 backfills,
their way back, and `gql-news recount`."""

from __future__ import annotations

from typing import Any

from tortoise import connections

from gql_news.db import COUNT_TABLES, database
from gql_news.settings import Settings
from tests.test_cli_import import CATALOGUE, SEED, migrate_back_to, run


async def _counts(url: str) -> dict[str, list[tuple[Any, ...]]]:
    async with database(Settings(database_url=url)):
        client = connections.get("default")
        return {
            table: sorted(
                tuple(str(v) for v in row.values())
                for row in await client.execute_query_dict(f"SELECT * FROM {table}")
            )
            for table in COUNT_TABLES
        }


async def test_migration_backfills_and_recount_rebuilds(empty_database_url: str) -> None:
    url = empty_database_url
    imported = run(url, "import", "--catalogue", str(CATALOGUE), str(SEED))
    assert imported.returncode == 0, imported.stderr
    kept = await _counts(url)
    assert all(kept.values()), {table: len(rows) for table, rows in kept.items()}

    # Back to the schema before the counts (the tables go), then forward again: the backfill runs.
    await migrate_back_to(url, "models.0012_data_notify")
    assert await _counts(url) == kept

    async with database(Settings(database_url=url)):
        for table in COUNT_TABLES:
            await connections.get("default").execute_script(f"DELETE FROM {table}")
    recounted = run(url, "recount")
    assert recounted.returncode == 0, recounted.stderr
    assert await _counts(url) == kept
