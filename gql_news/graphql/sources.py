"""Where each list's rows come from: top-level tables and the links from a parent."""

from __future__ import annotations

from gql_news.graphql.lists import Source
from gql_news.graphql.tables import ARTICLE, COUNTRY, ORGANISATION, PERSON, TOPIC

ARTICLES = Source(ARTICLE)
PEOPLE = Source(PERSON)
ORGANISATIONS = Source(ORGANISATION)
COUNTRIES = Source(COUNTRY)
TOPICS = Source(TOPIC)


def _mentioned_in(fk: str) -> Source:
    return Source(
        ARTICLE,
        link=f"SELECT DISTINCT {fk} AS k, article_id AS id FROM mention WHERE {fk} IN {{keys}}",
    )


ARTICLES_OF_PERSON = _mentioned_in("person_id")
ARTICLES_OF_ORGANISATION = _mentioned_in("organisation_id")
ARTICLES_OF_COUNTRY = _mentioned_in("country_id")
ARTICLES_OF_TOPIC = Source(
    ARTICLE, link="SELECT topic_id AS k, article_id AS id FROM article_topic WHERE topic_id IN {keys}"
)
PEOPLE_OF_COUNTRY = Source(PERSON, fk="country_id")
ORGANISATIONS_OF_COUNTRY = Source(ORGANISATION, fk="country_id")
