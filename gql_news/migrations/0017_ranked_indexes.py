"""Indexes in the order the entity graph reads (co-mentions from the top, people and
organisations by name), and a search's newest matches read without every match's row.

- `entity_pair_count`'s two pair indexes end with the whole co-mention order instead of the
  count alone: `entity_pair_count_rank` (kind, entity_id, other_kind, articles DESC, last_seen
  DESC, other_id) and `entity_pair_count_other_rank` (other_kind, other_id, kind, articles DESC,
  last_seen DESC, entity_id), replacing 0015's `entity_pair_count_top` and
  `entity_pair_count_other`. One entity's partners of one kind, on one side of the pair, are
  one index range in `coMentioned`'s order (most shared articles, then most recently seen
  together, then by id), so its first n are the first n entries of at most four ranges
  (`graph.pair_sql.co_mentions_of`) instead of every partner sorted (tens of thousands for a
  popular person). The facets read the same ranges by count as before (0015), now index-only
  (the partner's id is in the entry).
- `person_by_name` and `organisation_by_name` (name, id): `people` and `organisations` are
  listed by name, then id; their first page is the first entries of the index instead of every
  row sorted.
- PostgreSQL: `gql_news_newest_matches_window`, the newest matches of a search read through the
  GIN index without fetching every match's row to sort them by date: the GIN bitmap is ANDed
  with the publication-time index's bitmap of a recent window sized from the estimated matches
  (twice the matches needed, at a uniform publication rate), widened four times over while it
  holds too few; only the matches inside the window are fetched (`search/candidates.py`).

Index builds only, no table is rewritten; writes to these tables wait while they run (a plain
`CREATE INDEX`). Time and size: at 100,000 articles (2.5 million pair rows) each pair index took
6 s to build (PostgreSQL 15, 2 cores under a load average of 7) and holds 117 MB, where 0015's
took 21 MB (its entries, most of them a count of 1, were deduplicated; these are unique); at a
million articles, with about ten times the pair rows, expect 1-2 minutes and about 1.2 GB per
pair index, and seconds for the name indexes.
"""

import importlib
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

PAIR_INDEXES = [
    "CREATE INDEX entity_pair_count_rank ON entity_pair_count"
    " (kind, entity_id, other_kind, articles DESC, last_seen DESC, other_id)",
    "CREATE INDEX entity_pair_count_other_rank ON entity_pair_count"
    " (other_kind, other_id, kind, articles DESC, last_seen DESC, entity_id)",
]
"""An entity's partners of one kind in co-mention order, on either side of the pair (built after
a backfill: `ingest.counts.recount`)."""
DROP_PAIR_INDEXES = [
    "DROP INDEX IF EXISTS entity_pair_count_rank",
    "DROP INDEX IF EXISTS entity_pair_count_other_rank",
]

_PG_WINDOW = """
CREATE FUNCTION gql_news_newest_matches_window(
  query tsquery, lim integer, matches double precision
) RETURNS TABLE (id integer, published_at timestamptz) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  newest timestamptz;
  oldest timestamptz;
  share double precision := 2.0 * lim / greatest(matches, 1);
  ids integer[];
  times timestamptz[];
BEGIN
  IF share < 0.5 THEN
    SELECT max(r.published_at), min(r.published_at) INTO newest, oldest FROM article r;
  END IF;
  -- The newest `lim` matches within the newest `share` of the time span, when it holds as many:
  -- then they are the newest `lim` of all. Planned for each window's bounds (EXECUTE), so the
  -- GIN and publication-time bitmaps are ANDed before any row is read.
  WHILE share < 0.5 AND newest IS NOT NULL LOOP
    EXECUTE 'SELECT array_agg(m.id), array_agg(m.published_at) FROM (SELECT a.id, a.published_at'
      ' FROM article a WHERE a.published_at >= $2 AND a.search_vector @@ $1'
      ' ORDER BY a.published_at DESC, a.id DESC LIMIT $3) m'
      INTO ids, times USING query, newest - (newest - oldest) * share, lim;
    IF coalesce(cardinality(ids), 0) >= lim THEN
      RETURN QUERY SELECT * FROM unnest(ids, times);
      RETURN;
    END IF;
    share := share * 4;
  END LOOP;
  RETURN QUERY SELECT a.id, a.published_at FROM article a WHERE a.search_vector @@ query
  ORDER BY a.published_at DESC, a.id DESC LIMIT lim;
END
$$
"""
_DROP_WINDOW = "DROP FUNCTION IF EXISTS gql_news_newest_matches_window(tsquery, integer, double precision)"

NAME_INDEXES = [
    "CREATE INDEX person_by_name ON person (name, id)",
    "CREATE INDEX organisation_by_name ON organisation (name, id)",
]
_DROP_NAME_INDEXES = ["DROP INDEX IF EXISTS person_by_name", "DROP INDEX IF EXISTS organisation_by_name"]

_OLD = importlib.import_module("gql_news.migrations.0015_facet_counts")


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in [*_OLD.DROP_PAIR_INDEXES, *PAIR_INDEXES, *NAME_INDEXES]:
        await client.execute_script(statement)
    if client.capabilities.dialect == "postgres":
        await client.execute_script(_PG_WINDOW)


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in [*_DROP_NAME_INDEXES, *DROP_PAIR_INDEXES, *_OLD.PAIR_INDEXES]:
        await client.execute_script(statement)
    if client.capabilities.dialect == "postgres":
        await client.execute_script(_DROP_WINDOW)


class Migration(migrations.Migration):
    dependencies = [("models", "0016_neighbour_queue")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
