"""Top-level article queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.articles.inputs import ArticleFilter, ArticleOrder, article_query
from gql_news.graphql.articles.types import Article
from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, ArticleConnection, First, article_connection
from gql_news.graphql.pipeline import cost
from gql_news.graphql.prefetch import prefetch_articles
from gql_news.graphql.selection import selected
from gql_news.graphql.sources import ARTICLES
from gql_news.graphql.sql import fetch_one
from gql_news.graphql.tables import ARTICLE


@strawberry.type
class ArticleQueries:
    @strawberry.field(description="One article by slug; null when there is none.")
    async def article(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="The article's slug.")]
    ) -> Article | None:
        row = await fetch_one(f"SELECT {ARTICLE.columns} FROM {ARTICLE.from_} WHERE t.slug = ?", [slug])
        if row is None:
            return None
        article = Article.from_row(row)
        await prefetch_articles(info, [article], *selected(info))
        return article

    @strawberry.field(
        metadata=cost.by_argument("first"), description="Articles, newest first unless ordered otherwise."
    )
    async def articles(
        self,
        info: Info,
        first: First = 20,
        after: After = None,
        filter: Annotated[ArticleFilter | None, strawberry.argument(description="Narrow the list.")] = None,
        order_by: Annotated[ArticleOrder, strawberry.argument(description="Sort order.")] = (
            ArticleOrder.PUBLISHED_AT_DESC
        ),
    ) -> ArticleConnection:
        query = article_query(ARTICLES, filter, order_by)
        return await article_connection(info, query, 0, first, after)
