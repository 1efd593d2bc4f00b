"""The search result connection: articles with their score and a highlighted snippet."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated

import strawberry

from gql_news.graphql.pagination import PageInfo
from gql_news.graphql.pipeline import cost

if TYPE_CHECKING:
    from gql_news.graphql.articles.types import Article

_ARTICLES = "gql_news.graphql.articles.types"


@strawberry.type(description="One search result: an article, how well it matches, and where.")
class SearchEdge:
    cursor: str = strawberry.field(description="Opaque position of this result; pass it as `after`.")
    node: Annotated[Article, strawberry.lazy(_ARTICLES)] = strawberry.field(
        description="The matching article."
    )
    score: float = strawberry.field(
        description=(
            "How well the article matches, higher is better. Comparable within one result list only "
            ": 1 when the title alone matches, plus the text match squashed into [0, 1) (PostgreSQL: cover density; SQLite: BM25)."
        )
    )
    snippet: str = strawberry.field(
        description=(
            "An excerpt of the body around the matched words, which are wrapped in <mark>…</mark>. "
            "The article's text is HTML-escaped first, so <mark> is the only markup and the snippet "
            "is safe to insert as HTML. The start of the body when only the title or a linked entity "
            "matched."
        )
    )


@strawberry.type(description="Articles matching a search, best match first (Relay connection).")
class SearchConnection:
    edges: list[SearchEdge] = strawberry.field(description="The results of this page.", metadata=cost.page())
    page_info: PageInfo = strawberry.field(description="Paging state.")
    _count: strawberry.Private[Callable[[], Awaitable[tuple[int, bool]]]]

    @strawberry.field(
        description=(
            "Number of matching articles, across all pages: exact when `totalCountIsEstimate` is "
            "false, else an estimate (more articles match than a search ranks)."
        )
    )
    async def total_count(self) -> int:
        return (await self._count())[0]

    @strawberry.field(
        description=(
            "True when more articles match than a search ranks (the setting SEARCH_CANDIDATES): "
            "`totalCount` is then an estimate, and the results are the best of the most recent "
            "matches and the most recent title matches."
        )
    )
    async def total_count_is_estimate(self) -> bool:
        return (await self._count())[1]
