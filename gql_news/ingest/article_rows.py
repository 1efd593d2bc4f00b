"""The rows that hang off an article: its topic links, its mentions, its quotes and its open
entity candidates.

Written without model instances and with a fixed number of statements however many articles
and rows (one multi-row insert each; on PostgreSQL one statement, so the per-statement
data_version trigger fires once). Shared by `store_articles`, `relink_articles` and the
article edits.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise import connections

from gql_news.ingest.candidates import FoundCandidate, find_candidates
from gql_news.ingest.documents import documents_deferred, write_documents
from gql_news.ingest.linker import Gazetteer, LinkedMention, current_gazetteer, find_mentions
from gql_news.ingest.neighbours import refresh_neighbours
from gql_news.ingest.quotes import FoundQuote, find_quotes
from gql_news.ingest.slugs import make_slug
from gql_news.models import ArticleTopic, CandidateStatus, EntityCandidate, Mention, Quote, Topic

_TOPIC_SLUG_MAX = 100


async def replace_topics(articles: Sequence[tuple[int, Sequence[str]]], *, fresh: bool = False) -> None:
    """Set the topics of (article id, topic names) pairs, in order, creating missing topics;
    `fresh` says the articles were just created (no links to drop)."""
    if not fresh:
        await ArticleTopic.filter(article_id__in=[pk for pk, _ in articles]).delete()
    ids = await topic_map([name for _, names in articles for name in names])
    rows = []
    for pk, names in articles:
        slugs = dict.fromkeys(s for s in (make_slug(n, max_length=_TOPIC_SLUG_MAX) for n in names) if s)
        rows += [(pk, ids[slug], position) for position, slug in enumerate(slugs)]
    if rows:
        await insert_many("article_topic", _ARTICLE_TOPIC_COLUMNS, rows)


async def topic_map(names: Sequence[str]) -> dict[str, int]:
    """slug -> id of the topics with these names, creating the missing ones: two statements, or
    three when some are new."""
    by_slug: dict[str, str] = {}
    for name in names:
        slug = make_slug(name, max_length=_TOPIC_SLUG_MAX)
        if slug:
            by_slug.setdefault(slug, name)
    if not by_slug:
        return {}
    ids: dict[str, int] = dict(await Topic.filter(slug__in=list(by_slug)).values_list("slug", "id"))
    if missing := sorted(slug for slug in by_slug if slug not in ids):
        # Ignoring conflicts: a concurrent import creating the same topic makes this one wait for
        # its commit and use its row, instead of failing the whole batch on the unique slug. In
        # slug order, so two importers creating the same new topics wait, never deadlock.
        await Topic.bulk_create(
            [Topic(slug=slug, name=by_slug[slug]) for slug in missing], ignore_conflicts=True
        )
        ids.update(await Topic.filter(slug__in=missing).values_list("slug", "id"))
    return ids


_MENTION_COLUMNS = (
    ("article_id", "int"),
    ("person_id", "int"),
    ("organisation_id", "int"),
    ("country_id", "int"),
    ("text", "text"),
    ("start", "int"),
    ("end", "int"),
)
_ARTICLE_TOPIC_COLUMNS = (("article_id", "int"), ("topic_id", "int"), ("position", "smallint"))


@dataclass(frozen=True, slots=True)
class Links:
    """What linking found in one article body: its mentions, candidates and quotes."""

    mentions: list[LinkedMention]
    candidates: list[FoundCandidate]
    quotes: list[FoundQuote]

    def entities(self) -> list[tuple[str, int]]:
        """Its distinct entities as (kind, id), in order of first mention."""
        return list(dict.fromkeys((m.kind, m.entity_id) for m in self.mentions))


_LINKING = threading.Lock()
"""Held while a body is linked: a gazetteer's matcher is built on first use, and a newer one is
derived from (takes over) an older one's, so a thread linking ahead (`gql-news import`) and the
event loop's thread never use matchers at once."""


def link(body: str, gazetteer: Gazetteer) -> Links:
    """Link one body against `gazetteer` (no database)."""
    with _LINKING:
        mentions = find_mentions(body, gazetteer)
        candidates = find_candidates(body, mentions, gazetteer)
        return Links(mentions, candidates, find_quotes(body, mentions, candidates))


