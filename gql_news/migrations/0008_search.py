"""Full-text search: a weighted document per article, kept current by the database.

The document is the title (weight A), the standfirst (B), the body (C) and the names and
aliases of every entity the article links (D), so "Alexander Lukashenko" finds an article
that says only "Lukashenko" once that person carries the alias. The database keeps it current,
whichever code writes (the API, the importer, plain SQL):

- an article's own text: when the row is inserted or its title, standfirst or body change;
- its entity names: when mentions are inserted, updated or deleted (re-linking), and when a
  linked person's, organisation's or country's name or aliases change.

PostgreSQL: `article.search_vector` (tsvector) set by triggers, and `article.search_title`
(the title alone: ranking asks of every match whether its title matches, and parsing titles
at query time cost more than ranking itself), under a text search
configuration `gql_news_english` (English stemming and stop words, accents folded by the
`unaccent` extension), with a GIN index. SQLite: an FTS5 table `article_fts` (rowid = article
id; Porter stemming over unicode61 with diacritics removed) maintained by triggers. Existing
rows are backfilled. TRUNCATE bypasses row triggers on both databases: after truncating
`mention`, run `UPDATE article SET title = title` to rebuild the documents.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

_ENTITY_TABLES = (("person", "person_id"), ("organisation", "organisation_id"), ("country", "country_id"))

# --- PostgreSQL -------------------------------------------------------------------------------

_PG_NAMES = """
CREATE FUNCTION gql_news_entity_names(aid integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(names.n, ' '), '') FROM (
    SELECT e.name, e.aliases FROM person e
     WHERE e.id IN (SELECT m.person_id FROM mention m WHERE m.article_id = aid)
    UNION ALL
    SELECT e.name, e.aliases FROM organisation e
     WHERE e.id IN (SELECT m.organisation_id FROM mention m WHERE m.article_id = aid)
    UNION ALL
    SELECT e.name, e.aliases FROM country e
     WHERE e.id IN (SELECT m.country_id FROM mention m WHERE m.article_id = aid)
  ) e(name, aliases)
  CROSS JOIN LATERAL (
    SELECT e.name UNION ALL SELECT jsonb_array_elements_text(e.aliases::jsonb)
  ) names(n)
$$
"""

_PG_VECTORS = """
CREATE FUNCTION gql_news_text_vector(title text, standfirst text, body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('gql_news_english', coalesce(title, '')), 'A')
      || setweight(to_tsvector('gql_news_english', coalesce(standfirst, '')), 'B')
      || setweight(to_tsvector('gql_news_english', coalesce(body, '')), 'C')
$$;
CREATE FUNCTION gql_news_names_vector(aid integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('gql_news_english', gql_news_entity_names(aid)), 'D')
$$
"""

# New entity names replace the D-weighted part only (ts_filter keeps the title, standfirst and
# body positions): the body is not parsed again, which is most of the cost.
_PG_REFRESH = (
    "UPDATE article a SET search_vector = "
    "ts_filter(a.search_vector, '{a,b,c}') || gql_news_names_vector(a.id)"
)

_PG_ARTICLE_TRIGGER = """
CREATE FUNCTION gql_news_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_title := to_tsvector('gql_news_english', coalesce(NEW.title, ''));
  NEW.search_vector := gql_news_text_vector(NEW.title, NEW.standfirst, NEW.body);
  IF TG_OP = 'UPDATE' THEN  -- a new row has no mentions yet: they arrive after it
    NEW.search_vector := NEW.search_vector || gql_news_names_vector(NEW.id);
  END IF;
  RETURN NEW;
END
$$
"""

_PG_MENTION_TRIGGER = f"""
CREATE FUNCTION gql_news_mentions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {_PG_REFRESH} WHERE a.id IN (SELECT DISTINCT c.article_id FROM changed_mentions c);
  RETURN NULL;
