"""The Topic type."""

from __future__ import annotations

from typing import Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, First, articles_of
from gql_news.graphql.graph.timeline import (
    MAX_BUCKETS,
    TIMELINE_DESCRIPTION,
    FromArg,
    IntervalArg,
    TimelineBucket,
    ToArg,
    bucket_count,
    mention_timeline,
)
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.node import Node
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import ARTICLES_NEWEST_FIRST
from gql_news.graphql.sources import ARTICLES_OF_TOPIC
from gql_news.graphql.sql import Row

_ALL_ARTICLES = ListQuery(ARTICLES_OF_TOPIC, ARTICLES_NEWEST_FIRST)


@strawberry.type(description='A section or tag articles are filed under: "Blockchain", "News".')
class Topic(Node):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Display name.")
    _pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(cls, {"_pk": row["id"], "slug": row["slug"], "name": row["name"]})

    @strawberry.field(
        metadata=cost.by_argument("first"), description="Articles filed under the topic, newest first."
    )
    async def articles(self, info: Info, first: First = 20, after: After = None) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_TOPIC, self._pk, first, after, None)

    @strawberry.field(description="How many articles are filed under the topic.")
    async def article_count(self, info: Info) -> int:
        return await info.context.loaders.count.load((_ALL_ARTICLES, self._pk))

    @strawberry.field(metadata=cost.computed(bucket_count, MAX_BUCKETS), description=TIMELINE_DESCRIPTION)
    async def mention_timeline(
        self, info: Info, interval: IntervalArg, from_: FromArg = None, to: ToArg = None
    ) -> list[TimelineBucket]:
        return await mention_timeline(info, ARTICLES_OF_TOPIC, self._pk, interval, from_, to)
