"""The demo content: the shipped entity catalogue and seed article(s), for an empty database.

The seed files live inside the package (gql_news/data/seed) and are read with importlib.resources,
so a fresh clone or an installed wheel has them without the repository's shared/ folder.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources.abc import Traversable

from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.parser import ParsedArticle, parse_article
from gql_news.ingest.resources import data_file
from gql_news.ingest.store import article_slug, content_hash, store_article
from gql_news.models import Article


def seed_files() -> list[Traversable]:
    """The shipped seed articles (gql_news/data/seed/*.txt), in file-name order."""
    files = [f for f in data_file("seed").iterdir() if f.is_file() and f.name.endswith(".txt")]
    return sorted(files, key=lambda f: f.name)


@lru_cache(maxsize=1)
def seed_articles() -> tuple[ParsedArticle, ...]:
    """The seed articles, parsed (once per process)."""
    return tuple(parse_article(f.read_text(encoding="utf-8")) for f in seed_files())


def seed_slug() -> str:
    """The slug the first seed article gets when stored: what GraphiQL's example query opens on."""
    first = seed_articles()[0]
    return article_slug(first.title, content_hash(first))


async def load_demo() -> bool:
    """Load the catalogue and store the seed articles when the database holds no article at all.

    Returns whether it loaded anything. Countries come first and separately (`load_countries`).
    Each step is idempotent, so a run interrupted half-way is completed by the next one.
    """
    if await Article.exists():
        return False
    await load_catalogue()
    for parsed in seed_articles():
        await store_article(parsed)
    return True
