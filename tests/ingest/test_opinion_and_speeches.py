"""A place's name that hyphens and a linking word join, a variety of a language, a name of three
words ending with a country form, a clause after a people's name, a country's mission named by
its name, and a demonym after "a" where a person bears it as a surname (country_context.py)."""

from __future__ import annotations

import re

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "place"),
    [
        ("Holland-on-Sea, Essex", "Holland", True),  # the form first
        ("Jersey-on-the-Wold was cut off.", "Jersey", True),  # "the" after the link
        ("Investment in Île-de-France rose.", "France", True),  # the form last
        ("made-in-China goods", "China", False),  # "in" joins no place's name before a form
        ("a France-on-sea plan", "France", False),  # a lower-case word after the link
        ("the île-de-France", "France", False),  # the word before the link is lower case
        ("Guinea-Bissau voted.", "Guinea", False),  # no linking word
    ],
)
def test_a_hyphened_place_name(body: str, form: str, place: bool) -> None:
    start, end = _at(body, form)
    assert country_context.in_a_hyphened_place_name(body, start, end) is place


@pytest.mark.parametrize(
    ("body", "form", "variety"),
    [
        ("because European Portuguese sounds nothing like it", "Portuguese", True),
        ("she spoke Swiss German at home", "German", True),  # a demonym before the language
        ("the Swiss German border", "German", False),  # a noun after the pair
        ("the european Portuguese", "Portuguese", False),  # the variety's word in lower case
        ("the new Portuguese", "Portuguese", False),  # no variety's word
        ("Portuguese", "Portuguese", False),  # no word before
    ],
)
def test_a_languages_variety(body: str, form: str, variety: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    before = country_context._word_before(body, start)
    assert country_context._a_languages_variety(body, start, end, before, context) is variety


@pytest.mark.parametrize(
    ("body", "form", "named"),
    [
        ("quoted Pierre Mendès France on choosing", "France", True),
        ("quoted Mendès France on choosing", "France", False),  # no given name before the word
        ("Vladimir Putin's Russia", "Russia", False),  # a possessive
        ("Elon Musk China", "China", False),  # "musk" is a known word
        ("Anna Marie Jordan", "Jordan", False),  # a second given name
        ("Mr. Mendès France", "France", False),  # "Mr." no given name
        ("the green Mendès France", "France", False),  # a lower-case word before
        ("Pierre Mendès  France", "France", False),  # two spaces: no name's words
    ],
)
def test_a_given_name_and_a_surname_before(
    body: str, form: str, named: bool, context: CountryContext
) -> None:
    start, _ = _at(body, form)
    previous = re.search(r"(\S+)\s+$", body[:start])
    assert previous is not None
    assert (
        country_context._a_given_name_and_a_surname_before(body, start, previous.group(1), context) is named
    )


def test_a_clause_ends_a_peoples_phrase(context: CountryContext) -> None:
    body = "asked the Norwegians whether they wanted us"
    _, end = _at(body, "Norwegians")
    assert country_context._phrase_after(body, end, context) == ([], end)


@pytest.mark.parametrize(
    ("body", "mission"),
    [
        ("the Nigeria High Commission said", True),
        ("the Ghana Embassy said", True),
        ("the Kenya Consulate said", True),
        ("the Kenya Airways flight", False),
        ("the Kenya High Court", False),
    ],
)
def test_a_mission_after(body: str, mission: bool) -> None:
    _, end = _at(body, body.split()[1])
    assert (country_context._A_MISSION_AFTER.match(body, end) is not None) is mission


@pytest.mark.parametrize(
    ("body", "surname"),
    [
        ("Ben Welsh scored. It was a Welsh crowd that cheered.", False),  # an adjective after "a"
        ("Ben Welsh scored. Welsh said he was tired.", True),  # the surname again
    ],
)
def test_a_demonym_after_an_article_is_no_surname(body: str, surname: bool, context: CountryContext) -> None:
    start, _ = _at(body, "Welsh", 1)
    previous = country_context._word_before(body, start)
    assert country_context._in_a_name(body, start, "Welsh", previous, context, frozenset()) is surname
