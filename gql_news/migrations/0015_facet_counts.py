"""Facet counts read in order: pair counts in their indexes, topic counts and the article total
maintained (kept current by `ingest.counts`, like 0013's tables; backfilled here).

- `entity_pair_count`'s two indexes carry the count last: `entity_pair_count_top` (kind,
  entity_id, other_kind, articles) and `entity_pair_count_other` (other_kind, other_id, kind,
  articles), so an entity's partners of one kind are read most frequent first, one index range
  on each side of the pair, and a facet's top 10 reads a few dozen rows instead of every partner
  (the most named country has hundreds of thousands at a million articles). The price: a count's
  update is no longer heap-only (HOT) and writes an entry in each index.
- `entity_topic_count`: per entity and topic, the articles naming the entity filed under the
  topic (the topic facet of an entity's articles: a few rows, not a join of its articles to
  `article_topic`).
- `topic_count`: per topic, its articles (the topic facet of all articles); `article_total`:
  one row, the number of articles (`totalCount` of the unfiltered article list).
- PostgreSQL: `gql_news_newest_matches_grown`, 0014's newest-first walk of a search that goes
  on past its budget when that is cheaper than the GIN read it would fall back to: it found
  some matches in the newest `budget` articles, so their density tells both how many more
  articles the walk needs and how many matches the GIN index would read (`search/candidates.py`).
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

_KIND = "CASE WHEN person_id IS NOT NULL THEN 0 WHEN organisation_id IS NOT NULL THEN 1 ELSE 2 END"
_ENTITY = "COALESCE(person_id, organisation_id, country_id)"
_DISTINCT = f"SELECT DISTINCT article_id, {_KIND} AS k, {_ENTITY} AS e FROM mention"

_PG_TABLES = [
    "CREATE TABLE entity_topic_count (kind SMALLINT NOT NULL, entity_id INTEGER NOT NULL,"
    " topic_id INTEGER NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (kind, entity_id, topic_id))"
    " WITH (fillfactor = 80)",
    "CREATE TABLE topic_count (topic_id INTEGER PRIMARY KEY, articles INTEGER NOT NULL)"
    " WITH (fillfactor = 50)",
    "CREATE TABLE article_total (id SMALLINT PRIMARY KEY CHECK (id = 1), articles INTEGER NOT NULL)"
    " WITH (fillfactor = 50)",
]
_SQLITE_TABLES = [
    "CREATE TABLE entity_topic_count (kind INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
    " topic_id INTEGER NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (kind, entity_id, topic_id))"
    " WITHOUT ROWID",
    "CREATE TABLE topic_count (topic_id INTEGER PRIMARY KEY, articles INTEGER NOT NULL)",
    "CREATE TABLE article_total (id INTEGER PRIMARY KEY CHECK (id = 1), articles INTEGER NOT NULL)",
]
TABLES = ("entity_topic_count", "topic_count", "article_total")

PAIR_INDEXES = [
    "CREATE INDEX entity_pair_count_top ON entity_pair_count (kind, entity_id, other_kind, articles)",
    "CREATE INDEX entity_pair_count_other ON entity_pair_count (other_kind, other_id, kind, articles)",
]
"""An entity's partners of one kind by count, on either side of the pair (built after a backfill)."""
DROP_PAIR_INDEXES = [
    "DROP INDEX IF EXISTS entity_pair_count_top",
    "DROP INDEX IF EXISTS entity_pair_count_other",
]
_OLD_PAIR_INDEX = "CREATE INDEX entity_pair_count_other ON entity_pair_count (other_kind, other_id)"


_PG_GROWN = """
CREATE FUNCTION gql_news_newest_matches_grown(
  query tsquery, titles boolean, lim integer, budget integer, total double precision
) RETURNS TABLE (id integer, published_at timestamptz) LANGUAGE plpgsql STABLE
SET enable_seqscan = off SET enable_bitmapscan = off AS $$
#variable_conflict use_column
DECLARE
  found integer;
  more integer;
  edge_p timestamptz;
  edge_id integer;
BEGIN
  RETURN QUERY SELECT a.id, a.published_at FROM (
    SELECT r.id, r.published_at, r.search_vector, r.search_title FROM article r
    ORDER BY r.published_at DESC, r.id DESC LIMIT budget
  ) a
  WHERE a.search_vector @@ query AND (NOT titles OR a.search_title @@ query)
  ORDER BY a.published_at DESC, a.id DESC LIMIT lim;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found >= lim OR found = 0 THEN
    RETURN;
  END IF;
  -- At the density seen so far: the articles still to walk (with a margin), against the
  -- matches the GIN index would read instead; at most three budgets more.
  more := ceil(1.5 * (lim - found) * budget / found);
  IF more > least(found * total / budget, 3.0 * budget) THEN
    RETURN;
  END IF;
  SELECT r.published_at, r.id INTO edge_p, edge_id FROM article r
  ORDER BY r.published_at DESC, r.id DESC OFFSET budget - 1 LIMIT 1;
  IF edge_p IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT a.id, a.published_at FROM (
    SELECT r.id, r.published_at, r.search_vector, r.search_title FROM article r
    WHERE r.published_at <= edge_p AND (r.published_at, r.id) < (edge_p, edge_id)
    ORDER BY r.published_at DESC, r.id DESC LIMIT more
  ) a
  WHERE a.search_vector @@ query AND (NOT titles OR a.search_title @@ query)
  ORDER BY a.published_at DESC, a.id DESC LIMIT lim - found;
END
$$
"""
_DROP_GROWN = (
    "DROP FUNCTION IF EXISTS gql_news_newest_matches_grown(tsquery, boolean, integer, integer, double precision)"
)


def backfill() -> list[str]:
    """The statements computing the topic counts and the total from the stored rows (also
    `gql-news recount`), each table's rows in key order."""
    return [
        "INSERT INTO entity_topic_count (kind, entity_id, topic_id, articles)"
        f" SELECT d.k, d.e, t.topic_id, COUNT(*) FROM ({_DISTINCT}) d"
        " JOIN article_topic t ON t.article_id = d.article_id GROUP BY d.k, d.e, t.topic_id ORDER BY 1, 2, 3",
        "INSERT INTO topic_count (topic_id, articles)"
        " SELECT topic_id, COUNT(*) FROM article_topic GROUP BY topic_id ORDER BY 1",
        "INSERT INTO article_total (id, articles) SELECT 1, COUNT(*) FROM article",
    ]


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    tables = _PG_TABLES if postgres else _SQLITE_TABLES
    for statement in [*tables, *backfill(), *DROP_PAIR_INDEXES, *PAIR_INDEXES]:
        await client.execute_script(statement)
    if postgres:
        await client.execute_script(_PG_GROWN)
        await client.execute_script(f"ANALYZE entity_pair_count, {', '.join(TABLES)}")


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    drops = [f"DROP TABLE IF EXISTS {table}" for table in TABLES]
    if client.capabilities.dialect == "postgres":
        drops.append(_DROP_GROWN)
    for statement in [*drops, *DROP_PAIR_INDEXES, _OLD_PAIR_INDEX]:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("models", "0014_search_cap_related_neighbours")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
