"""Maintained counts of the entity graph, and search documents written by the write path.

Counts (kept current by `ingest.counts` in every transaction that changes mentions or an
article's publication time; backfilled here from the existing rows):

- `entity_count`: per entity, the articles naming it and its linked occurrences
  (`articleCount`, `mentionCount`, facets over all articles);
- `entity_pair_count`: per pair of distinct entities named in the same article, the articles
  naming both and the latest one's publication time (`coMentioned`, facets of an entity's
  articles). Each pair is stored once, the lower (kind, id) first, so an article naming n
  entities writes n(n-1)/2 rows, not n(n-1); the primary key finds an entity's partners of
  higher key, `entity_pair_count_other` those of lower key. It indexes no count, so the write
  path's updates stay heap-only (HOT). The view `entity_co_mention` shows every pair both ways
  round (a UNION ALL of the two directions: a condition on its first entity is one index range
  in each);
- `entity_timeline`: per entity, the articles naming it per UTC day (`mentionTimeline`: weeks,
  months and years are summed from the days, a few hundred rows a year at most).

An entity is (kind, id) with kind 0 person, 1 organisation, 2 country (the order co-mentions
break ties in). Rows whose count reaches zero are deleted.

Search documents: the store writes an article's whole document (its text and the names of the
entities it links) itself, set-based, once per batch, so the per-row work of 0008's triggers is
skipped for it (they stay for every other writer, plain SQL included). PostgreSQL: the article
insert trigger fires only when the writer gave no document, and the mention statement triggers
return at once while the transaction-local setting `gql_news.documents` is 'written' (the writer
then refreshes those articles' documents in one statement). SQLite: the per-row insert triggers
of articles and mentions, and the mention delete trigger, do nothing while a row is in
`search_documents_deferred` (the writer's own, inside its transaction); the writer inserts the
FTS rows, or sets their entity names, in one statement after the mentions.
"""

import importlib
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

_KIND = "CASE WHEN person_id IS NOT NULL THEN 0 WHEN organisation_id IS NOT NULL THEN 1 ELSE 2 END"
_ENTITY = "COALESCE(person_id, organisation_id, country_id)"
_DISTINCT = f"SELECT DISTINCT article_id, {_KIND} AS k, {_ENTITY} AS e FROM mention"

_PG_TABLES = [
    "CREATE TABLE entity_count (kind SMALLINT NOT NULL, entity_id INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (kind, entity_id))"
    " WITH (fillfactor = 80)",
    "CREATE INDEX entity_count_by_articles ON entity_count (kind, articles DESC)",
    "CREATE TABLE entity_pair_count (kind SMALLINT NOT NULL, entity_id INTEGER NOT NULL,"
    " other_kind SMALLINT NOT NULL, other_id INTEGER NOT NULL, articles INTEGER NOT NULL,"
    " last_seen TIMESTAMPTZ NOT NULL, PRIMARY KEY (kind, entity_id, other_kind, other_id),"
    " CHECK ((kind, entity_id) < (other_kind, other_id))) WITH (fillfactor = 80)",
    "CREATE TABLE entity_timeline (kind SMALLINT NOT NULL, entity_id INTEGER NOT NULL,"
    " day TIMESTAMP NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (kind, entity_id, day))"
    " WITH (fillfactor = 80)",
]

_SQLITE_TABLES = [
    "CREATE TABLE entity_count (kind INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (kind, entity_id)) WITHOUT ROWID",
    "CREATE INDEX entity_count_by_articles ON entity_count (kind, articles DESC)",
    "CREATE TABLE entity_pair_count (kind INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
    " other_kind INTEGER NOT NULL, other_id INTEGER NOT NULL, articles INTEGER NOT NULL,"
    " last_seen TIMESTAMP NOT NULL, PRIMARY KEY (kind, entity_id, other_kind, other_id),"
    " CHECK ((kind, entity_id) < (other_kind, other_id))) WITHOUT ROWID",
    "CREATE TABLE entity_timeline (kind INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
    " day TEXT NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (kind, entity_id, day)) WITHOUT ROWID",
]

PAIR_INDEX = "CREATE INDEX entity_pair_count_other ON entity_pair_count (other_kind, other_id)"
"""An entity's partners of lower key (built after the backfill: one sort, not a row at a time)."""

CO_MENTION_VIEW = (
    "CREATE VIEW entity_co_mention AS"
    " SELECT kind, entity_id, other_kind, other_id, articles, last_seen FROM entity_pair_count"
    " UNION ALL SELECT other_kind, other_id, kind, entity_id, articles, last_seen FROM entity_pair_count"
)
"""Every pair both ways round: an entity's partners whichever side of the pair it is stored on."""

PG_DAY = "date_trunc('day', a.published_at AT TIME ZONE 'UTC')"
SQLITE_DAY = "strftime('%Y-%m-%d', a.published_at)"


