"""Article mutations: import from text, create from fields, update, delete."""

from __future__ import annotations

from typing import Annotated

import strawberry

from gql_news.graphql.articles.inputs import ArticleInput, ArticlePatch, ImportArticleInput
from gql_news.graphql.articles.types import Article
from gql_news.graphql.auth import IsAuthenticated
from gql_news.graphql.context import Info
from gql_news.graphql.entity_inputs import given
from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.writes import article_row, node_pk, writing
from gql_news.ingest import article_edits
from gql_news.ingest.drafts import ArticleDraft, check_body_size, check_source_url
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article

ArticleId = Annotated[strawberry.ID, strawberry.argument(description="The article's global id.")]


def _patch(patch: ArticlePatch) -> article_edits.ArticlePatch:
    """The GraphQL patch as the ingest layer's: UNSET stays, null clears (where null is allowed)."""
    for name in ("title", "body", "published_at", "topics"):
        if getattr(patch, name) is None:
            field = {"published_at": "publishedAt"}.get(name, name)
            raise BadUserInput(f"`{field}` cannot be null; omit it to keep it.", field=field)
    names = ("title", "body", "published_at", "topics", "standfirst", "byline", "source_url")
    values = {name: getattr(patch, name) for name in names}
    clear = {name for name, value in values.items() if value is None}
    kept = {name: value for name, value in values.items() if given(value) and value is not None}
    aliases = {"source_url": "sourceUrl"}
    return article_edits.ArticlePatch(**kept, clear=frozenset(aliases.get(n, n) for n in clear))


@strawberry.type
class ArticleMutations:
    @strawberry.mutation(
        description=(
            "Parse an article in the seed's text format, store it and link its entities (the same "
            "path as `gql-news import`). The same text again returns the stored article; a new text "
            "under the same title updates it in place and re-links it."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def import_article(
        self,
        info: Info,
        input: Annotated[ImportArticleInput, strawberry.argument(description="The article's text.")],
    ) -> Article:
        async with writing(info):
            check_body_size(input.text, "text")
            parsed = parse_article(input.text, source_url=check_source_url(input.source_url))
            result = await store_article(parsed)
        return Article.from_row(await article_row(result.article_id))

    @strawberry.mutation(
        description=(
            "Store a new article from its fields and link its entities. The same text again returns "
            "the stored article; another text under a taken slug is refused."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def create_article(
        self, info: Info, input: Annotated[ArticleInput, strawberry.argument(description="The article.")]
    ) -> Article:
        draft = ArticleDraft(
            title=input.title,
            body=input.body,
            published_at=input.published_at,
            topics=input.topics,
            byline=input.byline,
            source_url=input.source_url,
            standfirst=input.standfirst,
        )
        async with writing(info):
            result = await article_edits.create_article(draft)
        return Article.from_row(await article_row(result.article_id))

    @strawberry.mutation(
        description="Change an article's fields (its slug and id stay); a changed body is re-linked.",
        permission_classes=[IsAuthenticated],
    )
    async def update_article(
        self,
        info: Info,
        id: ArticleId,
        input: Annotated[ArticlePatch, strawberry.argument(description="The fields to change.")],
    ) -> Article:
        _, pk = node_pk(id, ("Article",))
        async with writing(info):
            await article_edits.update_article(pk, _patch(input))
        return Article.from_row(await article_row(pk))

    @strawberry.mutation(
        description="Delete an article with its mentions and candidates; returns its id.",
        permission_classes=[IsAuthenticated],
    )
    async def delete_article(self, info: Info, id: ArticleId) -> strawberry.ID:
        _, pk = node_pk(id, ("Article",))
        async with writing(info):
            await article_edits.delete_article(pk)
        return id
