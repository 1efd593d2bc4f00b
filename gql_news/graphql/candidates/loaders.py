"""Per-request batch loaders of entity candidates: by id, and the candidates of articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from gql_news.graphql.sql import Row, fetch, in_list

COLUMNS = (
    't.id, t.article_id, t.text, t.kind, t.cue, t.start, t."end", t.status, '
    "t.person_id, t.organisation_id, t.created_at, t.decided_at"
)


async def _by_id(ids: Sequence[int]) -> list[Row | None]:
    rows = await fetch(f"SELECT {COLUMNS} FROM entity_candidate t WHERE t.id IN {in_list(ids)}", ids)
    found = {row["id"]: row for row in rows}
    return [found.get(pk) for pk in ids]


async def _by_article(article_ids: Sequence[int]) -> list[list[Row]]:
    """Every candidate of each article (any status), in text order: few per article."""
    rows = await fetch(
        f"SELECT {COLUMNS} FROM entity_candidate t WHERE t.article_id IN {in_list(article_ids)} "
        "ORDER BY t.article_id, t.start",
        article_ids,
    )
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return [grouped.get(pk, []) for pk in article_ids]


@dataclass
class CandidateLoaders:
    """The candidate loaders of one request."""

    by_id: DataLoader[int, Row | None] = field(default_factory=lambda: DataLoader(load_fn=_by_id))
    by_article: DataLoader[int, list[Row]] = field(default_factory=lambda: DataLoader(load_fn=_by_article))
