"""The top-level `search` field."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import strawberry

from gql_news.graphql.context import Info
from gql_news.graphql.entity_articles import After, First
from gql_news.graphql.lists import ListQuery
from gql_news.graphql.pagination import encode_cursor, page_args, page_info
from gql_news.graphql.pipeline import cost
from gql_news.graphql.search.sql import RELEVANCE, match_count, searched, snippets
from gql_news.graphql.search.syntax import parse
from gql_news.graphql.search.types import SearchConnection, SearchEdge
from gql_news.graphql.selection import selected, sub_fields
from gql_news.graphql.sources import ARTICLES
from gql_news.tuning import tuning

T = TypeVar("T")

_QUERY_HELP = (
    'Web-search syntax: words must all appear (stemmed: "investors" finds "investor"), '
    '"quoted words" appear together in order, -word or -"a phrase" must not appear, and `or` '
    "offers alternatives (`a b or c` is (a and b) or c). Case and accents are ignored, and so "
    "are common English words. Titles weigh most, then the standfirst, the names and aliases of "
    "the linked people, organisations and countries, and the body. At most 1,000 characters."
)


def once(count: Callable[[], Awaitable[T]]) -> Callable[[], Awaitable[T]]:
    """`count` run at most once, however many fields await it (totalCount and its flag)."""
    task: asyncio.Future[T] | None = None

    async def shared() -> T:
        nonlocal task
        if task is None:
            task = asyncio.ensure_future(count())
        return await task

    return shared


@strawberry.type
class SearchQueries:
    @strawberry.field(
        metadata=cost.by_argument("first"),
        description=(
            "Full-text search over articles, best match first, each result with its score and a "
            "highlighted snippet. A query with nothing to look for (empty, only common words, only "
            "exclusions) is BAD_USER_INPUT."
        ),
    )
    async def search(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description=_QUERY_HELP)],
        first: First = 20,
        after: After = None,
    ) -> SearchConnection:
        from gql_news.graphql.articles.types import Article
        from gql_news.graphql.prefetch import prefetch_articles

        text = parse(query)
        args = page_args(first, after, RELEVANCE.tag, len(RELEVANCE.columns))
        cap = tuning().search_candidates
        list_query = searched(ListQuery(ARTICLES, RELEVANCE), text, total=True, cap=cap)
        loaders = info.context.loaders
        fetched = await loaders.page.load((list_query, args, 0))  # one row past the page
        rows = fetched[: args.first]
        nodes = [Article.from_row(row) for row in rows]

        fields, fragments = selected(info, "edges")
        marked: dict[int, str] = {}

        async def mark() -> None:
            marked.update(await snippets(text, [node._pk for node in nodes]))

        jobs = []
        if nodes and "node" in fields:
            jobs.append(prefetch_articles(info, nodes, sub_fields(fields["node"], fragments), fragments))
        if nodes and "snippet" in fields:
            jobs.append(mark())
        await asyncio.gather(*jobs)

        edges = [
            SearchEdge(
                cursor=encode_cursor(RELEVANCE.tag, RELEVANCE.to_key(row)),
                node=node,
                score=float(row["_score"]),
                snippet=marked.get(node._pk, ""),
            )
            for row, node in zip(rows, nodes, strict=True)
        ]

        async def count() -> tuple[int, bool]:
            # Every row carries the count; a page past the candidates asks the `_search` rows.
            first_row = fetched[0] if fetched else await match_count(list_query)
            if first_row is None:
                return 0, False
            exact = int(first_row["_total"])
            if exact <= cap:
                return exact, False
            return int(first_row["_estimate"]), True

        return SearchConnection(
            edges=edges,
            page_info=page_info(
                [edge.cursor for edge in edges], args=args, has_next=len(fetched) > args.first
            ),
            _count=once(count),
        )
