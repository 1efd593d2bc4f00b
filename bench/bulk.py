"""The bench dataset written with PostgreSQL's COPY, the derived tables built once, set-based.

The same rows as `bench.load.load_chunks` (same generator, same ids), for sizes where its path
(multi-row INSERTs, the mention triggers refreshing each batch's search documents, the counts
added per thousand articles) is too slow: 250,000 articles took over an hour that way.

- People, organisations, memberships and topics: one COPY each, committed first.
- Then `chunk` articles per transaction, generated in a thread while the previous chunk is
  written: the articles are copied into a temporary table and inserted from it with their whole
  search documents, as the store writes new articles (`ingest.documents.insert_articles`: the
  text and the names and aliases of the entities each article links, gathered by `entity_names`
  and `names_text`), so the article insert trigger steps aside (it fires only for a row without
  a document) and no row is updated afterwards; topic links and mentions are copied with
  `documents_deferred()`'s setting on, so the mention trigger (migrations 0008/0013) does not
  build those documents a second time.
- Then, at the same time (they read the same rows and write different tables), the counts from
  the mention and topic rows (`ingest.counts.recount`, one transaction) and the neighbour lists
  (`bench.neighbour_lists`: `rebuild_neighbours`' selection, in memory); then the id
  sequences.

`tests/test_bench_bulk.py` loads a small dataset both ways and compares every table.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import asyncpg
from tortoise.models import Model
from tortoise.transactions import in_transaction

from bench.dataset import Dataset, Sizes, generate_chunks
from bench.load import first_free_ids, set_sequences, stored_countries, table_rows
from bench.neighbour_lists import build_neighbour_lists
from gql_news.ingest.counts import recount
from gql_news.ingest.documents import entity_names, names_text
from gql_news.models import Article

_STAGED = "bulk_article"
_KIND = {"person_id": "person", "organisation_id": "organisation", "country_id": "country"}


def _records(
    model: type[Model], rows: Sequence[Mapping[str, Any]]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The table's column names and the rows as tuples of database values (as `insert_rows`)."""
    meta = model._meta
    names = list(rows[0])
    fields = [meta.fields_map[name] for name in names]
    columns = [meta.fields_db_projection[name] for name in names]
    records = [
        tuple(field.to_db_value(row[name], model) for name, field in zip(names, fields, strict=True))
        for row in rows
    ]
    return columns, records


async def _copy(conn: asyncpg.Connection, model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    columns, records = _records(model, rows)
    await conn.copy_records_to_table(model._meta.db_table, columns=columns, records=records)


async def _names(data: Dataset) -> list[str]:
    """Each article's entity names and aliases, as the store's documents hold them."""
    linked: dict[int, list[tuple[str, int]]] = {row.id: [] for row in data.articles}
    for mention in data.mentions:
        for column, kind in _KIND.items():
            entity_id = getattr(mention, column)
            if entity_id is not None:
                linked[mention.article_id].append((kind, entity_id))
    names = await entity_names({entity for entities in linked.values() for entity in entities})
    return [names_text(linked[row.id], names) for row in data.articles]


async def _write_articles(conn: asyncpg.Connection, data: Dataset, now: datetime) -> None:
    """One chunk's articles, topic links and mentions, in the caller's transaction."""
    rows = dict(table_rows(data, now))
    columns, records = _records(Article, rows[Article])
    names = await _names(data)
    await conn.copy_records_to_table(
        _STAGED,
        columns=[*columns, "names_"],
        records=[(*record, text) for record, text in zip(records, names, strict=True)],
    )
    listed = ", ".join(f'"{c}"' for c in columns)
    config = "'gql_news_english'"
    await conn.execute(
        f"INSERT INTO article ({listed}, search_vector, search_title)"
        f" SELECT {listed}, gql_news_text_vector(title, standfirst, body)"
        f" || setweight(to_tsvector({config}, names_), 'D'), to_tsvector({config}, coalesce(title, ''))"
        f" FROM {_STAGED} ORDER BY id"
    )
    await conn.execute(f"TRUNCATE {_STAGED}")
    # What `documents_deferred()` sets: the mention trigger leaves these documents alone.
    await conn.execute("SELECT set_config('gql_news.documents', 'written', true)")
    for model, model_rows in rows.items():
        if model._meta.db_table in ("article_topic", "mention"):
            await _copy(conn, model, model_rows)
    await conn.execute("SELECT set_config('gql_news.documents', '', true)")


def _next(chunks: Iterator[Dataset]) -> Dataset | None:
    return next(chunks, None)


async def load_bulk(url: str, sizes: Sizes, log: Callable[[str], Any], chunk: int) -> dict[str, int]:
    """Write the dataset of `sizes` (database open, countries loaded), compute its counts and
    neighbour lists; returns how many rows of each kind (as `load_chunks`)."""
    started = time.perf_counter()
    counts = {"articles": 0, "people": 0, "organisations": 0, "mentions": 0, "memberships": 0, "topics": 0}
    chunks = generate_chunks(sizes, await stored_countries(), await first_free_ids(), chunk)
    now = datetime.now(UTC)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("SET synchronous_commit = off")
        await conn.execute(f"CREATE TEMPORARY TABLE {_STAGED} (LIKE article INCLUDING DEFAULTS, names_ text)")
        await conn.execute(f"ALTER TABLE {_STAGED} DROP COLUMN search_vector, DROP COLUMN search_title")
        part = await asyncio.to_thread(_next, chunks)
        first = True
        while part is not None:
            upcoming = asyncio.create_task(asyncio.to_thread(_next, chunks))
            try:
                if first:  # the entities, committed before the articles name them
                    async with conn.transaction():
                        for model, rows in table_rows(part, now):
                            if model._meta.db_table not in ("article", "article_topic", "mention"):
                                await _copy(conn, model, rows)
                    first = False
                async with conn.transaction():
                    await _write_articles(conn, part, now)
            except BaseException:
                upcoming.cancel()
                raise
            for what in counts:
                counts[what] += len(getattr(part, what))
            log(
                f"{counts['articles']:,} of {sizes.articles:,} articles copied"
                f" in {time.perf_counter() - started:.1f} s"
            )
            part = await upcoming
    finally:
        await conn.close()
    # The counts and the neighbour lists read the same rows and write different tables: at once.
    await asyncio.gather(_recount(log), _neighbours(url, log))
    await set_sequences()
    return counts


async def _recount(log: Callable[[str], Any]) -> None:
    started = time.perf_counter()
    async with in_transaction() as client:
        # Aggregates over every mention and the pair indexes' builds: in memory, not spilled.
        await client.execute_script("SET LOCAL work_mem = '512MB'; SET LOCAL maintenance_work_mem = '1GB'")
        await recount()
    log(f"counts in {time.perf_counter() - started:.1f} s")


async def _neighbours(url: str, log: Callable[[str], Any]) -> None:
    started = time.perf_counter()
    await build_neighbour_lists(url, log)
    log(f"related-article lists in {time.perf_counter() - started:.1f} s")