def backfill(day: str) -> list[str]:
    """The statements computing every count from the mention rows (also `gql-news recount`), each
    table's rows inserted in key order (appended to its primary key, not scattered through it);
    `PAIR_INDEX` is built after them."""
    return [
        "INSERT INTO entity_count (kind, entity_id, articles, mentions)"
        f" SELECT {_KIND}, {_ENTITY}, COUNT(DISTINCT article_id), COUNT(*) FROM mention"
        f" GROUP BY {_KIND}, {_ENTITY}",
        "INSERT INTO entity_pair_count (kind, entity_id, other_kind, other_id, articles, last_seen)"
        f" SELECT x.k, x.e, y.k, y.e, COUNT(*), MAX(a.published_at) FROM ({_DISTINCT}) x"
        f" JOIN ({_DISTINCT}) y ON y.article_id = x.article_id AND (y.k, y.e) > (x.k, x.e)"
        " JOIN article a ON a.id = x.article_id GROUP BY x.k, x.e, y.k, y.e ORDER BY x.k, x.e, y.k, y.e",
        "INSERT INTO entity_timeline (kind, entity_id, day, articles)"
        f" SELECT d.k, d.e, {day}, COUNT(*) FROM ({_DISTINCT}) d"
        f" JOIN article a ON a.id = d.article_id GROUP BY d.k, d.e, {day} ORDER BY 1, 2, 3",
    ]


# --- search documents -------------------------------------------------------------------------

_OLD = importlib.import_module("gql_news.migrations.0008_search")
_SET = "current_setting('gql_news.documents', true) = 'written'"

_PG_MENTIONS_CHANGED = f"""
CREATE OR REPLACE FUNCTION gql_news_mentions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_SET} THEN  -- the writer refreshes these documents itself
    RETURN NULL;
  END IF;
  {_OLD._PG_REFRESH} WHERE a.id IN (SELECT DISTINCT c.article_id FROM changed_mentions c);
  RETURN NULL;
END
$$
"""

_PG_SEARCH_FORWARD = [
    _PG_MENTIONS_CHANGED,
    "DROP TRIGGER IF EXISTS article_search_vector ON article",
    "CREATE TRIGGER article_search_vector BEFORE INSERT ON article FOR EACH ROW"
    " WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION gql_news_article_search_vector()",
    "CREATE TRIGGER article_search_vector_edit BEFORE UPDATE OF title, standfirst, body ON article"
    " FOR EACH ROW EXECUTE FUNCTION gql_news_article_search_vector()",
]
_PG_SEARCH_BACKWARD = [
    _OLD._PG_MENTION_TRIGGER.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"),
    "DROP TRIGGER IF EXISTS article_search_vector_edit ON article",
    "DROP TRIGGER IF EXISTS article_search_vector ON article",
    "CREATE TRIGGER article_search_vector BEFORE INSERT OR UPDATE OF title, standfirst, body"
    " ON article FOR EACH ROW EXECUTE FUNCTION gql_news_article_search_vector()",
]

# SQLite has no session settings: a row in `search_documents_deferred`, inserted and deleted by
# the writer inside its transaction (SQLite has one writer at a time, and readers fire no
# triggers), tells the per-row triggers that the writer builds the documents itself.
_DEFERRED = "NOT EXISTS (SELECT 1 FROM search_documents_deferred)"
_GUARDED = ("article_fts_insert", "mention_fts_insert", "mention_fts_delete")


def _sqlite_triggers(guard: bool) -> list[str]:
    """0008's insert triggers of articles and mentions, with the deferral guard or without."""
    out = [f"DROP TRIGGER IF EXISTS {name}" for name in _GUARDED]
    for statement in _OLD._sqlite_forward():
        name = statement.split()[2] if statement.startswith("CREATE TRIGGER") else ""
        if name not in _GUARDED:
            continue
        if guard and " WHEN " in statement:
            statement = statement.replace(" WHEN ", f" WHEN {_DEFERRED} AND ", 1)
        elif guard:
            statement = statement.replace(" BEGIN ", f" WHEN {_DEFERRED} BEGIN ", 1)
        out.append(statement)
    return out


_SQLITE_SEARCH_FORWARD = [
    "CREATE TABLE search_documents_deferred (id INTEGER PRIMARY KEY)",
    *_sqlite_triggers(guard=True),
]
_SQLITE_SEARCH_BACKWARD = [*_sqlite_triggers(guard=False), "DROP TABLE IF EXISTS search_documents_deferred"]

_DROP = ["DROP VIEW IF EXISTS entity_co_mention"] + [f"DROP TABLE IF EXISTS {table}" for table in ("entity_timeline", "entity_pair_count", "entity_count")]


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    tables = _PG_TABLES if postgres else _SQLITE_TABLES
    search = _PG_SEARCH_FORWARD if postgres else _SQLITE_SEARCH_FORWARD
    backfilled = backfill(PG_DAY if postgres else SQLITE_DAY)
    for statement in [*tables, CO_MENTION_VIEW, *backfilled, PAIR_INDEX, *search]:
        await client.execute_script(statement)
    if postgres:
        await client.execute_script("ANALYZE entity_count, entity_pair_count, entity_timeline")


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in [*(_PG_SEARCH_BACKWARD if postgres else _SQLITE_SEARCH_BACKWARD), *_DROP]:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0012_data_notify")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
