"""Top-level topic queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.pagination import Connection
from gql_news.graphql.pipeline import cost
from gql_news.graphql.rows import BY_NAME
from gql_news.graphql.sources import TOPICS
from gql_news.graphql.sql import fetch_one
from gql_news.graphql.tables import TOPIC
from gql_news.graphql.topics.types import Topic

_ALL_TOPICS = ListQuery(TOPICS, BY_NAME["t"])


@strawberry.type
class TopicQueries:
    @strawberry.field(description="One topic by slug; null when there is none.")
    async def topic(
        self, slug: Annotated[str, strawberry.argument(description="The topic's slug.")]
    ) -> Topic | None:
        row = await fetch_one(f"SELECT {TOPIC.columns} FROM {TOPIC.from_} WHERE t.slug = ?", [slug])
        return Topic.from_row(row) if row else None

    @strawberry.field(metadata=cost.by_argument("first"), description="Topics, by name.")
    async def topics(self, info: Info, first: First = 20, after: After = None) -> Connection[Topic]:
        return await resolve_connection(
            info, _ALL_TOPICS, parent=0, first=first, after=after, convert=Topic.from_row
        )
