"""Bounded search ranking and precomputed related articles.

- PostgreSQL: a GIN index on `article.search_title` (the title-match candidates of a search
  are read from it) and `gql_news_search_estimate(query, column)`, the planner's estimate of
  the number of articles whose `search_vector` or `search_title` matches a tsquery (EXPLAIN
  over the query as a literal, so the column's lexeme statistics apply; the cheapest way of
  reading which words are frequent), and `gql_news_newest_matches`, the newest matches by an
  index walk. `graphql/search/candidates.py` uses them.
- Both databases: the `article_neighbour` table (`models/neighbours.py`), filled for the
  articles already stored (`ingest/neighbours.py`: bounded work per article; about a minute
  per 50,000 articles on a 2-core machine).
"""

from typing import Any

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from gql_news.ingest.neighbours import rebuild_neighbours

_PG_ESTIMATE = """
CREATE FUNCTION gql_news_search_estimate(q tsquery, col text) RETURNS double precision
LANGUAGE plpgsql VOLATILE AS $$
DECLARE plan json;
BEGIN
  EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM article WHERE %I @@ %L::tsquery', col, q::text)
    INTO plan;
  RETURN (plan->0->'Plan'->>'Plan Rows')::double precision;
END
$$
"""


# The newest matches of a query among the newest `budget` articles, walking the published-at
# index and stopping after `lim`: the statement that calls it cannot tell the planner how common
# the words are, and with a guess it sorts the whole table instead. Sequential and bitmap scans
# are off inside the function only.
_PG_NEWEST = """
CREATE FUNCTION gql_news_newest_matches(query tsquery, titles boolean, lim integer, budget integer)
RETURNS TABLE (id integer, published_at timestamptz) LANGUAGE sql STABLE
SET enable_seqscan = off SET enable_bitmapscan = off AS $$
  SELECT a.id, a.published_at FROM (
    SELECT r.id, r.published_at, r.search_vector, r.search_title FROM article r
    ORDER BY r.published_at DESC, r.id DESC LIMIT budget
  ) a
  WHERE a.search_vector @@ query AND (NOT titles OR a.search_title @@ query)
  ORDER BY a.published_at DESC, a.id DESC LIMIT lim
$$
"""


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        await client.execute_script(_PG_ESTIMATE)
        await client.execute_script(_PG_NEWEST)
        await client.execute_script("CREATE INDEX article_search_title_gin ON article USING gin (search_title)")
    await rebuild_neighbours(client)


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        await client.execute_script("DROP INDEX IF EXISTS article_search_title_gin")
        await client.execute_script("DROP FUNCTION IF EXISTS gql_news_search_estimate(tsquery, text)")
        await client.execute_script("DROP FUNCTION IF EXISTS gql_news_newest_matches(tsquery, boolean, integer, integer)")


class Migration(migrations.Migration):
    dependencies = [("models", "0013_maintained_counts")]

    initial = False

    operations = [
        ops.CreateModel(
            name="ArticleNeighbour",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                (
                    "article",
                    fields.ForeignKeyField(
                        "models.Article",
                        source_field="article_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="neighbours",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "neighbour",
                    fields.ForeignKeyField(
                        "models.Article",
                        source_field="neighbour_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="neighbour_of",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("score", fields.FloatField()),
                ("shared", fields.IntField()),
            ],
            options={
                "table": "article_neighbour",
                "app": "models",
                "unique_together": (("article", "neighbour"),),
                "indexes": [Index(fields=["neighbour_id"])],
                "pk_attr": "id",
                "table_description": "One of an article's top related articles.",
            },
            bases=["Model"],
        ),
        ops.RunPython(_forward, _backward),
    ]
