"""Mention.published_at: the publication time of the mention's article, in the mention row, so an
entity's newest articles are one index range.

An entity's article page (a person's, an organisation's or a country's articles, newest first)
read every mention of the entity and sorted their articles by date: tens of thousands of rows
for a country, to answer twenty. With the article's publication time copied into the mention,
the (entity, published_at DESC, article_id DESC) indexes below list an entity's mentions newest
first, and the page is the first n distinct articles of one index range walk
(`graphql.read.render`).

- `mention.published_at` (nullable, the type of `article.published_at`), backfilled from the
  articles. The store's mention insert writes it (`ingest.article_rows`); every other writer
  (the ORM, plain SQL) gets it from a trigger: PostgreSQL, a row trigger before INSERT when it is
  null, which sets it in the row being written (no second version of the row, and no second
  run of the search triggers); SQLite, a row trigger after INSERT when it is null. An article
  whose publication time changes moves its mentions with it (a row trigger after UPDATE OF
  published_at on article, on both databases; the search documents are left alone, their
  entity names do not change).
- Beside 0007's (entity, article_id) indexes, (entity, published_at DESC, article_id DESC) ones,
  one per entity column. They are not partial: PostGraphile (`--no-ignore-indexes`) takes only
  a non-partial index whose first column is the foreign key as that key's index. 0007's stay:
  "does this article mention this entity" (the filtered pages' EXISTS, the search triggers'
  "another mention of the same entity in this article" on SQLite) is one exact seek in them; in
  the new ones it would be a scan of the entity's whole range (SQLite, without statistics,
  chose exactly that for 0008's insert trigger, and a bulk load of 230,000 mentions went from
  half a minute to over ten).
- SQLite: 0008's search trigger after UPDATE on mention (which rebuilt the article's entity
  names for every updated row) fires on a change of the entity or article columns only, so the
  backfill and a moved article do not rebuild search documents.

Backward: the triggers and the new indexes are dropped, then the column, with plain SQL
(`ALTER TABLE ... DROP COLUMN`, SQLite 3.35+): Tortoise's RemoveField rebuilds the table on
SQLite, which the FTS triggers naming `mention` do not survive.

Time and size: the backfill rewrites every mention row once (on PostgreSQL the table's size
doubles until vacuumed) and three indexes are built; at 20,000 articles (230,000 mentions) a
few seconds. Writes to `mention` wait while it runs; each mention written afterwards
updates three more index entries.
"""

from __future__ import annotations

import importlib
from typing import Any

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

ENTITY_COLUMNS = ("person_id", "organisation_id", "country_id")

NEWEST = {column: f"mention_{column.removesuffix('_id')}_newest" for column in ENTITY_COLUMNS}
"""The name of each entity column's (entity, published_at DESC, article_id DESC) index."""

_CREATE_NEWEST = [
    f'CREATE INDEX "{name}" ON "mention" ("{column}", "published_at" DESC, "article_id" DESC)'
    for column, name in NEWEST.items()
]
_DROP_NEWEST = [f'DROP INDEX IF EXISTS "{name}"' for name in NEWEST.values()]

# --- PostgreSQL ---------------------------------------------------------------------------------

_PG_FILL = """
CREATE FUNCTION gql_news_mention_published_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.published_at := (SELECT a.published_at FROM article a WHERE a.id = NEW.article_id);
  RETURN NEW;
END
$$
"""

_PG_MOVE = """
CREATE FUNCTION gql_news_article_published_at_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  documents text := current_setting('gql_news.documents', true);
BEGIN
  -- The article's search document names the same entities: 0013's mention trigger is told so.
  PERFORM set_config('gql_news.documents', 'written', true);
  UPDATE mention SET published_at = NEW.published_at WHERE article_id = NEW.id;
  PERFORM set_config('gql_news.documents', coalesce(documents, ''), true);
  RETURN NULL;
END
$$
"""

