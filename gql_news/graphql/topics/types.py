"""The Topic type."""

from __future__ import annotations

from typing import Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, First, articles_of
from gql_news.graphql.node import Node
from gql_news.graphql.sources import ARTICLES_OF_TOPIC
from gql_news.graphql.sql import Row


@strawberry.type(description='A section or tag articles are filed under: "Blockchain", "News".')
class Topic(Node):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    name: str = strawberry.field(description="Display name.")
    _pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(cls, {"_pk": row["id"], "slug": row["slug"], "name": row["name"]})

    @strawberry.field(description="Articles filed under the topic, newest first.")
    async def articles(self, info: Info, first: First = 20, after: After = None) -> ArticleConnection:
        return await articles_of(info, ARTICLES_OF_TOPIC, self._pk, first, after, None)
