"""Write a generated dataset through gql_news's own models' tables, in bulk, on any backend Tortoise runs.

Rows carry explicit ids, so nothing is read back. Each batch is ONE multi-row INSERT built from
the model's metadata (table, columns, each field's `to_db_value`) and run on Tortoise's
connection. Not `Model.bulk_create`: that is an executemany, one statement per row, and
gql_news's statement-level `data_version` triggers then fire once per row, updating one row
hundreds of thousands of times in one transaction (quadratic: 20k articles took over 10 minutes).
One statement per batch fires them once per batch. On PostgreSQL the id sequences are then
moved past the inserted ids, so the app can go on inserting rows of its own.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from tortoise.models import Model
from tortoise.transactions import in_transaction

from bench.dataset import CountryRef, Dataset, FirstIds, Sizes, generate, generate_chunks
from gql_news.db import db
from gql_news.ingest.counts import add_articles
from gql_news.models import (
    Article,
    ArticleTopic,
    Country,
    Mention,
    Organisation,
    Person,
    PersonOrganisation,
    Topic,
)

MAX_PARAMETERS = 30_000  # per statement; asyncpg and SQLite both allow 32,766
_TABLES: tuple[tuple[str, type[Model]], ...] = (
    ("topic", Topic),
    ("person", Person),
    ("organisation", Organisation),
    ("membership", PersonOrganisation),
    ("article", Article),
    ("article_topic", ArticleTopic),
    ("mention", Mention),
)
_Row = TypeVar("_Row")


async def stored_countries() -> list[CountryRef]:
    rows = await Country.all().order_by("code").values_list("id", "code", "name")
    return [CountryRef(id=r[0], code=r[1], name=r[2]) for r in rows]


async def first_free_ids() -> FirstIds:
    """One past the largest id of each table (1 for an empty table)."""
    ids: dict[str, int] = {}
    for name, model in _TABLES:
        _, rows = await db().execute_query(f'SELECT MAX("id") AS m FROM "{model._meta.db_table}"')
        ids[name] = (dict(rows[0])["m"] or 0) + 1 if rows else 1
    return FirstIds(**ids)


def _batches(rows: Sequence[_Row], size: int) -> Iterator[Sequence[_Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def insert_rows(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows (field name -> Python value, the same fields in every row) into `model`'s table."""
    if not rows:
        return
    meta = model._meta
    names = list(rows[0])
    fields = [meta.fields_map[name] for name in names]
    columns = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in names)
    conn = db()
    numbered = conn.capabilities.dialect == "postgres"
    for batch in _batches(rows, MAX_PARAMETERS // len(names)):
        values: list[Any] = []
        groups: list[str] = []
        for row in batch:
            marks: list[str] = []
            for name, field in zip(names, fields, strict=True):
                values.append(field.to_db_value(row[name], model))
                marks.append(f"${len(values)}" if numbered else "?")
            groups.append(f"({', '.join(marks)})")
        await conn.execute_query(
            f'INSERT INTO "{meta.db_table}" ({columns}) VALUES {", ".join(groups)}', values
        )


def _fields(rows: Sequence[Any], **extra: Any) -> list[dict[str, Any]]:
    """Dataclass rows as field dicts (not `dataclasses.asdict`, which deep-copies: slow at 200k rows)."""
    if not rows:
        return []
    names = [f.name for f in dataclasses.fields(rows[0])]
    return [{**{name: getattr(row, name) for name in names}, **extra} for row in rows]


def table_rows(data: Dataset, now: datetime) -> list[tuple[type[Model], list[dict[str, Any]]]]:
    """`data`'s rows per model, as field dicts, in insertion order (parents first): a person's
    surname is its one alias, an organisation has none."""
    people = [
        {k: v for k, v in row.items() if k != "surname"} | {"aliases": [row["surname"]]}
        for row in _fields(data.people)
    ]
    return [
        (Topic, _fields(data.topics)),
        (Person, people),
        (Organisation, _fields(data.organisations, aliases=[])),
        (PersonOrganisation, _fields(data.memberships)),
        (Article, _fields(data.articles, created_at=now, updated_at=now)),
        (ArticleTopic, _fields(data.article_topics)),
        (Mention, _fields(data.mentions)),
    ]


async def set_sequences() -> None:
    """Move each table's id sequence past its largest id (PostgreSQL), so the app can go on
    inserting rows of its own."""
    for _, model in _TABLES:
        table = model._meta.db_table
        await db().execute_script(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'),"
            f' (SELECT COALESCE(MAX("id"), 0) + 1 FROM "{table}"), false)'
        )


async def write_dataset(data: Dataset) -> None:
    """Insert every row of `data` in one transaction."""
    async with in_transaction():
        for model, rows in table_rows(data, datetime.now(UTC)):
            await insert_rows(model, rows)
        # Rows written directly: the maintained counts are added from them, as the store does
        # (a thousand articles a statement, under the client's command timeout).
        ids = sorted(row.id for row in data.articles)
        for first in range(0, len(ids), 1000):
            await add_articles(ids[first : first + 1000])
    if db().capabilities.dialect == "postgres":
        await set_sequences()


async def load(sizes: Sizes, log: Callable[[str], Any] = lambda _msg: None) -> Dataset:
    """Generate the dataset for `sizes` against the stored countries and write it (database open)."""
    started = time.perf_counter()
    data = generate(sizes, await stored_countries(), await first_free_ids())
    log(f"generated {_summary(data)} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    await write_dataset(data)
    log(f"inserted in {time.perf_counter() - started:.1f} s")
    return data


async def load_chunks(sizes: Sizes, log: Callable[[str], Any], chunk: int) -> dict[str, int]:
    """Generate and write the dataset `chunk` articles at a time, one transaction each: the rows
    of `load()`, without holding them all in memory. Returns how many rows of each kind."""
    started = time.perf_counter()
    counts = {"articles": 0, "people": 0, "organisations": 0, "mentions": 0, "memberships": 0, "topics": 0}
    for part in generate_chunks(sizes, await stored_countries(), await first_free_ids(), chunk):
        await write_dataset(part)
        for what in counts:
            counts[what] += len(getattr(part, what))
        log(f"{counts['articles']:,} of {sizes.articles:,} articles in {time.perf_counter() - started:.1f} s")
    return counts


def _summary(data: Dataset) -> str:
    counts = (
        ("articles", len(data.articles)),
        ("people", len(data.people)),
        ("organisations", len(data.organisations)),
        ("mentions", len(data.mentions)),
        ("memberships", len(data.memberships)),
        ("topic links", len(data.article_topics)),
    )
    return ", ".join(f"{n:,} {what}" for what, n in counts)
