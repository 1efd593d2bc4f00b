"""Entities that share articles: co-mentions, batched, and each article's entities.

Co-mentions read the maintained pair counts (`entity_pair_count`, kept by the write path:
`ingest.counts`), both ways round, each entity's partners from the top of the pair indexes
(`co_mentions_of`). One statement answers a whole batch of parents (on SQLite, 100 at a time);
a window function keeps each parent's top `first`. (Related articles: `related_sql.py`.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import EntityKey, entity_key
from gql_news.graphql.sql import Row, fetch, in_list, is_postgres
from gql_news.ingest.counts import FKS, KIND_CODES

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

_RANKED = "articles DESC, last_seen DESC"
"""Within one entity's partners of one kind: `CO_MENTION_ORDER` without the (constant) kind, as
the pair indexes of migration 0017 hold them (then the partner's id)."""


def co_mentions_of(kind: int, entity: str, other_kind: int | None, limit: int) -> str:
    """The co-mentions of one entity (`entity`: an SQL expression, such as an outer row's id)
    that can be among its first `limit` in `CO_MENTION_ORDER`, with only partners of
    `other_kind` when given, as a derived table with the columns of `entity_co_mention`.

    A pair is stored once, the lower (kind, id) first: partners of a higher kind are on the
    first side, of a lower kind on the second, of the same kind on both. Each side and partner
    kind is one range of a pair index in `CO_MENTION_ORDER` (migration 0017), read for its
    first `limit` rows only: four ranges of `limit` rows at most, however many partners the
    entity has, and the first `limit` of their union are the entity's first `limit`. The
    sides are written out with the condition in each: SQLite pushes no correlated condition
    into a compound view (it would read the whole other side for every row)."""
    kinds = range(3) if other_kind is None else (other_kind,)
    sides = ((_LOW, _HIGH, [k for k in kinds if k >= kind]), (_HIGH, _LOW, [k for k in kinds if k <= kind]))
    parts: list[str] = []
    for mine, theirs, others in sides:
        for other in others:
            where = f"{mine[0]} = {kind} AND {mine[1]} = {entity} AND {theirs[0]} = {other}"
            parts.append(
                f"SELECT * FROM (SELECT {mine[0]} AS kind, {mine[1]} AS entity_id, {theirs[0]} AS other_kind,"
                f" {theirs[1]} AS other_id, articles, last_seen FROM entity_pair_count WHERE {where}"
                f" ORDER BY {_RANKED}, {theirs[1]} LIMIT {int(limit)}) s{len(parts)}"
            )
    return f"({' UNION ALL '.join(parts)})"


CO_MENTION_ORDER = "c.articles DESC, c.last_seen DESC, c.other_kind, c.other_id"
"""Most shared articles first, then most recently seen together; ties: people, then
organisations, then countries (the kind codes' order), then by id."""

_SQLITE_KEYS = 100
"""Entities per statement on SQLite (four ranges each, one compound SELECT: SQLite allows 500)."""


def _co_mentions_sql(kind: str, keys: Sequence[int], only: str | None, first: int, postgres: bool) -> str:
    """The first `first` co-mentions of each of the batch's entities (`co_mentions_of` per
    entity: PostgreSQL joins it laterally to the ids, SQLite has one per id), numbered per
    entity. Ids and sizes are ints written into the text (a generic plan would assume a large
    LIMIT)."""
    code = KIND_CODES[kind]
    other = None if only is None else KIND_CODES[only]
    ids = [int(key) for key in keys]
    if postgres:
        values = ", ".join(f"({key})" for key in ids)
        rows = f"(VALUES {values}) k (id) CROSS JOIN LATERAL {co_mentions_of(code, 'k.id', other, first)} c"
    else:
        each = (f"SELECT * FROM {co_mentions_of(code, str(key), other, first)}" for key in ids)
        rows = f"({' UNION ALL '.join(each)}) c"
    return (
        f"SELECT * FROM (SELECT c.entity_id AS _k, {co_mention_columns('c')}, c.articles AS _n, "
        f"c.last_seen AS _last, ROW_NUMBER() OVER (PARTITION BY c.entity_id ORDER BY {CO_MENTION_ORDER}) AS _rn "
        f"FROM {rows}) q WHERE _rn <= {int(first)} ORDER BY _k, _rn"
    )


async def load_co_mentions(keys: Sequence[CoMentionKey]) -> list[list[Row]]:
    """Per entity, the other entities of its articles: (entity columns, `_n` shared articles,
    `_last` latest shared publication), most shared first, then most recent."""

    async def run(batch: tuple[str, int, str | None], ids: list[int]) -> dict[int, list[Row]]:
        kind, first, only = batch
        postgres = is_postgres()
        step = max(len(ids), 1) if postgres else _SQLITE_KEYS
        rows: list[Row] = []
        for at in range(0, len(ids), step):
            rows += await fetch(_co_mentions_sql(kind, ids[at : at + step], only, first, postgres))
        return rows_by(rows)

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
