"""`Article.related`, batched: read from the precomputed lists, or computed for a long list.

Up to `related_neighbours` (a setting) the answer is the stored list of `article_neighbour`
(`ingest/neighbours.py` keeps it current): one indexed read, after a look at the queue of
lists not yet refreshed (an import's articles until its end: theirs are computed). A longer list
is computed on demand with the same bounded candidate search and the same score and order, in one statement
per batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.sql import Row, fetch, in_list, is_postgres
from gql_news.graphql.tables import ARTICLE
from gql_news.ingest.neighbours import QUEUE, scored_sql, target_param
from gql_news.tuning import tuning

RelatedKey = tuple[int, int]
"""(article id, how many related articles)."""


async def _stored(ids: Sequence[int], first: int) -> dict[int, list[Row]]:
    rows = await fetch(
        f"SELECT {ARTICLE.columns}, n.article_id AS _k, n.shared AS _shared, n.score AS _score "
        f"FROM article_neighbour n JOIN article t ON t.id = n.neighbour_id WHERE n.article_id IN {in_list(ids)} "
        "ORDER BY n.article_id, n.score DESC, n.shared DESC, t.published_at DESC, t.id DESC",
        ids,
    )
    return {k: found[:first] for k, found in rows_by(rows).items()}


async def _computed(ids: Sequence[int], first: int) -> dict[int, list[Row]]:
    postgres = is_postgres()
    sql = scored_sql(postgres, first, tuning().related_posting_cap) + (
        f"SELECT {ARTICLE.columns}, sc.k AS _k, sc.shared AS _shared, sc.score AS _score "
        f"FROM _scored sc JOIN article t ON t.id = sc.other WHERE sc.rn <= {first} ORDER BY sc.k, sc.rn"
    )
    return rows_by(await fetch(sql, [target_param(ids, postgres)]))


async def load_related(keys: Sequence[RelatedKey]) -> list[list[Row]]:
    """Per article, the articles sharing most of its entities (article columns, `_score`,
    `_shared`), best first."""

    async def run(first: int, ids: list[int]) -> dict[int, list[Row]]:
        if first > tuning().related_neighbours:
            return await _computed(ids, first)
        # Stored, but their lists not refreshed yet (an import's, until its end).
        pending = {
            row["article_id"]
            for row in await fetch(f"SELECT article_id FROM {QUEUE} WHERE article_id IN {in_list(ids)}", ids)
        }
        found = (
            await _stored([pk for pk in ids if pk not in pending], first) if len(pending) < len(ids) else {}
        )
        if pending:
            found.update(await _computed(sorted(pending), first))
        return found

    return await per_batch(keys, lambda k: (k[1], k[0]), run, list)
