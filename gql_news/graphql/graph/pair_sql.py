"""Entities that share articles: co-mentions, batched, and each article's entities.

Co-mentions read the maintained pair counts (`entity_pair_count`, kept by the write path:
`ingest.counts`), both ways round (`CO_MENTIONS`). One statement answers a whole batch of
parents; a window function keeps each parent's top `first`. (Related articles:
`related_sql.py`.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import EntityKey, entity_key
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.ingest.counts import CO_MENTIONS, FKS, KIND_CODES

CoMentionKey = tuple[str, int, int, str | None]
"""(kind of the entity, its id, how many co-mentions, only this kind or None)."""


def co_mention_columns(alias: str) -> str:
    """The other entity of `CO_MENTIONS` rows as the three mention columns."""
    return ", ".join(
        f"CASE WHEN {alias}.other_kind = {code} THEN {alias}.other_id END AS {fk}"
        for code, fk in enumerate(FKS)
    )


_LOW, _HIGH = ("kind", "entity_id"), ("other_kind", "other_id")
"""The columns of a pair's lower entity and of its higher one."""


def co_mentions_of(kind: int, entity: str, other_kind: int | None) -> str:
    """The `CO_MENTIONS` rows of one entity (`entity`: an SQL expression, such as an outer row's
    id), with only partners of `other_kind` when given, as a derived table. The view's two sides
    are written out with the condition in each: SQLite pushes no correlated condition into a
    compound view (it would read the whole other side for every row)."""
    sides = []
    for mine, theirs in (_LOW, _HIGH), (_HIGH, _LOW):
        where = f"{mine[0]} = {kind} AND {mine[1]} = {entity}"
        if other_kind is not None:
            where += f" AND {theirs[0]} = {other_kind}"
        sides.append(
            f"SELECT {mine[0]} AS kind, {mine[1]} AS entity_id, {theirs[0]} AS other_kind,"
            f" {theirs[1]} AS other_id, articles, last_seen FROM entity_pair_count WHERE {where}"
        )
    return f"({' UNION ALL '.join(sides)})"


CO_MENTION_ORDER = "c.articles DESC, c.last_seen DESC, c.other_kind, c.other_id"
"""Most shared articles first, then most recently seen together; ties: people, then
organisations, then countries (the kind codes' order), then by id."""


def _co_mentions_sql(kind: str, keys: Sequence[int], only: str | None) -> str:
    """The maintained pair counts of the batch's entities: one index range each, per side."""
    other = f" AND c.other_kind = {KIND_CODES[only]}" if only is not None else ""
    return (
        f"SELECT * FROM (SELECT c.entity_id AS _k, {co_mention_columns('c')}, c.articles AS _n, "
        f"c.last_seen AS _last, ROW_NUMBER() OVER (PARTITION BY c.entity_id ORDER BY {CO_MENTION_ORDER}) AS _rn "
        f"FROM {CO_MENTIONS} c WHERE c.kind = {KIND_CODES[kind]} AND c.entity_id IN {in_list(keys)}{other}) q "
        "WHERE _rn <= ? ORDER BY _k, _rn"
    )


async def load_co_mentions(keys: Sequence[CoMentionKey]) -> list[list[Row]]:
    """Per entity, the other entities of its articles: (entity columns, `_n` shared articles,
    `_last` latest shared publication), most shared first, then most recent."""

    async def run(batch: tuple[str, int, str | None], ids: list[int]) -> dict[int, list[Row]]:
        kind, first, only = batch
        return rows_by(await fetch(_co_mentions_sql(kind, ids, only), [*ids, first]))

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
    return entity_key(*(row[col] for col in FKS))
