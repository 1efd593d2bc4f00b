"""Entities that share articles: co-mentions, batched, and each article's entities.

Co-mentions start from the distinct (article, entity) pairs of `mention` and join them to
themselves on the article (who else appears where this entity does). One statement answers a
whole batch of parents; a window function keeps each parent's top `first`. (Related articles:
`related_sql.py`.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import KINDS, EntityKey, entity_key
from gql_news.graphql.sql import Row, fetch, in_list

CoMentionKey = tuple[str, int, int, str | None]
"""(kind of the entity, its id, how many co-mentions, only this kind or None)."""

_ENTITY_COLUMNS = ("person_id", "organisation_id", "country_id")
# Ties among co-mentions: people, then organisations, then countries, then by id (the same on both
# databases, which sort NULLs differently).
_KIND_RANK = "CASE WHEN m.person_id IS NOT NULL THEN 0 WHEN m.organisation_id IS NOT NULL THEN 1 ELSE 2 END"


def _co_mentions_sql(fk: str, keys: Sequence[int], kind: str | None) -> str:
    only = f" AND m.{KINDS[kind].fk} IS NOT NULL" if kind is not None else ""
    return (
        "SELECT * FROM (SELECT p.k AS _k, m.person_id, m.organisation_id, m.country_id, "
        "COUNT(DISTINCT m.article_id) AS _n, MAX(a.published_at) AS _last, "
        "ROW_NUMBER() OVER (PARTITION BY p.k ORDER BY COUNT(DISTINCT m.article_id) DESC, "
        f"MAX(a.published_at) DESC, {_KIND_RANK}, COALESCE(m.person_id, m.organisation_id, m.country_id)) AS _rn "
        f"FROM (SELECT DISTINCT {fk} AS k, article_id FROM mention WHERE {fk} IN {in_list(keys)}) p "
        "JOIN mention m ON m.article_id = p.article_id JOIN article a ON a.id = p.article_id "
        f"WHERE COALESCE(m.{fk}, 0) <> p.k{only} "
        "GROUP BY p.k, m.person_id, m.organisation_id, m.country_id) q "
        "WHERE _rn <= ? ORDER BY _k, _rn"
    )


async def load_co_mentions(keys: Sequence[CoMentionKey]) -> list[list[Row]]:
    """Per entity, the other entities of its articles: (entity columns, `_n` shared articles,
    `_last` latest shared publication), most shared first, then most recent."""

    async def run(batch: tuple[str, int, str | None], ids: list[int]) -> dict[int, list[Row]]:
        kind, first, only = batch
        return rows_by(await fetch(_co_mentions_sql(KINDS[kind].fk, ids, only), [*ids, first]))

    return await per_batch(keys, lambda k: ((k[0], k[2], k[3]), k[1]), run, list)


async def load_entity_keys(article_ids: Sequence[int]) -> list[list[EntityKey]]:
    """Each article's distinct entities in order of first mention."""
    rows = await fetch(
        "SELECT article_id, person_id, organisation_id, country_id, MIN(start) AS _first FROM mention "
        f"WHERE article_id IN {in_list(article_ids)} "
        "GROUP BY article_id, person_id, organisation_id, country_id ORDER BY article_id, _first",
        article_ids,
    )
    grouped: dict[int, list[EntityKey]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(
            entity_key(row["person_id"], row["organisation_id"], row["country_id"])
        )
    return [grouped.get(pk, []) for pk in article_ids]


def row_entity(row: Row) -> EntityKey:
    return entity_key(*(row[col] for col in _ENTITY_COLUMNS))
