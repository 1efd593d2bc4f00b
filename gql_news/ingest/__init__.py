"""Text in, linked news graph out: parse articles, load reference data, link entities, store.

Nothing here imports GraphQL; the CLI and the GraphQL mutations share these functions.
"""

from gql_news.ingest.catalogue import CatalogueError, CatalogueResult, load_catalogue
from gql_news.ingest.countries import load_countries
from gql_news.ingest.demo import load_demo, seed_slug
from gql_news.ingest.linker import Gazetteer, GazetteerEntry, LinkedMention, build_gazetteer, find_mentions
from gql_news.ingest.parser import ArticleFormatError, ParsedArticle, parse_article
from gql_news.ingest.store import StoreResult, relink_articles, store_article, store_articles

__all__ = [
    "ArticleFormatError",
    "CatalogueError",
    "CatalogueResult",
    "Gazetteer",
    "GazetteerEntry",
    "LinkedMention",
    "ParsedArticle",
    "StoreResult",
    "build_gazetteer",
    "find_mentions",
    "load_catalogue",
    "load_countries",
    "load_demo",
    "parse_article",
    "relink_articles",
    "seed_slug",
    "store_article",
    "store_articles",
]
