"""Filter and order inputs for article lists, and their translation to SQL conditions."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.lists import Filter, ListQuery, Ordering, Source
from gql_news.graphql.rows import ARTICLES_NEWEST_FIRST, ARTICLES_OLDEST_FIRST
from gql_news.graphql.search.sql import RELEVANCE, searched, text_filter
from gql_news.graphql.search.syntax import parse


@strawberry.input(description="Narrows an article list; all given conditions must hold.")
class ArticleFilter:
    topic: str | None = strawberry.field(default=None, description="Topic slug.")
    country: str | None = strawberry.field(
        default=None, description="Country code (ISO alpha-2 or alpha-3, any case) mentioned in the article."
    )
    person: str | None = strawberry.field(
        default=None, description="Slug of a person mentioned in the article."
    )
    organisation: str | None = strawberry.field(
        default=None, description="Slug of an organisation mentioned in the article."
    )
    published_after: datetime | None = strawberry.field(
        default=None, description="Only articles published at or after this instant."
    )
    published_before: datetime | None = strawberry.field(
        default=None, description="Only articles published before this instant."
    )
    text: str | None = strawberry.field(
        default=None,
        description=(
            "Only articles matching this full-text query (the syntax of `Query.search`); with "
            "`orderBy: RELEVANCE`, best match first."
        ),
    )


@strawberry.enum(description="Sort order of an article list.")
class ArticleOrder(Enum):
    PUBLISHED_AT_DESC = strawberry.enum_value("published_at_desc", description="Newest first.")
    PUBLISHED_AT_ASC = strawberry.enum_value("published_at_asc", description="Oldest first.")
    RELEVANCE = strawberry.enum_value(
        "relevance",
        description=(
            "Best match for `filter.text` first (ties: the later id first); without a text filter "
            "there is nothing to rank by, and the list is newest first."
        ),
    )


def _by_date(order: ArticleOrder) -> Ordering:
    return ARTICLES_OLDEST_FIRST if order is ArticleOrder.PUBLISHED_AT_ASC else ARTICLES_NEWEST_FIRST


def article_query(
    source: Source, flt: ArticleFilter | None, order: ArticleOrder = ArticleOrder.PUBLISHED_AT_DESC
) -> ListQuery:
    """The list of `source`'s articles passing `flt`, in `order` (see ArticleOrder.RELEVANCE)."""
    if flt is None or flt.text is None or order is not ArticleOrder.RELEVANCE:
        return ListQuery(source, _by_date(order), article_filters(flt))
    # Ranked: the scored matches are joined in. The text condition stays among the filters too,
    # so whatever reads only a list's filters (its facets) still sees the text.
    text = parse(flt.text, argument="filter.text")
    return searched(ListQuery(source, RELEVANCE, article_filters(flt)), text)


def to_utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        raise BadUserInput(f"{value.isoformat()} is outside the supported range of dates.") from None


ENTITY_IDS = {
    "country": "SELECT y.id FROM country y WHERE y.code = ? OR y.alpha3 = ?",
    "person": "SELECT y.id FROM person y WHERE y.slug = ?",
    "organisation": "SELECT y.id FROM organisation y WHERE y.slug = ?",
}
"""The id of the entity an article filter names (by code, or by slug), with the filter's values."""
ENTITY_FILTERS = {
    "country": "EXISTS (SELECT 1 FROM mention x JOIN country y ON y.id = x.country_id "
    "WHERE x.article_id = t.id AND (y.code = ? OR y.alpha3 = ?))",
    **{
        kind: f"EXISTS (SELECT 1 FROM mention x JOIN {kind} y ON y.id = x.{kind}_id "
        "WHERE x.article_id = t.id AND y.slug = ?)"
        for kind in ("person", "organisation")
    },
}
"""The filters `country:`, `person:` and `organisation:` (facets recognise them: the maintained
pair counts answer for the entity's articles)."""


def article_filters(flt: ArticleFilter | None) -> tuple[Filter, ...]:
    """SQL conditions on article alias `t` for a filter; unknown slugs simply match nothing."""
    if flt is None:
        return ()
    out: list[Filter] = []
    if flt.text is not None:
        out.append(text_filter(parse(flt.text, argument="filter.text")))
    if flt.topic is not None:
        out.append(
            (
                "EXISTS (SELECT 1 FROM article_topic x JOIN topic y ON y.id = x.topic_id "
                "WHERE x.article_id = t.id AND y.slug = ?)",
                (flt.topic,),
            )
        )
    if flt.country is not None:
        code = flt.country.upper()
        out.append((ENTITY_FILTERS["country"], (code, code)))
    for value, table in ((flt.person, "person"), (flt.organisation, "organisation")):
        if value is not None:
            out.append((ENTITY_FILTERS[table], (value,)))
    if flt.published_after is not None:
        out.append(("t.published_at >= ?", (to_utc(flt.published_after),)))
    if flt.published_before is not None:
        out.append(("t.published_at < ?", (to_utc(flt.published_before),)))
    return tuple(out)


# Inputs of the article mutations (the write side).

_TOPICS = "Topic names, in order; topics are created on demand."


@strawberry.input(description="An article in the seed's plain-text format, to parse, store and link.")
class ImportArticleInput:
    text: str = strawberry.field(
        description=(
            "Title line, then 'Topic, Topic | Month D, YYYY By: author' (the date may also be "
            "'D Month YYYY' or 'YYYY-MM-DD'), then the paragraphs separated by blank lines. At most 200 KB."
        )
    )
    source_url: str | None = strawberry.field(default=None, description="Where the text was published.")


@strawberry.input(description="A new article from its fields.")
class ArticleInput:
    title: str = strawberry.field(description="Headline, at most 300 characters; the slug is made from it.")
    body: str = strawberry.field(
        description="Plain text, paragraphs separated by a blank line; at most 200 KB."
    )
    published_at: datetime = strawberry.field(
        description="When it was published (UTC unless an offset is given)."
    )
    topics: list[str] = strawberry.field(default_factory=list, description=_TOPICS)
    standfirst: str | None = strawberry.field(
        default=None, description="Summary; the first paragraph when omitted."
    )
    byline: str | None = strawberry.field(default=None, description="Author.")
    source_url: str | None = strawberry.field(
        default=None, description="Where it was first published (http/https)."
    )


@strawberry.input(
    description="Changes to an article: omitted fields stay as they are; null clears a nullable one."
)
class ArticlePatch:
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="New headline (the slug stays)."
    )
    body: str | None = strawberry.field(
        default=strawberry.UNSET, description="New body; re-linked when it changes."
    )
    published_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="New publication time."
    )
    topics: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=f"Replaces the topics. {_TOPICS}"
    )
    standfirst: str | None = strawberry.field(
        default=strawberry.UNSET, description="New summary; null makes it the first paragraph again."
    )
    byline: str | None = strawberry.field(default=strawberry.UNSET, description="New author; null clears it.")
    source_url: str | None = strawberry.field(
        default=strawberry.UNSET, description="New source URL; null clears it."
    )
