"""load_demo: the catalogue and the shipped seed, into an empty database, once."""

from __future__ import annotations

from gql_news.ingest.demo import load_demo, seed_files, seed_slug
from gql_news.models import Article, Mention, Organisation, Person, Topic
from gql_news.settings import Settings


def test_seed_ships_inside_the_package() -> None:
    assert [f.name for f in seed_files()] == ["belarus-korea-blockchain.txt"]
    assert seed_slug() == "belarus-encourages-korean-investors-interested-in-blockchain"


async def test_loads_once(db_session: Settings) -> None:
    assert await load_demo() is True
    article = await Article.get(slug=seed_slug())
    assert article.title == "Belarus Encourages Korean Investors Interested In Blockchain"
    counts = (
        await Article.all().count(),
        await Person.all().count(),
        await Organisation.all().count(),
        await Topic.all().count(),
        await Mention.all().count(),
    )
    assert (counts[0], counts[1], counts[3], counts[4]) == (1, 3, 2, 25)
    assert await load_demo() is False
    assert (
        await Article.all().count(),
        await Person.all().count(),
        await Organisation.all().count(),
        await Topic.all().count(),
        await Mention.all().count(),
    ) == counts


async def test_skips_a_database_that_has_articles(db_session: Settings) -> None:
    from gql_news.ingest.parser import parse_article
    from gql_news.ingest.store import store_article

    await store_article(parse_article("Other\n\nNews | May 1, 2020\n\nBody."))
    assert await load_demo() is False
    assert await Person.all().count() == 0
