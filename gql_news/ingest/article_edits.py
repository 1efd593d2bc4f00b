"""Create, edit and delete articles from structured fields (the API's createArticle & co.).

Creation goes through `store_article`, like every import; edits keep the article's slug and
id (links to it stay valid), re-link the body when it changed, and refuse to make an article
a copy of another one (the content hash is unique).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.exceptions import IntegrityError

from gql_news.db import writing
from gql_news.events.publish import note_articles, write_transaction
from gql_news.ingest.article_rows import replace_mentions, replace_topics
from gql_news.ingest.counts import CountChange
from gql_news.ingest.drafts import ArticleDraft, build_article
from gql_news.ingest.errors import InputError, MissingError
from gql_news.ingest.linker import current_gazetteer
from gql_news.ingest.parser import paragraphs
from gql_news.ingest.store import StoreResult, article_fields, content_hash, store_article
from gql_news.models import Article

_ATTEMPTS = 3
_COPY = "Another article already has this title, body and publication time."


@dataclass(frozen=True, slots=True)
class ArticlePatch:
    """Fields to change; None leaves a field as it is, a name in `clear` sets it to null."""

    title: str | None = None
    body: str | None = None
    published_at: datetime | None = None
    topics: Sequence[str] | None = None
    byline: str | None = None
    source_url: str | None = None
    standfirst: str | None = None
    clear: frozenset[str] = field(default_factory=frozenset)


async def create_article(draft: ArticleDraft) -> StoreResult:
    """Store a new article; the same text again returns the stored one ("unchanged").

    A different text under a title whose slug is taken is refused: updating is updateArticle's
    job (an import, which replaces versions by slug, is importArticle's).
    """
    result = await store_article(build_article(draft), same_slug="keep")
    if result.status == "slug-taken":
        raise InputError(
            "title",
            f"An article with the slug {result.slug!r} already exists with another text; "
            "use updateArticle to change it.",
        )
    return result


async def update_article(article_id: int, patch: ArticlePatch) -> None:
    """Apply the patch in one transaction; InputError when the result would be invalid or a copy.

    A unique-key failure (a concurrent write of the same text or of a new topic) rolls the
    transaction back whole and the patch is applied again, on the rows as they are now.
    """
    for _attempt in range(_ATTEMPTS - 1):
        try:
            await _update(article_id, patch)
        except IntegrityError:
            continue
        return
    try:
        await _update(article_id, patch)
    except IntegrityError:
        raise InputError("body", _COPY) from None


async def _update(article_id: int, patch: ArticlePatch) -> None:
    async with write_transaction():
        article = await Article.get_or_none(id=article_id)
        if article is None:
            raise MissingError("id", "No article has this id.")
        old_first = (paragraphs(article.body) or [""])[0]
        standfirst = patch.standfirst
        if standfirst is None and "standfirst" not in patch.clear and article.standfirst != old_first:
            standfirst = article.standfirst  # an explicit standfirst survives a body edit
        parsed = build_article(
            ArticleDraft(
                title=patch.title if patch.title is not None else article.title,
                body=patch.body if patch.body is not None else article.body,
                published_at=patch.published_at or article.published_at,
                topics=patch.topics or (),
                byline=_keep(patch.byline, article.byline, "byline" in patch.clear),
                source_url=_keep(patch.source_url, article.source_url, "sourceUrl" in patch.clear),
                standfirst=standfirst,
            )
        )
        digest = content_hash(parsed)
        if await Article.filter(content_hash=digest).exclude(id=article.id).exists():
            raise InputError("body", _COPY)
        relink = parsed.body != article.body
        counts = CountChange()
        await counts.before([article.id])
        await article.update_from_dict(article_fields(parsed, digest)).save()
        note_articles([article.id], "updated")
        if patch.topics is not None:
            await replace_topics([(article.id, parsed.topics)])
        if relink:
            await replace_mentions([(article.id, parsed.body)], await current_gazetteer())
        await counts.apply()


def _keep(new: str | None, old: str | None, clear: bool) -> str | None:
    if clear:
        return None
    return new if new is not None else old


async def delete_article(article_id: int) -> None:
    """Delete the article with its topics links, mentions and candidates (foreign-key cascades)."""
    async with writing():
        counts = CountChange()
        await counts.before([article_id])
        deleted = await Article.filter(id=article_id).delete()
        if not deleted:
            raise MissingError("id", "No article has this id.")
        await counts.apply()
