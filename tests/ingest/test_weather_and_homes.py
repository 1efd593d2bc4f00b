"""A tectonic plate named after a country in a body about earthquakes, a period's adjective listed
with other periods' before a building, and a given name opening an organisation's name WordNet
gives (country_context.py, named_bodies.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.named_bodies import an_organisations_name
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("After the earthquake, the Indian plate was said to have moved.", "Indian", True),
        ("Seismologists say the Philippine plates are locked.", "Philippine", True),
        ("Geologists mapped where the Australian plate dives.", "Australian", True),
        ("The Indian plate pushes north by five centimetres a year.", "Indian", False),  # no quake talk
        ("After the earthquake, a Turkish plate of meze was served.", "Turkish", False),  # "plate of"
        ("After the earthquake, Chinese number plates were seen.", "Chinese", False),
        ("After the earthquake, Indian planes carried tents.", "Indian", False),
        # a given name opening an organisation's name WordNet gives: that body's national society
        ("The British Red Cross launched an appeal.", "British", True),
        ("The American Red Cross opened shelters.", "American", True),
        ("The American Hope Solo saved a penalty.", "American", False),  # a person's nationality
        ("The Kenyan William Ruto arrived.", "Kenyan", False),
    ],
)
def test_a_tectonic_plate_or_an_organisations_national_body(
    body: str, form: str, expected: bool, context: CountryContext
) -> None:
    start, end = _at(body, form)
    assert country_context.not_the_country(body, start, end, context) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" and Edwardian houses", True),
        (" or early Victorian townhouses", True),
        (", Regency and Victorian terraces", True),
        (" and Edwardian officials", False),  # no building
        (" and Armenian houses", False),  # a demonym: the shared-noun rule reads it
        (" houses", False),  # a noun of its own: the period rule reads it
        (" and Edwardian", False),  # no noun
    ],
)
def test_a_building_after_other_periods(text: str, expected: bool, context: CountryContext) -> None:
    body = "Georgian" + text
    assert country_context._a_building_after_other_periods(body, len("Georgian"), context) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Red", "Cross", True),
        ("Salvation", "Army", True),
        ("Peace", "Corps", True),
        ("red", "cross", True),  # any case
        (
            "Red",
            "Crescent",
            True,
        ),  # the movement's other name, which WordNet lacks (scripts/body_name_words.py)
        ("Red", "Crystal", False),
        ("Hope", "Solo", False),  # a person
        ("William", "Ruto", False),
    ],
)
def test_an_organisations_name(first: str, second: str, expected: bool) -> None:
    assert an_organisations_name(first, second) is expected
