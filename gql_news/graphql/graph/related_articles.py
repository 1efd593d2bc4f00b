"""`Article.related`: other articles ranked by the entities they share with an article.

The score is the Jaccard index of the two articles' sets of distinct entities (people,
organisations and countries): shared / (|A| + |B| - shared), between 0 and 1. It favours
articles about the same few things over long articles that name everything; ties go to the
article sharing more entities, then to the newer one. Any shared entity, a country too, makes
an article a candidate; the lists are precomputed and the candidate search is bounded
(`ingest/neighbours.py`).
"""

from __future__ import annotations

import asyncio

import strawberry

from gql_news.graphql.articles.types import Article, Entity
from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.graph.entities import load_entities
from gql_news.graphql.pagination import bounded_first
from gql_news.graphql.pipeline import cost

DEFAULT_RELATED = 5
MAX_RELATED = 100


@strawberry.type(description="An article sharing entities with another, and why it ranks where it does.")
class RelatedArticle:
    article: Article = strawberry.field(description="The related article.")
    score: float = strawberry.field(
        description="Jaccard index of the two articles' entity sets: shared / (all distinct of both), 0 to 1."
    )
    _source: strawberry.Private[int]

    @strawberry.field(
        metadata=cost.fixed(10),
        description="The entities both articles name, in order of first mention in the source.",
    )
    async def shared_entities(self, info: Info) -> list[Entity]:
        load = info.context.loaders.entity_keys_by_article.load
        mine, theirs = await asyncio.gather(load(self._source), load(self.article._pk))
        common = set(theirs)
        return await load_entities(info, [key for key in mine if key in common])


async def related_articles(info: Info, article: int, first: int | None) -> list[RelatedArticle]:
    size = bounded_first(first, DEFAULT_RELATED, MAX_RELATED)
    if size == 0:
        return []
    rows = await info.context.loaders.related.load((article, size))
    return [
        instantiate(
            RelatedArticle,
            {"article": Article.from_row(row), "score": float(row["_score"]), "_source": article},
        )
        for row in rows
    ]
