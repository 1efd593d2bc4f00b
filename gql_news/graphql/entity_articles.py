"""The `articles(first, after, filter)` field shared by people, organisations, countries and topics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from gql_news.graphql.articles.inputs import ArticleFilter, article_filters
from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.lists import ListQuery, Source
from gql_news.graphql.pagination import Connection
from gql_news.graphql.rows import ARTICLES_NEWEST_FIRST

if TYPE_CHECKING:
    from gql_news.graphql.articles.types import Article

First = Annotated[int | None, strawberry.argument(description="Page size: 0 to 100, default 20.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after (an endCursor).")]
FilterArg = Annotated[ArticleFilter | None, strawberry.argument(description="Narrow the articles.")]
ArticleConnection = Connection[Annotated["Article", strawberry.lazy("gql_news.graphql.articles.types")]]


async def articles_of(
    info: Info, source: Source, parent: int, first: int | None, after: str | None, flt: ArticleFilter | None
) -> Connection[Article]:
    """A parent's articles, newest first."""
    from gql_news.graphql.articles.types import Article
    from gql_news.graphql.prefetch import prefetch_articles

    query = ListQuery(source, ARTICLES_NEWEST_FIRST, article_filters(flt))
    return await resolve_connection(
        info,
        query,
        parent=parent,
        first=first,
        after=after,
        convert=Article.from_row,
        prefetch=prefetch_articles,
    )
