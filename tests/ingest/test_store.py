"""store_article: created / unchanged / updated, one transaction, nothing duplicated."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from tortoise.exceptions import ValidationError

from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.demo import seed_articles
from gql_news.ingest.parser import ParsedArticle, parse_article
from gql_news.ingest.store import content_hash, relink_articles, store_article
from gql_news.models import Article, ArticleTopic, Mention, Person, Topic
from gql_news.settings import Settings
from tests.graphql.helpers import count_statements


async def _mentions(article_id: int) -> list[tuple[object, ...]]:
    rows = (
        await Mention.filter(article_id=article_id)
        .order_by("start")
        .values_list("text", "start", "end", "person_id", "organisation_id", "country_id")
    )
    return [tuple(row) for row in rows]


async def _topics(article_id: int) -> list[tuple[str, int]]:
    rows = (
        await ArticleTopic.filter(article_id=article_id)
        .order_by("position")
        .values_list("topic__name", "position")
    )
    return [(name, position) for name, position in rows]


async def test_created_with_topics_and_mentions(db_session: Settings) -> None:
    await load_catalogue()
    parsed = seed_articles()[0]
    result = await store_article(parsed)
    assert result.status == "created"
    assert result.slug == "belarus-encourages-korean-investors-interested-in-blockchain"
    article = await Article.get(id=result.article_id)
    assert (article.title, article.body, article.standfirst) == (parsed.title, parsed.body, parsed.standfirst)
    assert article.published_at == datetime(2018, 9, 7, tzinfo=UTC)
    assert article.byline is None
    assert article.content_hash == content_hash(parsed)
    assert await _topics(article.id) == [("Blockchain", 0), ("News", 1)]
    assert {slug for (slug,) in await Topic.all().values_list("slug")} == {"blockchain", "news"}
    assert len(await _mentions(article.id)) == 25


async def test_same_text_twice_is_one_article_with_the_same_mentions(db_session: Settings) -> None:
    await load_catalogue()
    parsed = seed_articles()[0]
    first = await store_article(parsed)
    before = (await _mentions(first.article_id), await _topics(first.article_id))
    updated_at = await Article.get(id=first.article_id).values_list("updated_at", flat=True)
    # The same text re-wrapped and re-spaced is still the same article.
    again = await store_article(
        replace(parsed, body=parsed.body.replace(" ", "  ").replace("\n\n", "\n \n\n"))
    )
    assert again == replace(first, status="unchanged")
    assert await Article.all().count() == 1
    assert await Topic.all().count() == 2
    assert (await _mentions(first.article_id), await _topics(first.article_id)) == before
    assert await Article.get(id=first.article_id).values_list("updated_at", flat=True) == updated_at


async def test_same_slug_new_text_updates_in_place_and_relinks(db_session: Settings) -> None:
    await load_catalogue()
    parsed = seed_articles()[0]
    first = await store_article(parsed)
    edited = replace(
        parsed,
        topics=("News", "Diplomacy"),
        body="Aleksandr Lukashenko met Korean investors. Lukashenko said Belarus is open.",
        standfirst="Aleksandr Lukashenko met Korean investors. Lukashenko said Belarus is open.",
        byline="Ann Lee",
    )
    result = await store_article(edited)
    assert result == replace(first, status="updated")
    assert await Article.all().count() == 1
    article = await Article.get(id=first.article_id)
    assert (article.body, article.byline, article.content_hash) == (
        edited.body,
        "Ann Lee",
        content_hash(edited),
    )
    assert await _topics(article.id) == [("News", 0), ("Diplomacy", 1)]
    assert [row[0] for row in await _mentions(article.id)] == [
        "Aleksandr Lukashenko",
        "Korean",
        "Lukashenko",
        "Belarus",
    ]
    assert await store_article(edited) == replace(first, status="unchanged")


async def test_different_titles_are_different_articles(db_session: Settings) -> None:
    one = await store_article(parse_article("One\n\nNews | May 1, 2020\n\nText about Iran."))
    two = await store_article(parse_article("Two\n\nNews, Markets | May 1, 2020\n\nText about Iran."))
    assert (one.status, two.status) == ("created", "created")
    assert one.article_id != two.article_id
    assert await Topic.all().count() == 2
    assert [row[0] for row in await _mentions(two.article_id)] == ["Iran"]


async def test_failure_after_the_article_row_leaves_nothing_behind(db_session: Settings) -> None:
    parsed = ParsedArticle(
        title="A topic too long",
        topics=("News", "x" * 150),  # the parser refuses this; a hand-built ParsedArticle need not
        published_at=datetime(2020, 5, 1, tzinfo=UTC),
        byline=None,
        body="Belarus.",
        standfirst="Belarus.",
    )
    with pytest.raises(ValidationError):
        await store_article(parsed)  # fails on the topics, after the article row was inserted
    assert await Article.all().count() == 0
    assert await Topic.all().count() == 0
    assert await Mention.all().count() == 0


async def test_untitled_text_gets_a_hash_slug(db_session: Settings) -> None:
    result = await store_article(parse_article("???\n\nNews | May 1, 2020\n\nBody."))
    assert re.fullmatch(r"article-[0-9a-f]{12}", result.slug)


async def test_relink_after_the_catalogue_grows(db_session: Settings) -> None:
    result = await store_article(seed_articles()[0])
    assert await Mention.filter(article_id=result.article_id, person_id__not_isnull=True).count() == 0
    await load_catalogue()
    assert await relink_articles() == 25
    assert await Mention.filter(article_id=result.article_id, person_id__not_isnull=True).count() == 6
    assert await relink_articles([result.article_id]) == 25
    assert await Mention.all().count() == 25
    await Person.filter(slug="sergey-popkov").delete()
    assert await relink_articles() == 24


async def test_article_without_topics(db_session: Settings) -> None:
    result = await store_article(parse_article("Untopical\n\n | May 1, 2020\n\nAbout Iran."))
    assert result.status == "created"
    assert await _topics(result.article_id) == []
    assert [row[0] for row in await _mentions(result.article_id)] == ["Iran"]


async def test_statement_count_does_not_grow_with_mentions(db_session: Settings) -> None:
    await load_catalogue()
    # Both name two entities: an article naming one has no co-mention pair to count (one statement less).
    short = parse_article("Short\n\nAlpha | May 1, 2020\n\nBelarus and South Korea.")
    long = parse_article("Long\n\nBeta | May 1, 2020\n\n" + "Belarus and South Korea. " * 200)
    await store_article(parse_article("Warm-up\n\nGamma | May 1, 2020\n\nIran."))  # gazetteer cached
    with count_statements() as few:
        await store_article(short)
    with count_statements() as many:
        await store_article(long)
    assert len(many) == len(few)
    assert await Mention.all().count() == 1 + 2 + 400
