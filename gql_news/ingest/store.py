"""Write a parsed article, its topics and its linked mentions: whole, once, in one transaction.

Identity rules (shared by the CLI, the demo loader and the import mutation):
- the same text (same content hash) is the same article: nothing is written again;
- the same slug with different text is a new version of that article: it is updated in place
  (its id survives) and its topics and mentions are rebuilt;
- anything else is a new article.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Literal

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql_news.ingest.linker import Gazetteer, build_gazetteer, find_mentions
from gql_news.ingest.parser import ParsedArticle, collapse, normalise_body
from gql_news.ingest.slugs import make_slug
from gql_news.models import Article, ArticleTopic, Mention, Topic

ARTICLE_SLUG_MAX = 100
_TOPIC_SLUG_MAX = 100
_RELINK_BATCH = 200

StoreStatus = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What `store_article` did, and to which article."""

    article_id: int
    slug: str
    status: StoreStatus


def content_hash(parsed: ParsedArticle) -> str:
    """sha256 of the canonical title, body and UTC publication time: equal for the same article text.

    Whitespace is canonicalised first, so re-wrapped or re-spaced copies of a text are the same.
    """
    published = parsed.published_at
    published = published.replace(tzinfo=UTC) if published.tzinfo is None else published.astimezone(UTC)
    canonical = [collapse(parsed.title), normalise_body(parsed.body), published.isoformat()]
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode("utf-8")).hexdigest()


def article_slug(title: str, digest: str) -> str:
    """The slug for a title: cut at a word boundary; from the hash when the title has no letters."""
    return make_slug(title, max_length=ARTICLE_SLUG_MAX) or f"article-{digest[:12]}"


async def store_article(parsed: ParsedArticle) -> StoreResult:
    """Create, update or keep the article (see the module docstring); returns what happened.

    If a concurrent writer commits the same article first, our transaction fails on a unique
    key and is rolled back whole; the second attempt then finds that article.
    """
    digest = content_hash(parsed)
    slug = article_slug(parsed.title, digest)
    try:
        return await _store(parsed, slug, digest)
    except IntegrityError:
        return await _store(parsed, slug, digest)


async def relink_articles(article_ids: Iterable[int] | None = None) -> int:
    """Rebuild the mentions of the given articles (all when None) after the gazetteer changed.

    For example after an alias was added or a person created. One transaction; returns the
    number of mentions written.
    """
    async with in_transaction():
        query = Article.all() if article_ids is None else Article.filter(id__in=list(article_ids))
        ids: list[int] = [pk for (pk,) in await query.order_by("id").values_list("id")]
        gazetteer = await build_gazetteer()
        written = 0
        for first in range(0, len(ids), _RELINK_BATCH):
            batch = ids[first : first + _RELINK_BATCH]
            rows = await Article.filter(id__in=batch).values_list("id", "body")
            written += await _replace_mentions(rows, gazetteer)
        return written


async def _store(parsed: ParsedArticle, slug: str, digest: str) -> StoreResult:
    async with in_transaction():
        same = await Article.filter(content_hash=digest).values_list("id", "slug")
        if same:
            return StoreResult(same[0][0], same[0][1], "unchanged")
        fields: dict[str, Any] = {
            "title": parsed.title,
            "standfirst": parsed.standfirst,
            "body": parsed.body,
            "published_at": parsed.published_at,
            "byline": parsed.byline,
            "source_url": parsed.source_url,
            "content_hash": digest,
        }
        article = await Article.get_or_none(slug=slug)
        status: StoreStatus
        if article is None:
            article = await Article.create(slug=slug, **fields)
            status = "created"
        else:
            await article.update_from_dict(fields).save()
            await ArticleTopic.filter(article_id=article.id).delete()
            status = "updated"
        if topic_ids := await _topic_ids(parsed.topics):
            await ArticleTopic.bulk_create(
                [
                    ArticleTopic(article_id=article.id, topic_id=pk, position=i)
                    for i, pk in enumerate(topic_ids)
                ]
            )
        await _replace_mentions([(article.id, parsed.body)], await build_gazetteer())
    return StoreResult(article.id, slug, status)


async def _topic_ids(names: Sequence[str]) -> list[int]:
    """Ids of the topics with these names, in order, creating the missing ones (matched by slug)."""
    by_slug: dict[str, str] = {}
    for name in names:
        slug = make_slug(name, max_length=_TOPIC_SLUG_MAX)
        if slug:
            by_slug.setdefault(slug, name)
    if not by_slug:
        return []
    ids: dict[str, int] = dict(await Topic.filter(slug__in=list(by_slug)).values_list("slug", "id"))
    if missing := [slug for slug in by_slug if slug not in ids]:
        await Topic.bulk_create([Topic(slug=slug, name=by_slug[slug]) for slug in missing])
        ids.update(await Topic.filter(slug__in=missing).values_list("slug", "id"))
    return [ids[slug] for slug in by_slug]


async def _replace_mentions(articles: Sequence[tuple[int, str]], gazetteer: Gazetteer) -> int:
    """Delete and re-create the mentions of (id, body) articles, linked against `gazetteer`."""
    if not articles:
        return 0
    await Mention.filter(article_id__in=[pk for pk, _ in articles]).delete()
    rows = [
        Mention(article_id=pk, text=m.text, start=m.start, end=m.end, **{f"{m.kind}_id": m.entity_id})
        for pk, body in articles
        for m in find_mentions(body, gazetteer)
    ]
    if rows:
        await Mention.bulk_create(rows, batch_size=500)
    return len(rows)
