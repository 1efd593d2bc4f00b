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
        belongs=f"EXISTS (SELECT 1 FROM mention x WHERE x.article_id = t.id AND x.{fk} = {{key}})",
        link=f"SELECT DISTINCT {fk} AS k, article_id AS id FROM mention WHERE {fk} IN {{keys}}",
    )


def _owned_by(fk: str, table: str) -> Source:
    owner = PERSON if table == "person" else ORGANISATION
    return Source(
        owner, belongs=f"t.{fk} = {{key}}", link=f"SELECT {fk} AS k, id FROM {table} WHERE {fk} IN {{keys}}"
    )


ARTICLES_OF_PERSON = _mentioned_in("person_id")
ARTICLES_OF_ORGANISATION = _mentioned_in("organisation_id")
ARTICLES_OF_COUNTRY = _mentioned_in("country_id")
ARTICLES_OF_TOPIC = Source(
    ARTICLE,
    belongs="EXISTS (SELECT 1 FROM article_topic x WHERE x.article_id = t.id AND x.topic_id = {key})",
    link="SELECT topic_id AS k, article_id AS id FROM article_topic WHERE topic_id IN {keys}",
)
PEOPLE_OF_COUNTRY = _owned_by("country_id", "person")
ORGANISATIONS_OF_COUNTRY = _owned_by("country_id", "organisation")