@dataclass(frozen=True, slots=True)
class Prelinked:
    """Bodies linked ahead of their transaction, against `gazetteer`: body -> what was found."""

    gazetteer: Gazetteer
    links: Mapping[str, Links]


def prelink(bodies: Sequence[str], gazetteer: Gazetteer, stop: threading.Event | None = None) -> Prelinked:
    """Link `bodies` against `gazetteer` (no database; runs in a worker thread). A body whose
    linking fails is left out: it is linked again in its transaction, where the failure is
    reported for its article. Once `stop` is set, the bodies not yet linked are left out too."""
    links: dict[str, Links] = {}
    for body in dict.fromkeys(bodies):
        if stop is not None and stop.is_set():
            break
        try:
            links[body] = link(body, gazetteer)
        except Exception:  # noqa: BLE001 - reported when linked again, see above
            continue
    return Prelinked(gazetteer, links)


async def replace_mentions(
    articles: Sequence[tuple[int, str]],
    gazetteer: Gazetteer,
    *,
    fresh: bool = False,
    linked: Sequence[Links] | None = None,
) -> int:
    """Delete and re-create the mentions (and the quotes and open entity candidates) of (id, body)
    articles, linked against `gazetteer` (or given, `linked`, in the same order); `fresh` says they
    were just created (nothing to delete). A fixed number of statements however many articles and
    mentions. Returns the mentions written.

    Quotes are attributed from the mentions, so they are rebuilt here, with them: every path that
    re-links an article (import, edits, catalogue changes, confirmed candidates) re-attributes its
    quotes in the same transaction. So are the articles' search documents (`ingest.documents`):
    on PostgreSQL a fresh article's was written with the article (the store's insert), on SQLite
    it is written here. The related-article lists are refreshed too (`neighbours.py`).
    """
    if not articles:
        return 0
    ids = [pk for pk, _ in articles]
    if linked is None:
        linked = [link(body, gazetteer) for _, body in articles]
    async with documents_deferred():
        if not fresh:
            await Mention.filter(article_id__in=ids).delete()
        rows: list[tuple[Any, ...]] = [
            (
                pk,
                m.entity_id if m.kind == "person" else None,
                m.entity_id if m.kind == "organisation" else None,
                m.entity_id if m.kind == "country" else None,
                m.text,
                m.start,
                m.end,
            )
            for pk, links in zip(ids, linked, strict=True)
            for m in links.mentions
        ]
        if rows:
            await insert_many("mention", _MENTION_COLUMNS, rows, published=True)
        await write_documents(ids, fresh=fresh)
    await replace_quotes([(pk, links.quotes) for pk, links in zip(ids, linked, strict=True)], fresh=fresh)
    await replace_open_candidates(
        [(pk, links.candidates) for pk, links in zip(ids, linked, strict=True)], fresh=fresh
    )
    await refresh_neighbours(ids, fresh=fresh)
    return len(rows)


_QUOTE_COLUMNS = (
    ("article_id", "int"),
    ("person_id", "int"),
    ("text", "text"),
    ("start", "int"),
    ("end", "int"),
    ("speaker_candidate", "text"),
)


async def replace_quotes(found: Sequence[tuple[int, Sequence[FoundQuote]]], *, fresh: bool = False) -> int:
    """Make the quotes of these articles the ones found (two statements at most); returns how many."""
    if not found:
        return 0
    if not fresh:
        await Quote.filter(article_id__in=[pk for pk, _ in found]).delete()
    rows = [
        (pk, q.person_id, q.text, q.start, q.end, q.speaker_candidate) for pk, quotes in found for q in quotes
    ]
    if rows:
        await insert_many("quote", _QUOTE_COLUMNS, rows)
    return len(rows)


async def requote(articles: Sequence[tuple[int, str]]) -> int:
    """Extract the quotes of (id, body) articles again from their stored person mentions.

    For a change of the extraction rules: the mentions stay as they are. Three statements and
    a read of the current gazetteer (the person candidates are found again, as at import).
    """
    if not articles:
        return 0
    people: dict[int, list[LinkedMention]] = {}
    rows = (
        await Mention.filter(article_id__in=[pk for pk, _ in articles], person_id__not_isnull=True)
        .order_by("article_id", "start")
        .values_list("article_id", "person_id", "text", "start", "end")
    )
    for pk, person_id, text, start, end in rows:
        people.setdefault(pk, []).append(LinkedMention("person", person_id, text, start, end))
    gazetteer = await current_gazetteer()
    found = []
    for pk, body in articles:
        mentions = people.get(pk, [])
        found.append((pk, find_quotes(body, mentions, find_candidates(body, mentions, gazetteer))))
    return await replace_quotes(found)