_PG_FORWARD = [
    "ALTER TABLE mention ADD COLUMN published_at TIMESTAMPTZ",
    # One script, one transaction: the setting keeps 0013's mention trigger from rebuilding
    # every article's search document for the backfill (the documents do not change).
    "SELECT set_config('gql_news.documents', 'written', true);"
    " UPDATE mention m SET published_at = a.published_at FROM article a WHERE a.id = m.article_id",
    *_CREATE_NEWEST,
    _PG_FILL,
    _PG_MOVE,
    "CREATE TRIGGER mention_published_at BEFORE INSERT ON mention FOR EACH ROW"
    " WHEN (NEW.published_at IS NULL) EXECUTE FUNCTION gql_news_mention_published_at()",
    "CREATE TRIGGER article_published_at_moved AFTER UPDATE OF published_at ON article FOR EACH ROW"
    " WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)"
    " EXECUTE FUNCTION gql_news_article_published_at_moved()",
    "ANALYZE mention",
]

_PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS article_published_at_moved ON article",
    "DROP TRIGGER IF EXISTS mention_published_at ON mention",
    "DROP FUNCTION IF EXISTS gql_news_article_published_at_moved()",
    "DROP FUNCTION IF EXISTS gql_news_mention_published_at()",
    *_DROP_NEWEST,
    "ALTER TABLE mention DROP COLUMN IF EXISTS published_at",
]

# --- SQLite -------------------------------------------------------------------------------------

_SEARCH = importlib.import_module("gql_news.migrations.0008_search")


def _sqlite_search_update(columns: str) -> list[str]:
    """0008's `mention_fts_update`, firing on an update of `columns` (all columns when empty)."""
    (statement,) = [s for s in _SEARCH._sqlite_forward() if s.startswith("CREATE TRIGGER mention_fts_update ")]
    if columns:
        statement = statement.replace("AFTER UPDATE ON mention", f"AFTER UPDATE OF {columns} ON mention", 1)
    return ["DROP TRIGGER IF EXISTS mention_fts_update", statement]


_SQLITE_FORWARD = [
    "ALTER TABLE mention ADD COLUMN published_at TIMESTAMP",
    *_sqlite_search_update("article_id, person_id, organisation_id, country_id"),
    "UPDATE mention SET published_at = (SELECT a.published_at FROM article a WHERE a.id = mention.article_id)",
    *_CREATE_NEWEST,
    "CREATE TRIGGER mention_published_at AFTER INSERT ON mention WHEN NEW.published_at IS NULL BEGIN"
    " UPDATE mention SET published_at = (SELECT a.published_at FROM article a WHERE a.id = NEW.article_id)"
    " WHERE id = NEW.id; END",
    "CREATE TRIGGER article_published_at_moved AFTER UPDATE OF published_at ON article"
    " WHEN OLD.published_at IS NOT NEW.published_at BEGIN"
    " UPDATE mention SET published_at = NEW.published_at WHERE article_id = NEW.id; END",
]

_SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS article_published_at_moved",
    "DROP TRIGGER IF EXISTS mention_published_at",
    *_DROP_NEWEST,
    *_sqlite_search_update(""),
    "ALTER TABLE mention DROP COLUMN published_at",
]


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in _PG_FORWARD if client.capabilities.dialect == "postgres" else _SQLITE_FORWARD:
        await client.execute_script(statement)


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in _PG_BACKWARD if client.capabilities.dialect == "postgres" else _SQLITE_BACKWARD:
        await client.execute_script(statement)


class _StateOnly:
    """An operation's change to the migration state only: `_forward` and `_backward` change the
    database (in SQL, both ways round)."""

    async def database_forward(self, *_args: Any, **_kwargs: Any) -> None:
        return None

    async def database_backward(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class _AddField(_StateOnly, ops.AddField):
    pass


class _AddIndex(_StateOnly, ops.AddIndex):
    pass


class Migration(migrations.Migration):
    dependencies = [("models", "0018_count_queue")]

    initial = False

    operations = [
        _AddField(model_name="Mention", name="published_at", field=fields.DatetimeField(null=True)),
        *(
            _AddIndex(
                model_name="Mention",
                index=Index(fields=[column, "published_at", "article_id"], name=NEWEST[column]),
            )
            for column in ENTITY_COLUMNS
        ),
        ops.RunPython(_forward, _backward),
    ]
