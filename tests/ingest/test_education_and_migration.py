"""A number written with commas after a country's comma, a plural in "-ies" after a demonym, a
language taught to someone, at a framework level or as the teaching, and a body a people names
with "in" or "for" (country_context.py, namesakes.py, named_bodies.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.named_bodies import a_peoples_body
from gql_news.ingest.namesakes import a_firm_called_by_a_demonym
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("In Nepal, 1,600 dollars is a lot.", "Nepal", False),  # a number's first digits
        ("In Sudan, 12,000 people fled.", "Sudan", False),
        ("In Peru, 250,000 pupils sat it.", "Peru", False),
        ("Jordan, 19, scored twice.", "Jordan", True),  # an age
        ("Chad, 7, was rescued.", "Chad", True),
    ],
)
def test_an_age_is_no_number_with_commas(
    body: str, form: str, expected: bool, context: CountryContext
) -> None:
    start, end = _at(body, form)
    assert country_context.not_the_country(body, start, end, context) is expected


def _organisation(text: str, end: int) -> bool:
    return text.startswith((" Funding Council", " Institutes of Technology", " Air Shuttle"), end)


@pytest.mark.parametrize(
    ("body", "nth", "firm"),
    [
        ("The Scottish Funding Council pays, with Scottish universities.", 1, False),  # a plural noun
        ("Indian Institutes of Technology left; Indian universities stayed.", 1, False),
        ("Kenyan Air Shuttle flies. Kenyan agencies said so.", 1, False),
        ("Norwegian Air Shuttle flies. Norwegian already carries more.", 1, True),  # a verb after "already"
        ("Norwegian Air Shuttle flies. Norwegian will sell seats.", 1, True),  # a modal
    ],
)
def test_a_plural_in_ies_is_no_firms_verb(body: str, nth: int, firm: bool, context: CountryContext) -> None:
    form = body.split()[1] if body.startswith("The ") else body.split()[0]
    start, end = _at(body, form, nth)
    assert a_firm_called_by_a_demonym(body, start, end, context, _organisation) is firm


@pytest.mark.parametrize(
    ("body", "form", "language"),
    [
        ("The grandmothers teach me Japanese, and I sing.", "Japanese", True),
        ("Her mother taught us French on Sundays.", "French", True),
        ("He will teach them Spanish before the trip.", "Spanish", True),
        ("He taught them Russian songs.", "Russian", False),  # a noun of its own after it
        ("The army taught them German tactics.", "German", False),
        ("Nurses must pass a B2 German exam.", "German", True),
        ("Applicants need C1 French to enrol.", "French", True),
        ("Passengers at Gate B Italian airports waited.", "Italian", False),  # no digit: no level
        ("The state funded Irish teaching in universities.", "Irish", True),
        ("More Japanese teaching, the ministry said.", "Japanese", True),
        ("She trained at a German teaching hospital.", "German", False),  # a noun after "teaching"
    ],
)
def test_a_language_taught(body: str, form: str, language: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert country_context.not_the_country(body, start, end, context) is language


@pytest.mark.parametrize(
    ("body", "form", "body_name"),
    [
        ("The Nigerians in Diaspora Commission says so.", "Nigerians", True),
        ("The Kenyans for Peace Network marched.", "Kenyans", True),
        ("Ukrainians in Exile and Refugee Council members met.", "Ukrainians", True),  # two words joined
        ("Thousands of Nigerians in Lagos Trade Union offices struck.", "Nigerians", False),  # a place first
        ("Indians in Britain Association members met.", "Indians", False),  # a country first
        ("Most Syrians in Germany are refugees.", "Syrians", False),  # no body's noun
        ("The Nigerian in Diaspora Commission says so.", "Nigerian", False),  # not a plural
        ("Kenyans in Nairobi marched.", "Kenyans", False),
    ],
)
def test_a_peoples_body(body: str, form: str, body_name: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert a_peoples_body(body, start, end, context) is body_name
