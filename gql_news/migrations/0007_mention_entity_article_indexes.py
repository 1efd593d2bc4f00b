"""Mention's entity indexes become (entity, article); on SQLite, first restore what 0002 lost.

Adding a check constraint on SQLite rebuilds the table (0002), and the rebuilt `mention` table
came back without its indexes and its unique (article, start, end) key. They are recreated
here under the names later operations expect, then the single-column entity indexes are
replaced by (entity_id, article_id) ones on both databases.
"""

from typing import Any

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

_SQLITE_RESTORE = (
    'CREATE UNIQUE INDEX IF NOT EXISTS "uid_mention_article_463a8b" ON "mention" ("article_id", "start", "end")',
    'CREATE INDEX IF NOT EXISTS "idx_mention_person__472017" ON "mention" ("person_id")',
    'CREATE INDEX IF NOT EXISTS "idx_mention_organis_a12cf6" ON "mention" ("organisation_id")',
    'CREATE INDEX IF NOT EXISTS "idx_mention_country_9bd910" ON "mention" ("country_id")',
)


async def _restore_sqlite_indexes(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        for statement in _SQLITE_RESTORE:
            await client.execute_script(statement)


async def _nothing(_apps: Any, _schema_editor: Any) -> None:
    return None

class Migration(migrations.Migration):
    dependencies = [('models', '0006_write_side_triggers')]

    initial = False

    operations = [
        ops.RunPython(_restore_sqlite_indexes, _nothing),
        ops.RemoveIndex(
            model_name='Mention',
            name=None,
            fields=['person_id'],
        ),
        ops.RemoveIndex(
            model_name='Mention',
            name=None,
            fields=['organisation_id'],
        ),
        ops.RemoveIndex(
            model_name='Mention',
            name=None,
            fields=['country_id'],
        ),
        ops.AddIndex(
            model_name='Mention',
            index=Index(fields=['person_id', 'article_id']),
        ),
        ops.AddIndex(
            model_name='Mention',
            index=Index(fields=['organisation_id', 'article_id']),
        ),
        ops.AddIndex(
            model_name='Mention',
            index=Index(fields=['country_id', 'article_id']),
        ),
    ]
