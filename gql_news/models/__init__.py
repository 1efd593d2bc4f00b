"""Tortoise models of the news graph. Nothing here imports GraphQL."""

from gql_news.models.articles import Article, ArticleTopic, Topic
from gql_news.models.entities import Country, Organisation, Person, PersonOrganisation
from gql_news.models.mentions import Mention
from gql_news.models.versions import DataVersion

__all__ = [
    "Article",
    "ArticleTopic",
    "Country",
    "DataVersion",
    "Mention",
    "Organisation",
    "Person",
    "PersonOrganisation",
    "Topic",
]
