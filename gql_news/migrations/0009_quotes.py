"""Quotes: the table, its data_version triggers, and quotes for the articles already stored.

The backfill reads each article's stored person mentions (no re-linking) and runs the
extractor of this release over its body. `gql-news requote` does the same later, for example
after the extraction rules change.
"""

from typing import Any

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint

from gql_news.ingest.linker import LinkedMention
from gql_news.ingest.quotes import find_quotes

_BATCH = 500


def _triggers(dialect: str) -> list[str]:
    if dialect == "postgres":
        return [
            "CREATE TRIGGER quote_bumps_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            " ON quote FOR EACH STATEMENT EXECUTE FUNCTION gql_news_bump_data_version()"
        ]
    return [
        f"CREATE TRIGGER quote_{event.lower()}_bumps_data_version AFTER {event} ON quote"
        " BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in _triggers(client.capabilities.dialect):
        await client.execute_script(statement)
    ids = [int(row["id"]) for row in await client.execute_query_dict("SELECT id FROM article ORDER BY id")]
    for first in range(0, len(ids), _BATCH):
        batch = ids[first : first + _BATCH]
        marks = ", ".join(f"${n}" if postgres else "?" for n in range(1, len(batch) + 1))
        bodies = await client.execute_query_dict(f"SELECT id, body FROM article WHERE id IN ({marks})", batch)
        people: dict[int, list[LinkedMention]] = {}
        for row in await client.execute_query_dict(
            f'SELECT article_id, person_id, text, start, "end" FROM mention '
            f"WHERE person_id IS NOT NULL AND article_id IN ({marks}) ORDER BY article_id, start",
            batch,
        ):
            people.setdefault(row["article_id"], []).append(
                LinkedMention("person", row["person_id"], row["text"], row["start"], row["end"])
            )
        rows = [
            [article["id"], quote.person_id, quote.text, quote.start, quote.end]
            for article in bodies
            for quote in find_quotes(article["body"], people.get(article["id"], []))
        ]
        if rows:
            values = "($1, $2, $3, $4, $5)" if postgres else "(?, ?, ?, ?, ?)"
            await client.execute_many(
                f'INSERT INTO quote (article_id, person_id, text, start, "end") VALUES {values}', rows
            )


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        await client.execute_script("DROP TRIGGER IF EXISTS quote_bumps_data_version ON quote")
    else:
        for event in ("insert", "update", "delete"):
            await client.execute_script(f"DROP TRIGGER IF EXISTS quote_{event}_bumps_data_version")


class Migration(migrations.Migration):
    dependencies = [("models", "0008_search")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Quote",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                (
                    "article",
                    fields.ForeignKeyField(
                        "models.Article",
                        source_field="article_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="quotes",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "person",
                    fields.ForeignKeyField(
                        "models.Person",
                        source_field="person_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="quotes",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("text", fields.TextField(unique=False)),
                ("start", fields.IntField()),
                ("end", fields.IntField()),
            ],
            options={
                "table": "quote",
                "app": "models",
                "unique_together": (("article", "start"),),
                "constraints": [CheckConstraint(check='"start" >= 0 AND "end" > "start"', name="quote_span")],
                "indexes": [Index(fields=["person_id", "article_id"])],
                "pk_attr": "id",
                "table_description": "A quotation: body[start:end] == text (marks excluded), person null when unattributed.",
            },
            bases=["Model"],
        ),
        ops.RunPython(_forward, _backward),
    ]
