"""The migrated schema has the indexes the queries rely on, on both databases."""

from __future__ import annotations

from gql_news.db import db
from gql_news.settings import Settings


async def _index_columns(table: str) -> set[tuple[str, ...]]:
    conn = db()
    if conn.capabilities.dialect == "postgres":
        rows = await conn.execute_query_dict(
            "SELECT array_agg(a.attname ORDER BY k.ord) AS cols FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indrelid "
            "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
            "WHERE c.relname = $1 GROUP BY i.indexrelid",
            [table],
        )
        return {tuple(row["cols"]) for row in rows}
    names = await conn.execute_query_dict(f"PRAGMA index_list('{table}')")
    out: set[tuple[str, ...]] = set()
    for index in names:
        cols = await conn.execute_query_dict(f"PRAGMA index_info('{index['name']}')")
        out.add(tuple(col["name"] for col in sorted(cols, key=lambda c: c["seqno"])))
    return out


async def test_mention_indexes(db_session: Settings) -> None:
    columns = await _index_columns("mention")
    assert ("article_id", "start", "end") in columns  # unique: one mention per span
    for entity in ("person_id", "organisation_id", "country_id"):
        assert (entity, "article_id") in columns  # "does this article mention it": one seek
        # An entity's mentions newest article first: its article page is one range walk.
        assert (entity, "published_at", "article_id") in columns


async def test_mention_indexes_are_named_and_descending(db_session: Settings) -> None:
    conn = db()
    names = ("mention_person_newest", "mention_organisation_newest", "mention_country_newest")
    if conn.capabilities.dialect == "postgres":
        rows = await conn.execute_query_dict(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'mention'"
        )
    else:
        rows = await conn.execute_query_dict(
            "SELECT name AS indexname, sql AS indexdef FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = 'mention'"
        )
    found = {row["indexname"]: row["indexdef"] for row in rows}
    for name in names:
        assert "published_at DESC, article_id DESC" in found[name].replace('"', "")
        assert " WHERE " not in found[name]  # not partial: PostGraphile takes it as the FK's index


async def test_foreign_keys_and_sort_keys_are_indexed(db_session: Settings) -> None:
    assert ("published_at",) in await _index_columns("article")
    assert ("country_id",) in await _index_columns("person")
    assert ("country_id",) in await _index_columns("organisation")
    assert ("topic_id",) in await _index_columns("article_topic")
    assert ("organisation_id",) in await _index_columns("person_organisation")


async def test_quote_indexes(db_session: Settings) -> None:
    columns = await _index_columns("quote")
    assert ("article_id", "start") in columns  # unique: one quote per opening
    assert ("person_id", "article_id") in columns  # a person's quotes


async def test_list_and_co_mention_orders_are_indexed(db_session: Settings) -> None:
    # People and organisations are listed by name, then id.
    assert ("name", "id") in await _index_columns("person")
    assert ("name", "id") in await _index_columns("organisation")
    # An entity's partners of one kind in co-mention order (count, last seen, id), either side.
    pairs = await _index_columns("entity_pair_count")
    assert ("kind", "entity_id", "other_kind", "articles", "last_seen", "other_id") in pairs
    assert ("other_kind", "other_id", "kind", "articles", "last_seen", "entity_id") in pairs


async def test_migrations_current_only_when_every_committed_migration_is_recorded(
    empty_database_url: str,
) -> None:
    """What lets a command skip `migrate`: false on a new database and on one missing a
    migration (which `migrate` then applies), true once all are applied."""
    from gql_news.db import database, latest_migration, migrate, migrations_current

    settings = Settings(database_url=empty_database_url)
    async with database(settings):
        assert not await migrations_current()
    await migrate(settings)
    async with database(settings):
        assert await migrations_current()
        await db().execute_query(f"DELETE FROM tortoise_migrations WHERE name = '{latest_migration()}'")
        assert not await migrations_current()
