"""Structured article input (a mutation's fields, a JSON record) checked and normalised into a
ParsedArticle, with the same limits as the text format; shared by the API and `gql-news import`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from gql_news.ingest.errors import InputError
from gql_news.ingest.parser import (
    BYLINE_MAX,
    SOURCE_URL_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    ParsedArticle,
    collapse,
    paragraphs,
)
from gql_news.ingest.slugs import make_slug

BODY_MAX_BYTES = 200 * 1024
STANDFIRST_MAX = 5000
TOPICS_MAX = 20


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """Article fields as a client sends them, before any check."""

    title: str
    body: str
    published_at: datetime
    topics: Sequence[str] = ()
    byline: str | None = None
    source_url: str | None = None
    standfirst: str | None = None


def check_body_size(body: str, field: str = "body") -> None:
    """Refuse a body over 200 KB (UTF-8), before any work is spent on it."""
    size = len(body.encode("utf-8"))
    if size > BODY_MAX_BYTES:
        raise InputError(field, f"The {field} is {size} bytes; at most {BODY_MAX_BYTES} bytes are accepted.")


def build_article(draft: ArticleDraft) -> ParsedArticle:
    """The draft as a ParsedArticle (whitespace normalised, standfirst defaulted); InputError when
    a field is empty, too long or malformed."""
    title = collapse(draft.title)
    if not title:
        raise InputError("title", "The title is empty.")
    if len(title) > TITLE_MAX:
        raise InputError("title", f"The title is {len(title)} characters; at most {TITLE_MAX} are accepted.")
    check_body_size(draft.body)
    body_paragraphs = paragraphs(draft.body)
    if not body_paragraphs:
        raise InputError("body", "The body is empty.")
    standfirst = collapse(draft.standfirst) if draft.standfirst is not None else ""
    if len(standfirst) > STANDFIRST_MAX:
        raise InputError("standfirst", f"The standfirst is longer than {STANDFIRST_MAX} characters.")
    return ParsedArticle(
        title=title,
        topics=check_topics(draft.topics),
        published_at=check_published_at(draft.published_at),
        byline=check_byline(draft.byline),
        body="\n\n".join(body_paragraphs),
        standfirst=standfirst or body_paragraphs[0],
        source_url=check_source_url(draft.source_url),
    )


def check_published_at(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise InputError(
            "publishedAt", f"{value.isoformat()} is outside the supported range of dates."
        ) from None


def check_topics(names: Sequence[str]) -> tuple[str, ...]:
    topics: dict[str, None] = {}
    for raw in names:
        topic = collapse(raw)
        if not make_slug(topic):
            raise InputError("topics", f"The topic {raw[:40]!r} has no letter or digit.")
        if len(topic) > TOPIC_MAX:
            raise InputError("topics", f"The topic {topic[:20]!r}... is longer than {TOPIC_MAX} characters.")
        topics.setdefault(topic)
    if len(topics) > TOPICS_MAX:
        raise InputError("topics", f"At most {TOPICS_MAX} topics per article, got {len(topics)}.")
    return tuple(topics)


def check_byline(value: str | None) -> str | None:
    byline = collapse(value) if value is not None else ""
    if len(byline) > BYLINE_MAX:
        raise InputError("byline", f"The byline is longer than {BYLINE_MAX} characters.")
    return byline or None


def check_source_url(value: str | None) -> str | None:
    url = value.strip() if value is not None else ""
    if not url:
        return None
    if len(url) > SOURCE_URL_MAX:
        raise InputError("sourceUrl", f"The source URL is longer than {SOURCE_URL_MAX} characters.")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in url):
        raise InputError("sourceUrl", "The source URL must be an absolute http(s) URL.")
    return url
