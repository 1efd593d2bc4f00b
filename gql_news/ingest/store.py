"""Write a parsed article, its topics and its linked mentions: whole, once, in one transaction.

Identity rules (shared by the CLI, the demo loader and the import mutation):
- the same text (same content hash) is the same article: nothing is written again;
- the same slug with different text is a new version of that article: it is updated in place
  (its id survives) and its topics and mentions are rebuilt;
- anything else is a new article.

`store_articles` applies the same rules to many articles in a few statements per hundred
(`gql-news import`); `store_article` is that for one (importArticle, createArticle).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from tortoise import connections
from tortoise.exceptions import IntegrityError

from gql_news.db import writing
from gql_news.events.publish import note_articles, write_transaction
from gql_news.ingest.article_rows import Links, Prelinked, link, replace_mentions, replace_topics, requote
from gql_news.ingest.counts import CountChange
from gql_news.ingest.documents import documents_deferred, entity_names, insert_articles, names_text
from gql_news.ingest.linker import Gazetteer, current_gazetteer
from gql_news.ingest.parser import ParsedArticle, collapse, normalise_body
from gql_news.ingest.slugs import make_slug
from gql_news.models import Article

ARTICLE_SLUG_MAX = 100
_RELINK_BATCH = 200
_ATTEMPTS = 3
_BATCH = 100  # articles per transaction in store_articles

StoreStatus = Literal["created", "updated", "unchanged", "slug-taken"]
SlugPolicy = Literal["update", "keep"]


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


async def store_article(parsed: ParsedArticle, *, same_slug: SlugPolicy = "update") -> StoreResult:
    """Create, update or keep the article (see the module docstring); returns what happened.

    With `same_slug="keep"` an article whose slug exists but whose text differs is left as it
    is and reported "slug-taken" (createArticle refuses it; an import updates it).
    """
    (result,) = await store_articles([parsed], same_slug=same_slug)
    return result


async def store_articles(
    articles: Sequence[ParsedArticle], *, same_slug: SlugPolicy = "update", prelinked: Prelinked | None = None
) -> list[StoreResult]:
    """`store_article` for many articles at once, with the same rules and results, in input order.

    Each batch of distinct slugs is one transaction written with a fixed number of statements
    (an import of thousands of articles costs a few statements per hundred), so a failure
    rolls back the whole batch: callers that must isolate a bad article retry it alone.
    If a concurrent writer commits one of the same articles (or topics) first, the batch fails
    on a unique key and is rolled back whole; the next attempt then finds those rows. Unique
    keys decide, not a read-then-write check. `prelinked` holds bodies already linked (the
    import links the next batch while this one is written); used only when linked against the
    gazetteer the transaction reads, else the bodies are linked again.
    """
    prepared = [
        _Prepared(p, digest, article_slug(p.title, digest)) for p in articles for digest in [content_hash(p)]
    ]
    results: dict[int, StoreResult] = {}
    for wave in _waves(prepared):
        for _attempt in range(_ATTEMPTS - 1):
            try:
                stored = await _store_batch([prepared[i] for i in wave], same_slug, prelinked)
                break
            except IntegrityError:
                continue
        else:
            stored = await _store_batch([prepared[i] for i in wave], same_slug, prelinked)
        results.update(zip(wave, stored, strict=True))
    by_digest: dict[str, StoreResult] = {}
    out: list[StoreResult] = []
    for index, item in enumerate(prepared):
        if index in results:
            by_digest.setdefault(item.digest, results[index])
            out.append(results[index])
        else:  # the same text earlier in the input: stored once, unchanged since
            first = by_digest[item.digest]
            out.append(StoreResult(first.article_id, first.slug, "unchanged"))
    return out


@dataclass(frozen=True, slots=True)
class _Prepared:
    parsed: ParsedArticle
    digest: str
    slug: str


def _waves(prepared: Sequence[_Prepared]) -> list[list[int]]:
    """Indexes to store, in batches of distinct slugs and texts (a repeated text is skipped; a
    repeated slug goes to a later batch, so its versions apply in input order)."""
    waves: list[list[int]] = []
    seen_digests: set[str] = set()
    slugs_in: list[set[str]] = []
    for index, item in enumerate(prepared):
        if item.digest in seen_digests:
            continue
        seen_digests.add(item.digest)
        level = next((n for n in range(len(waves) - 1, -1, -1) if item.slug in slugs_in[n]), -1) + 1
        while level < len(waves) and len(waves[level]) >= _BATCH:
            level += 1
        if level == len(waves):
            waves.append([])
            slugs_in.append(set())
        waves[level].append(index)
        slugs_in[level].add(item.slug)
    return waves


def article_fields(parsed: ParsedArticle, digest: str) -> dict[str, Any]:
    """The Article columns a parsed article and its content hash set."""
    return {
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "body": parsed.body,
        "published_at": parsed.published_at,
        "byline": parsed.byline,
        "source_url": parsed.source_url,
        "content_hash": digest,
    }


async def _store_batch(
    batch: Sequence[_Prepared], same_slug: SlugPolicy, prelinked: Prelinked | None = None
) -> list[StoreResult]:
    async with write_transaction():
        same = {
            digest: (pk, slug)
            for pk, slug, digest in await Article.filter(
                content_hash__in=[b.digest for b in batch]
            ).values_list("id", "slug", "content_hash")
        }
        rest = [b for b in batch if b.digest not in same]
        existing: dict[str, int] = {}
        if rest:
            existing = dict(await Article.filter(slug__in=[b.slug for b in rest]).values_list("slug", "id"))
        results: dict[str, StoreResult] = {
            digest: StoreResult(pk, slug, "unchanged") for digest, (pk, slug) in same.items()
        }
        new = [b for b in rest if b.slug not in existing]
        changed = [b for b in rest if b.slug in existing]
        if same_slug == "keep":
            results.update({b.digest: StoreResult(existing[b.slug], b.slug, "slug-taken") for b in changed})
            changed = []
        counts = CountChange()
        await counts.before(existing[b.slug] for b in changed)
        for item in changed:
            await Article.filter(id=existing[item.slug]).update(
                **article_fields(item.parsed, item.digest), updated_at=datetime.now(UTC)
            )
            results[item.digest] = StoreResult(existing[item.slug], item.slug, "updated")
        gazetteer = await current_gazetteer() if new or changed else None
        linked_new = (
            [_links(b.parsed.body, gazetteer, prelinked) for b in new] if gazetteer is not None else []
        )
        if new:
            ids = await _insert_new(new, linked_new)
            results.update({b.digest: StoreResult(ids[b.slug], b.slug, "created") for b in new})
        note_articles((results[b.digest].article_id for b in new), "created")
        note_articles((results[b.digest].article_id for b in changed), "updated")
        written = [*changed, *new]
        if written:
            await replace_topics(
                [(results[b.digest].article_id, b.parsed.topics) for b in written], fresh=not changed
            )
        if new:
            assert gazetteer is not None
            new_ids = [results[b.digest].article_id for b in new]
            counts.touch(new_ids)
            await replace_mentions(
                [(pk, b.parsed.body) for pk, b in zip(new_ids, new, strict=True)],
                gazetteer,
                fresh=True,
                linked=linked_new,
            )
        if changed:
            assert gazetteer is not None
            await replace_mentions(
                [(results[b.digest].article_id, b.parsed.body) for b in changed], gazetteer
            )
        await counts.apply()  # last: shared count rows stay locked only until the commit
    return [results[b.digest] for b in batch]


def _links(body: str, gazetteer: Gazetteer, prelinked: Prelinked | None) -> Links:
    if prelinked is not None and prelinked.gazetteer is gazetteer:
        found = prelinked.links.get(body)
        if found is not None:
            return found
    return link(body, gazetteer)


async def _insert_new(new: Sequence[_Prepared], linked: Sequence[Links]) -> dict[str, int]:
    """Insert new articles; slug -> id. On PostgreSQL with their search documents whole."""
    if connections.get("default").capabilities.dialect != "postgres":
        async with documents_deferred():  # their FTS rows are written with their mentions
            await Article.bulk_create(
                [Article(slug=b.slug, **article_fields(b.parsed, b.digest)) for b in new]
            )
        return dict(await Article.filter(slug__in=[b.slug for b in new]).values_list("slug", "id"))
    names = await entity_names(e for links in linked for e in links.entities())
    now = datetime.now(UTC)
    rows = [
        {"slug": b.slug, **article_fields(b.parsed, b.digest), "created_at": now, "updated_at": now}
        for b in new
    ]
    return await insert_articles(rows, [names_text(links.entities(), names) for links in linked])


async def relink_articles(article_ids: Iterable[int] | None = None) -> int:
    """Rebuild the mentions of the given articles (all when None) after the gazetteer changed.

    For example after an alias was added or a person created. One transaction (a savepoint
    inside the caller's); returns the number of mentions written. The open entity candidates
    of the articles are found again too. The articles are published as re-linked once the
    outermost write commits.
    """
    if article_ids is not None:
        article_ids = list(article_ids)
        if not article_ids:
            return 0
    async with write_transaction():
        query = Article.all() if article_ids is None else Article.filter(id__in=article_ids)
        ids: list[int] = [pk for (pk,) in await query.order_by("id").values_list("id")]
        gazetteer = await current_gazetteer()
        written = 0
        for first in range(0, len(ids), _RELINK_BATCH):
            batch = ids[first : first + _RELINK_BATCH]
            rows = await Article.filter(id__in=batch).values_list("id", "body")
            counts = CountChange()
            await counts.before(batch)
            written += await replace_mentions(rows, gazetteer)
            await counts.apply()
        note_articles(ids, "relinked")
        return written


async def requote_articles(article_ids: Iterable[int] | None = None) -> int:
    """Extract the quotes of the given articles (all when None) again, from their stored mentions.

    `gql-news requote` runs it after the extraction rules changed; nothing is re-linked. One
    transaction; returns the number of quotes written.
    """
    async with writing():
        query = Article.all() if article_ids is None else Article.filter(id__in=list(article_ids))
        ids: list[int] = [pk for (pk,) in await query.order_by("id").values_list("id")]
        written = 0
        for first in range(0, len(ids), _RELINK_BATCH):
            batch = ids[first : first + _RELINK_BATCH]
            written += await requote(await Article.filter(id__in=batch).values_list("id", "body"))
        return written
