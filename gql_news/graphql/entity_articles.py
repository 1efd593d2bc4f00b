"""The `articles(first, after, filter)` field shared by people, organisations, countries and topics."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from gql_news.graphql.articles.inputs import ArticleFilter, article_query
from gql_news.graphql.articles.types import Article
from gql_news.graphql.build import instantiate
from gql_news.graphql.connection import resolve_connection
from gql_news.graphql.context import Info
from gql_news.graphql.graph.facets import ArticleFacets
from gql_news.graphql.lists import ListQuery, Source
from gql_news.graphql.pagination import Connection

First = Annotated[int | None, strawberry.argument(description="Page size: 0 to 100, default 20.")]
After = Annotated[str | None, strawberry.argument(description="Cursor to continue after (an endCursor).")]
FilterArg = Annotated[ArticleFilter | None, strawberry.argument(description="Narrow the articles.")]


@strawberry.type(
    description="A page of articles (Relay connection), the size of the whole list and its facets."
)
class ArticleConnection(Connection[Article]):
    _query: strawberry.Private[ListQuery]
    _parent: strawberry.Private[Any]

    @strawberry.field(description="Counts over the whole filtered list (every page), per topic and entity.")
    def facets(self) -> ArticleFacets:
        return instantiate(ArticleFacets, {"_query": self._query, "_parent": self._parent})


async def article_connection(
    info: Info, query: ListQuery, parent: Any, first: int | None, after: str | None
) -> ArticleConnection:
    """A page of `query` for `parent` (0 for the top-level list), with its facets."""
    from gql_news.graphql.prefetch import prefetch_articles

    page = await resolve_connection(
        info,
        query,
        parent=parent,
        first=first,
        after=after,
        convert=Article.from_row,
        prefetch=prefetch_articles,
    )
    fields = {**page.__dict__, "_query": query, "_parent": parent}
    return instantiate(ArticleConnection, fields)


async def articles_of(
    info: Info, source: Source, parent: int, first: int | None, after: str | None, flt: ArticleFilter | None
) -> ArticleConnection:
    """A parent's articles, newest first (matching `flt.text` when given)."""
    query = article_query(source, flt)
    return await article_connection(info, query, parent, first, after)
