"""The five benchmark queries, written once per schema, and how their answers are compared.

PostGraphile 4 and 5 (amber preset, pg-many-to-many, `+list` simple collections) name these
fields alike, so one PostGraphile text serves both. Fields are aliased so every server answers
the same JSON shape, with three differences the comparison takes out (`canonical`):
- gql_news pages are Relay connections (`edges { node }`); PostGraphile's simple collections are
  plain lists (its cheapest form). A connection is compared as the list of its nodes.
- gql_news lists an article's people, countries and organisations distinct, in order of first
  mention in the body; PostGraphile's many-to-many fields (`id IN (SELECT ... FROM mention)`)
  list them distinct by primary key. Entity lists are compared sorted, NOT de-duplicated, so a
  duplicate on either side still fails. Article lists keep their order (newest first on both).
- A gql_news mention has one `entity` (an interface: Person, Organisation or Country);
  PostGraphile's has three nullable foreign keys, asked for as `entityPerson`,
  `entityOrganisation` and `entityCountry`, each with `__typename`. The one that is set becomes
  `entity` (none or two set is a mismatch). An article's mentions are compared sorted (gql_news
  lists them in text order, PostGraphile 4 can only order them by a column an index leads with).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

ENTITY_LISTS = frozenset({"people", "countries", "organisations", "mentions"})
MENTION_ENTITIES = ("entityPerson", "entityOrganisation", "entityCountry")
POSTGRAPHILE = "postgraphile"


@dataclass(frozen=True, slots=True)
class Query:
    """One benchmark query: its text for each server."""

    name: str
    description: str
    gql_news: str
    postgraphile: str

    def text(self, server: str) -> str:
        """The text for a server: gql_news's for gql_news (on any database), else PostGraphile's."""
        return self.postgraphile if server.startswith(POSTGRAPHILE) else self.gql_news


def queries(slug: str, country_code: str, page: int = 20, per_person: int = 10) -> list[Query]:
    """Q1-Q5 for an article slug and a country code picked from the data."""
    slug_literal = json.dumps(slug)
    code_literal = json.dumps(country_code)
    return [
        Query(
            "Q1",
            f"article(slug) -> people -> country, organisations ({slug})",
            f"{{ article(slug: {slug_literal}) {{ people {{ name country {{ name code }} }}"
            " organisations { name } } }",
            f"{{ article: articleBySlug(slug: {slug_literal}) {{"
            " people: peopleByMentionArticleIdAndPersonIdList { name country: countryByCountryId { name code } }"
            " organisations: organisationsByMentionArticleIdAndOrganisationIdList { name } } }",
        ),
        Query(
            "Q2",
            f"{page} newest articles -> people -> country, countries, organisations",
            f"{{ articles(first: {page}, orderBy: PUBLISHED_AT_DESC) {{ edges {{ node {{"
            " people { name country { name code } } countries { name } organisations { name } } } } }",
            f"{{ articles: allArticlesList(first: {page}, orderBy: PUBLISHED_AT_DESC) {{"
            " people: peopleByMentionArticleIdAndPersonIdList { name country: countryByCountryId { name code } }"
            " countries: countriesByMentionArticleIdAndCountryIdList { name }"
            " organisations: organisationsByMentionArticleIdAndOrganisationIdList { name } } }",
        ),
        Query(
            "Q3",
            f"country({country_code}) -> {page} newest articles -> people",
            f"{{ country(code: {code_literal}) {{ articles(first: {page}) {{ edges {{ node {{"
            " people { name } } } } } }",
            f"{{ country: countryByCode(code: {code_literal}) {{"
            f" articles: articlesByMentionCountryIdAndArticleIdList(first: {page}, orderBy: PUBLISHED_AT_DESC) {{"
            " people: peopleByMentionArticleIdAndPersonIdList { name } } } }",
        ),
        Query(
            "Q4",
            f"article(slug) -> people -> their {per_person} newest articles -> countries",
            f"{{ article(slug: {slug_literal}) {{ people {{ name"
            f" articles(first: {per_person}) {{ edges {{ node {{ title countries {{ code }} }} }} }} }} }} }}",
            f"{{ article: articleBySlug(slug: {slug_literal}) {{"
            " people: peopleByMentionArticleIdAndPersonIdList { name"
            f" articles: articlesByMentionPersonIdAndArticleIdList(first: {per_person}, orderBy: PUBLISHED_AT_DESC) {{"
            " title countries: countriesByMentionArticleIdAndCountryIdList { code } } } } }",
        ),
        Query(
            "Q5",
            f"{page} newest articles -> mentions -> entity (named fragment, inline fragments per kind)",
            f"query Q5 {{ articles(first: {page}, orderBy: PUBLISHED_AT_DESC) {{ edges {{ node {{"
            " mentions { ...MentionEntity } } } } }"
            " fragment MentionEntity on Mention { text entity { __typename"
            " ... on Person { name country { code } } ... on Organisation { name } ... on Country { code } } }",
            f"query Q5 {{ articles: allArticlesList(first: {page}, orderBy: PUBLISHED_AT_DESC) {{"
            " mentions: mentionsByArticleIdList { ...MentionEntity } } }"
            " fragment MentionEntity on Mention { text"
            " entityPerson: personByPersonId { __typename name country: countryByCountryId { code } }"
            " entityOrganisation: organisationByOrganisationId { __typename name }"
            " entityCountry: countryByCountryId { __typename code } }",
        ),
    ]


def post_body(query: str) -> str:
    return json.dumps({"query": query}, separators=(",", ":"))


def get_path(query: str, path: str = "/graphql") -> str:
    """The GET URL path of a query: the same string on every request, as a cache would see it."""
    return f"{path}?{urlencode({'query': query})}"


def canonical(value: Any, key: str | None = None) -> Any:
    """The comparable form of a response's `data` (see the module docstring)."""
    if isinstance(value, dict):
        if set(value) == {"edges"} and isinstance(value["edges"], list):
            return [canonical(edge["node"]) for edge in value["edges"]]
        if any(k in value for k in MENTION_ENTITIES):
            value = _one_entity(value)
        return {k: canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        if key in ENTITY_LISTS:
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        return items
    return value


class Mismatch(AssertionError):
    """The two servers answered a query with different data."""


def _one_entity(mention: dict[str, Any]) -> dict[str, Any]:
    """PostGraphile's mention (three nullable entity links) in gql_news's form (one `entity`)."""
    set_ = [mention[k] for k in MENTION_ENTITIES if mention.get(k) is not None]
    if len(set_) != 1:
        raise Mismatch(f"a mention links {len(set_)} entities, not one: {json.dumps(mention)[:500]}")
    rest = {k: v for k, v in mention.items() if k not in MENTION_ENTITIES}
    return {**rest, "entity": set_[0]}


def data_of(server: str, query: Query, response: Any) -> Any:
    """The `data` of a response, or Mismatch when it carries errors or no data."""
    if not isinstance(response, dict) or response.get("errors") or response.get("data") is None:
        raise Mismatch(f"{server} {query.name} answered with errors: {json.dumps(response)[:2000]}")
    return response["data"]


def check_substantial(query: Query, data: Any, page: int) -> None:
    """Both servers answering null (or empty lists) would compare equal and prove nothing."""
    name = query.name
    if name == "Q1":
        article = data.get("article")
        ok = bool(article and article["people"] and article["organisations"])
    elif name == "Q2":
        ok = len(data.get("articles") or []) == page
    elif name == "Q3":
        country = data.get("country")
        ok = bool(country and len(country["articles"]) == page)
    elif name == "Q4":
        article = data.get("article")
        ok = bool(article and article["people"] and all(person["articles"] for person in article["people"]))
    else:
        articles = data.get("articles") or []
        ok = len(articles) == page and all(article["mentions"] for article in articles)
    if not ok:
        raise Mismatch(f"{name} came back too empty to compare: {json.dumps(data)[:500]}")


def compare(query: Query, answers: dict[str, Any], page: int) -> None:
    """Raise Mismatch unless every server's answer has the same canonical data."""
    forms = {server: canonical(data_of(server, query, response)) for server, response in answers.items()}
    for data in forms.values():
        check_substantial(query, data, page)
    (first, expected), *others = forms.items()
    for server, got in others:
        if got != expected:
            raise Mismatch(
                f"{query.name}: {server} and {first} disagree.\n"
                f"{first}: {json.dumps(expected, sort_keys=True)[:3000]}\n"
                f"{server}: {json.dumps(got, sort_keys=True)[:3000]}"
            )
