"""The three benchmark queries, written once per schema, and how their answers are compared.

Fields are aliased so both servers answer the same JSON shape, with two differences the
comparison takes out (`canonical`):
- gql_news pages are Relay connections (`edges { node }`); PostGraphile's simple collections are
  plain lists (its cheapest form). A connection is compared as the list of its nodes.
- gql_news lists an article's people, countries and organisations distinct, in order of first
  mention in the body; PostGraphile's many-to-many fields (`id IN (SELECT ... FROM mention)`)
  list them distinct by primary key. Entity lists are compared sorted, NOT de-duplicated, so a
  duplicate on either side still fails. Article lists keep their order (newest first on both).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

ENTITY_LISTS = frozenset({"people", "countries", "organisations"})


@dataclass(frozen=True, slots=True)
class Query:
    """One benchmark query: its text for each server."""

    name: str
    description: str
    gql_news: str
    postgraphile: str

    def text(self, server: str) -> str:
        return self.gql_news if server == "gql_news" else self.postgraphile


def queries(slug: str, country_code: str, page: int = 20) -> list[Query]:
    """Q1-Q3 for an article slug and a country code picked from the data."""
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
        return {k: canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        if key in ENTITY_LISTS:
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        return items
    return value


class Mismatch(AssertionError):
    """The two servers answered a query with different data."""


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
    else:
        country = data.get("country")
        ok = bool(country and len(country["articles"]) == page)
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