END
$$
"""

_PG_ENTITY_TRIGGER = f"""
CREATE FUNCTION gql_news_entity_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('{_PG_REFRESH.replace("'", "''")} WHERE a.id IN (SELECT m.article_id FROM mention m WHERE m.%I = $1)',
                 TG_ARGV[0]) USING NEW.id;
  RETURN NULL;
END
$$
"""


def _pg_forward() -> list[str]:
    out = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE TEXT SEARCH CONFIGURATION gql_news_english (COPY = english)",
        "ALTER TEXT SEARCH CONFIGURATION gql_news_english "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
        "ALTER TABLE article ADD COLUMN search_vector tsvector, ADD COLUMN search_title tsvector",
        _PG_NAMES,
        _PG_VECTORS,
        _PG_ARTICLE_TRIGGER,
        _PG_MENTION_TRIGGER,
        _PG_ENTITY_TRIGGER,
        "CREATE TRIGGER article_search_vector BEFORE INSERT OR UPDATE OF title, standfirst, body"
        " ON article FOR EACH ROW EXECUTE FUNCTION gql_news_article_search_vector()",
        "CREATE TRIGGER mention_insert_search AFTER INSERT ON mention REFERENCING NEW TABLE AS"
        " changed_mentions FOR EACH STATEMENT EXECUTE FUNCTION gql_news_mentions_changed()",
        "CREATE TRIGGER mention_update_search AFTER UPDATE ON mention REFERENCING NEW TABLE AS"
        " changed_mentions FOR EACH STATEMENT EXECUTE FUNCTION gql_news_mentions_changed()",
        "CREATE TRIGGER mention_delete_search AFTER DELETE ON mention REFERENCING OLD TABLE AS"
        " changed_mentions FOR EACH STATEMENT EXECUTE FUNCTION gql_news_mentions_changed()",
    ]
    for table, column in _ENTITY_TABLES:
        out.append(
            f"CREATE TRIGGER {table}_renamed_search AFTER UPDATE OF name, aliases ON {table} FOR EACH ROW"
            " WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.aliases::text IS DISTINCT FROM NEW.aliases::text)"
            f" EXECUTE FUNCTION gql_news_entity_renamed('{column}')"
        )
    out += [
        "UPDATE article SET search_title = to_tsvector('gql_news_english', title), search_vector ="
        " gql_news_text_vector(title, standfirst, body) || gql_news_names_vector(id)",
        "CREATE INDEX article_search_vector_gin ON article USING gin (search_vector)",
    ]
    return out


def _pg_backward() -> list[str]:
    out = [f"DROP TRIGGER IF EXISTS {table}_renamed_search ON {table}" for table, _ in _ENTITY_TABLES]
    out += [f"DROP TRIGGER IF EXISTS mention_{event}_search ON mention" for event in ("insert", "update", "delete")]
    out += [
        "DROP TRIGGER IF EXISTS article_search_vector ON article",
        "ALTER TABLE article DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS search_title",
        "DROP FUNCTION IF EXISTS gql_news_entity_renamed()",
        "DROP FUNCTION IF EXISTS gql_news_mentions_changed()",
        "DROP FUNCTION IF EXISTS gql_news_article_search_vector()",
        "DROP FUNCTION IF EXISTS gql_news_names_vector(integer)",
        "DROP FUNCTION IF EXISTS gql_news_text_vector(text, text, text)",
        "DROP FUNCTION IF EXISTS gql_news_entity_names(integer)",
        "DROP TEXT SEARCH CONFIGURATION IF EXISTS gql_news_english",
    ]
    return out


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_names(article_id: str) -> str:
    """The names and aliases of the entities an article links, as one text (an SQL expression)."""
    parts = []
    for table, column in _ENTITY_TABLES:
        linked = f"e.id IN (SELECT m.{column} FROM mention m WHERE m.article_id = {article_id})"
        parts.append(f"SELECT e.name AS n FROM {table} e WHERE {linked}")
        parts.append(f"SELECT j.value FROM {table} e, json_each(e.aliases) j WHERE {linked}")
    return f"(SELECT coalesce(group_concat(n, ' '), '') FROM ({' UNION ALL '.join(parts)}))"


# Snippets are cut from the FTS copy of the body, marked with \x01 and \x02; the copy holds none.
_SQLITE_BODY = "replace(replace(NEW.body, char(1), ''), char(2), '')"


def _sqlite_same_entity(row: str) -> str:
    """Another mention of the same entity in the same article (its names are already there)."""
    return (
        f"EXISTS (SELECT 1 FROM mention o WHERE o.article_id = {row}.article_id AND o.id <> {row}.id"
        f" AND o.person_id IS {row}.person_id AND o.organisation_id IS {row}.organisation_id"
        f" AND o.country_id IS {row}.country_id)"
    )


def _sqlite_forward() -> list[str]:
    out = [
        "CREATE VIRTUAL TABLE article_fts USING fts5(title, standfirst, body, entities,"
        " tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN"
        " INSERT INTO article_fts (rowid, title, standfirst, body, entities)"
        f" VALUES (NEW.id, NEW.title, coalesce(NEW.standfirst, ''), {_SQLITE_BODY}, ''); END",
        "CREATE TRIGGER article_fts_update AFTER UPDATE OF title, standfirst, body ON article BEGIN"
        f" UPDATE article_fts SET title = NEW.title, standfirst = coalesce(NEW.standfirst, ''),"
        f" body = {_SQLITE_BODY} WHERE rowid = NEW.id; END",
        "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN"
        " DELETE FROM article_fts WHERE rowid = OLD.id; END",
        f"CREATE TRIGGER mention_fts_insert AFTER INSERT ON mention WHEN NOT {_sqlite_same_entity('NEW')}"
        f" BEGIN UPDATE article_fts SET entities = {_sqlite_names('NEW.article_id')}"
        " WHERE rowid = NEW.article_id; END",
        f"CREATE TRIGGER mention_fts_delete AFTER DELETE ON mention WHEN NOT {_sqlite_same_entity('OLD')}"
        f" BEGIN UPDATE article_fts SET entities = {_sqlite_names('OLD.article_id')}"
        " WHERE rowid = OLD.article_id; END",
        "CREATE TRIGGER mention_fts_update AFTER UPDATE ON mention BEGIN"
        f" UPDATE article_fts SET entities = {_sqlite_names('article_fts.rowid')}"
        " WHERE rowid IN (OLD.article_id, NEW.article_id); END",
    ]
    for table, column in _ENTITY_TABLES:
        out.append(
            f"CREATE TRIGGER {table}_fts_renamed AFTER UPDATE OF name, aliases ON {table}"
            " WHEN OLD.name IS NOT NEW.name OR OLD.aliases IS NOT NEW.aliases BEGIN"
            f" UPDATE article_fts SET entities = {_sqlite_names('article_fts.rowid')}"
            f" WHERE rowid IN (SELECT m.article_id FROM mention m WHERE m.{column} = NEW.id); END"
        )
    out.append(
        "INSERT INTO article_fts (rowid, title, standfirst, body, entities)"
        " SELECT a.id, a.title, coalesce(a.standfirst, ''),"
        f" replace(replace(a.body, char(1), ''), char(2), ''), {_sqlite_names('a.id')} FROM article a"
    )
    return out


def _sqlite_backward() -> list[str]:
    out = [f"DROP TRIGGER IF EXISTS {table}_fts_renamed" for table, _ in _ENTITY_TABLES]
    out += [f"DROP TRIGGER IF EXISTS mention_fts_{event}" for event in ("insert", "update", "delete")]
    out += [f"DROP TRIGGER IF EXISTS article_fts_{event}" for event in ("insert", "update", "delete")]
    out.append("DROP TABLE IF EXISTS article_fts")
    return out


async def forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in _pg_forward() if postgres else _sqlite_forward():
        await client.execute_script(statement)


async def backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in _pg_backward() if postgres else _sqlite_backward():
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0007_mention_entity_article_indexes")]

    initial = False

    operations = [ops.RunPython(forward, backward)]
