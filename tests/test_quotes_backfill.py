"""Quotes for articles stored before the quote table existed: the 0009 backfill and `gql-news requote`."""

from __future__ import annotations

from gql_news.db import database
from gql_news.models import Quote
from gql_news.settings import Settings
from tests.test_cli_import import CATALOGUE, SEED, migrate_back_to, run


async def _dapkiunas_quotes(url: str) -> list[str]:
    async with database(Settings(database_url=url)):
        rows = await Quote.filter(person__slug="andrei-dapkiunas").order_by("start").values_list("text")
        return [text for (text,) in rows]


async def test_migration_backfills_and_requote_rebuilds(empty_database_url: str) -> None:
    url = empty_database_url
    imported = run(url, "import", "--catalogue", str(CATALOGUE), str(SEED))
    assert imported.returncode == 0, imported.stderr
    stored = await _dapkiunas_quotes(url)
    assert len(stored) == 4

    # Back to the schema before quotes (the table goes), then forward again: the backfill runs.
    await migrate_back_to(url, "models.0007_mention_entity_article_indexes")
    assert await _dapkiunas_quotes(url) == stored

    async with database(Settings(database_url=url)):
        await Quote.all().delete()
    requoted = run(url, "requote")
    assert requoted.returncode == 0, requoted.stderr
    assert "4 quotes stored" in requoted.stderr  # the console reports on stderr
    assert await _dapkiunas_quotes(url) == stored
