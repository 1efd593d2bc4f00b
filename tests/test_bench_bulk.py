"""`bench.bulk` (COPY, counts computed once) writes what `bench.load.load_chunks` writes.

One dataset loaded both ways into two scratch PostgreSQL databases; every table of content is
compared row by row (ids included), as are the derived ones: search documents, the maintained
counts, the neighbour lists.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest

from bench.database import BenchDatabase, prepare
from bench.scale import sizes_for
from gql_news.settings import Settings
from tests.conftest import BACKEND, PG_ADMIN_URL

ARTICLES = 600
_NOT_COMPARED = {"tortoise_migrations", "data_version", "catalogue_version", "event_outbox"}
_TIMES = {"created_at", "updated_at"}  # the load's clock, not the data
_DOCUMENTS = ("search_vector",)

# The entity names (weight D) of a document: each lexeme with its number of positions. The
# mention trigger gathers an article's names in whatever order `gql_news_entity_names`'s plan
# reads them (no ORDER BY); the store, and so the bulk load, by kind then id. The lexemes, their
# weights and counts are the same; their positions follow that order.
_NAMES = (
    "(SELECT string_agg(lexeme || ':' || cardinality(positions), ' ' ORDER BY lexeme)"
    " FROM unnest(ts_filter({c}, '{{d}}')))"
)


async def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    conn = await asyncpg.connect(url)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        tables = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        for (table,) in tables:
            if table in _NOT_COMPARED:
                continue
            names = [
                r["column_name"]
                for r in await conn.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                    " AND table_name = $1 ORDER BY ordinal_position",
                    table,
                )
                if r["column_name"] not in _TIMES
            ]
            if table == "article_neighbour":  # its own serial: the order of insertion within a batch
                names.remove("id")
            columns = []
            for name in names:
                if name in _DOCUMENTS:
                    columns.append(f"ts_filter(\"{name}\", '{{a,b,c}}')::text")
                    columns.append(_NAMES.format(c=f'"{name}"'))
                else:
                    columns.append(f'"{name}"::text')
            listed = ", ".join(columns)
            rows = await conn.fetch(f'SELECT {listed} FROM "{table}" ORDER BY {listed}')
            out[table] = [tuple(row) for row in rows]
    finally:
        await conn.close()
    return out


async def test_bulk_load_writes_the_same_rows_as_the_row_by_row_load(test_settings: Settings) -> None:
    if BACKEND != "postgres":
        pytest.skip("the bulk load copies into PostgreSQL")
    sizes = sizes_for(ARTICLES)
    prefix = f"gql_news_bench_bulk_test_{id(test_settings)}"
    rows_db = BenchDatabase(PG_ADMIN_URL, f"{prefix}_rows")
    bulk_db = BenchDatabase(PG_ADMIN_URL, f"{prefix}_bulk")
    lines: list[str] = []
    try:
        by_rows = await asyncio.wait_for(
            prepare(rows_db, sizes, reuse=False, log=lines.append, chunk=250), timeout=240
        )
        by_copy = await asyncio.wait_for(
            prepare(bulk_db, sizes, reuse=False, log=lines.append, chunk=250, bulk=True), timeout=240
        )
        assert any("250 of 600 articles copied" in line for line in lines), "copied in chunks"
        assert {k: v for k, v in by_copy.items() if k not in ("seconds", "bulk")} == {
            k: v for k, v in by_rows.items() if k not in ("seconds", "bulk")
        }
        expected, copied = await _tables(rows_db.url), await _tables(bulk_db.url)
    finally:
        await rows_db.drop()
        await bulk_db.drop()
    assert sorted(copied) == sorted(expected)
    for table in ("article", "mention", "article_topic", "person", "entity_pair_count", "article_neighbour"):
        assert expected[table], f"{table} is empty: nothing compared"
    for table, rows in expected.items():
        assert copied[table] == rows, f"{table} differs"
