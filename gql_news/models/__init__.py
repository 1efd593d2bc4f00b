"""Tortoise models of the news graph. Nothing here imports GraphQL."""

from gql_news.models.articles import Article, ArticleTopic, Topic
from gql_news.models.candidates import CandidateKind, CandidateStatus, EntityCandidate
from gql_news.models.entities import Country, Organisation, Person, PersonOrganisation
from gql_news.models.mentions import Mention
from gql_news.models.neighbours import ArticleNeighbour
from gql_news.models.quotes import Quote
from gql_news.models.tokens import ApiToken
from gql_news.models.versions import CatalogueVersion, DataVersion

__all__ = [
    "ApiToken",
    "Article",
    "ArticleNeighbour",
    "ArticleTopic",
    "CandidateKind",
    "CandidateStatus",
    "CatalogueVersion",
    "Country",
    "DataVersion",
    "EntityCandidate",
    "Mention",
    "Organisation",
    "Person",
    "PersonOrganisation",
    "Quote",
    "Topic",
]
