"""A list of languages before a word of language, a firm's unit named by a firm an apposition
calls a company, a country's abbreviation before a body every state has (country_context.py,
named_bodies.py), a sentence opened by a possessive and a noun for a person, whose subject that
person is, and a name holding a brand's word (candidates.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import candidates, country_context, named_bodies
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.linker import Gazetteer
from tests.ingest.spans import span_of as _at
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]  # the fixture: every country's forms, the shipped context and given names


@pytest.mark.parametrize(
    ("body", "form", "languages"),
    [
        ("trained on French, German and English text", "French", True),
        ("trained on French, German and English text", "German", True),
        ("pupils take French and Spanish lessons", "French", True),
        ("French or Arabic captions on every screen", "French", True),
        ("French and German troops crossed", "French", False),  # no word of language after the list
        ("French, German and Italian banks", "French", False),
        ("Leaders in France, Germany and Spain text each other", "France", False),  # no language
        ("French officials and the text of the deal", "French", False),  # no list
        ("French", "French", False),  # nothing after the form
    ],
)
def test_a_list_of_languages_before_a_word_of_language(
    body: str, form: str, languages: bool, context: CountryContext
) -> None:
    _, end = _at(body, form)
    assert country_context._a_list_of_languages_before_a_word_of_language(body, end, context) is languages


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("Safaricom Ethiopia grew. Safaricom, Kenya's largest company, is owned by Vodacom.", True),
        ("Vodacom Congo lost customers. Vodacom, the South African operator, blamed it.", True),
        ("Jumia Nigeria cut prices. Jumia, the online retail group, has struggled.", True),
        ("Safaricom Ethiopia grew. Safaricom, a town in the hills, is small.", False),  # no firm's noun
        ("Safaricom Ethiopia grew.", False),  # the word is written only before the country
    ],
)
def test_a_firms_unit_by_an_apposition_after(body: str, unit: bool, context: CountryContext) -> None:
    first = body.split()[0]
    start = len(first) + 1
    assert named_bodies._a_firms_unit(body, start, first, context) is unit


@pytest.mark.parametrize(
    ("body", "form", "name"),
    [
        ("The US Treasury on Thursday imposed sanctions.", "US", False),  # the state's treasury
        ("The UK Treasury said borrowing rose.", "UK", False),
        ("The Indian Government said.", "Indian", False),  # a demonym, as before
        ("Tickets for the US Open sold out.", "US", True),  # no body every state has
        ("The UK Athletics chairman resigned.", "UK", True),
    ],
)
def test_a_countrys_abbreviation_before_a_states_body(
    body: str, form: str, name: bool, context: CountryContext
) -> None:
    start, end = _at(body, form)
    assert country_context._a_proper_names_first_word(body, start, end, form, context) is name


@pytest.mark.parametrize(
    ("body", "other"),
    [
        ("Its chief executive, Sunil Taldar, said", True),  # a role of two words
        ("His lawyer said nothing", True),
        ("Their spokesmen declined to comment", True),  # a plural role
        ("Its shares rose 4 per cent", False),  # no noun for a person
        ("His Excellency arrived", False),  # a capitalised word after the determiner
        ("and its chief executive said", False),  # no sentence opens with it
    ],
)
def test_someone_elses_subject(body: str, other: bool) -> None:
    tokens = candidates._tokens(body, [])
    k = next(k for k, token in enumerate(tokens) if token.lower in ("its", "his", "their"))
    assert candidates._someone_elses_subject(body, tokens, k) is other


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("QuietComfort Ultra", True),  # a capital inside a word no dictionary knows
        ("Bose QuietComfort", True),
        ("Marc LeBlanc", False),  # a surname's prefix
        ("Ian MacRae", False),
        ("DeShawn Carter", False),
        ("Sunil Taldar", False),  # no capital inside a word
    ],
)
def test_a_brands_word(text: str, brand: bool, gazetteer: Gazetteer) -> None:
    assert candidates._a_brands_word(text, gazetteer) is brand
