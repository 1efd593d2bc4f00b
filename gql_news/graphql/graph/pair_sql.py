"""Entities and articles that share articles: co-mentions and related articles, batched.

Co-mentions read the maintained pair counts (`entity_pair_count`, kept by the write path:
`ingest.counts`), both ways round (`CO_MENTIONS`). Related articles start from the distinct
(article, entity) pairs of `mention` and join them to themselves on the entity (which other
articles name the same entities). One statement answers a whole batch of parents; a window
function keeps each parent's top `first`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from gql_news.graphql.graph.batch import per_batch, rows_by
from gql_news.graphql.graph.kinds import EntityKey, entity_key
from gql_news.graphql.sql import Row, fetch, in_list
from gql_news.graphql.tables import ARTICLE
from gql_news.ingest.counts import CO_MENTIONS, FKS, KIND_CODES

CoMentionKey = tuple[str, int, int, str | None]
"""(kind of the entity, its id, how many co-mentions, only this kind or None)."""
RelatedKey = tuple[int, int]
"""(article id, how many related articles)."""

_ENTITY_COLUMNS = FKS


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


_ENTITY = "COALESCE(person_id * 3, organisation_id * 3 + 1, country_id * 3 + 2)"
"""One integer per entity (kind in the remainder), so entity sets join on a single equality."""


def _related_sql(keys: Sequence[int]) -> str:
    """Jaccard similarity of entity sets: shared / (|A| + |B| - shared).

    `s` holds the parents' entities. Candidates (`cand`) are the articles sharing a person or an
    organisation with the parent, found through the (entity, article) indexes; a country alone
    is shared by too many articles to relate two of them (and would make every article a
    candidate), so countries bring candidates only for a parent naming no person and no
    organisation. The score then counts every kind: `shared` intersects the whole entity sets.
    """
    by_country = (
        "SELECT s.k, m.article_id AS other FROM s JOIN mention m ON m.country_id = s.country_id "
        "WHERE m.article_id <> s.k AND s.k IN (SELECT k FROM bare)"
    )
    cand = " UNION ".join(
        [
            *(
                f"SELECT s.k, m.article_id AS other FROM s JOIN mention m ON m.{col} = s.{col} "
                "WHERE m.article_id <> s.k"
                for col in ("person_id", "organisation_id")
            ),
            by_country,
        ]
    )
    score = "CAST(h.n AS DOUBLE PRECISION) / (ka.n + kb.n - h.n)"
    return (
        f"WITH s AS (SELECT DISTINCT article_id AS k, person_id, organisation_id, country_id, {_ENTITY} AS e "
        f"FROM mention WHERE article_id IN {in_list(keys)}), "
        "bare AS (SELECT k FROM s GROUP BY k HAVING COUNT(person_id) + COUNT(organisation_id) = 0), "
        f"cand AS ({cand}), "
        f"ents AS (SELECT DISTINCT article_id, {_ENTITY} AS e FROM mention "
        "WHERE article_id IN (SELECT other FROM cand)), "
        "sizes AS (SELECT article_id AS id, COUNT(*) AS n FROM ents GROUP BY article_id), "
        "mine AS (SELECT k, COUNT(*) AS n FROM s GROUP BY k), "
        "hit AS (SELECT c.k, c.other, COUNT(*) AS n FROM cand c JOIN ents x ON x.article_id = c.other "
        "JOIN s ON s.k = c.k AND s.e = x.e GROUP BY c.k, c.other) "
        f"SELECT * FROM (SELECT {ARTICLE.columns}, h.k AS _k, h.n AS _shared, {score} AS _score, "
        f"ROW_NUMBER() OVER (PARTITION BY h.k ORDER BY {score} DESC, h.n DESC, t.published_at DESC, t.id DESC)"
        " AS _rn FROM hit h JOIN mine ka ON ka.k = h.k JOIN sizes kb ON kb.id = h.other "
        "JOIN article t ON t.id = h.other) q WHERE _rn <= ? ORDER BY _k, _rn"
    )


async def load_related(keys: Sequence[RelatedKey]) -> list[list[Row]]:
    """Per article, the articles sharing most of its entities (article columns, `_score`,
    `_shared`), best first."""

    async def run(first: int, ids: list[int]) -> dict[int, list[Row]]:
        return rows_by(await fetch(_related_sql(ids), [*ids, first]))

    return await per_batch(keys, lambda k: (k[1], k[0]), run, list)


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