async def insert_many(
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Sequence[tuple[Any, ...]],
    conflict: str = "",
    *,
    published: bool = False,
) -> None:
    """Insert rows without model instances, on the current connection: one statement on
    PostgreSQL (arrays unnested, so the per-statement triggers fire once), executemany on SQLite.
    `columns` are (name, PostgreSQL array type) pairs; `conflict` an `ON CONFLICT ...` clause.
    `published`: the rows' `published_at` is their article's (`article_id`), read in the same
    statement (a mention's: its insert trigger, migration 0019, then has nothing to fill)."""
    client = connections.get("default")
    names = ", ".join(f'"{name}"' for name, _ in columns)
    into = f'{names}, "published_at"' if published else names
    if client.capabilities.dialect == "postgres":
        arrays = ", ".join(f"${n}::{kind}[]" for n, (_, kind) in enumerate(columns, start=1))
        source = f"unnest({arrays}) AS u({names})"
        if published:
            source += " LEFT JOIN article a ON a.id = u.article_id"  # a missing one: the FK says so
        await client.execute_query(
            f'INSERT INTO "{table}" ({into}) SELECT u.*{", a.published_at" if published else ""}'
            f" FROM {source}{conflict}",
            [list(col) for col in zip(*rows, strict=True)],
        )
        return
    marks = ", ".join("?" for _ in columns)
    if published:
        marks += ", (SELECT a.published_at FROM article a WHERE a.id = ?)"
        article = [name for name, _ in columns].index("article_id")
        rows = [(*row, row[article]) for row in rows]
    await client.execute_many(
        f'INSERT INTO "{table}" ({into}) VALUES ({marks}){conflict}', [list(row) for row in rows]
    )


async def replace_open_candidates(
    found: Sequence[tuple[int, Sequence[FoundCandidate]]], *, fresh: bool = False
) -> int:
    """Make the open candidates of these articles the ones just found; returns how many were stored.

    Decided candidates (confirmed, dismissed) stay as the record of the decision; a text an
    editor dismissed anywhere is not suggested again. A fixed number of statements, however
    many articles or candidates.
    """
    if not found:
        return 0
    article_ids = [pk for pk, _ in found]
    if not fresh:  # new articles have no candidates yet
        await EntityCandidate.filter(article_id__in=article_ids, status=CandidateStatus.OPEN).delete()
    texts = sorted({c.text for _, candidates in found for c in candidates})
    if not texts:
        return 0
    taken: set[tuple[int, int, int]] = set()
    if not fresh:
        decided = await EntityCandidate.filter(
            article_id__in=article_ids, status__not=CandidateStatus.OPEN
        ).values_list("article_id", "start", "end")
        taken = {(pk, start, end) for pk, start, end in decided}
    dismissed = {
        text
        for (text,) in await EntityCandidate.filter(text__in=texts, status=CandidateStatus.DISMISSED)
        .distinct()
        .values_list("text")
    }
    kept = [
        (pk, c)
        for pk, candidates in found
        for c in candidates
        if c.text not in dismissed and (pk, c.start, c.end) not in taken
    ]
    if not kept:
        return 0
    # One statement on PostgreSQL (the model's bulk insert is a statement per row there, each
    # firing the table's announcing trigger); `created_at` as the model writes it on SQLite too.
    now = datetime.now(UTC)
    await insert_many(
        "entity_candidate",
        _CANDIDATE_COLUMNS,
        [
            (pk, c.text, str(c.kind), c.cue[:100], c.start, c.end, str(CandidateStatus.OPEN), now)
            for pk, c in kept
        ],
    )
    return len(kept)


_CANDIDATE_COLUMNS = (
    ("article_id", "int"),
    ("text", "text"),
    ("kind", "text"),
    ("cue", "text"),
    ("start", "int"),
    ("end", "int"),
    ("status", "text"),
    ("created_at", "timestamptz"),
)
