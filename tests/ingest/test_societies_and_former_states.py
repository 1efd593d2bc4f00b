"""A society named by its members' plural noun and "of" a country ("the Friends of Malawi") and a
place whose hyphened name holds a country's ("Austria-Hungary") (named_bodies.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.named_bodies import a_members_society, in_a_hyphened_places_name
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "society"),
    [
        ("The Friends of Malawi opened a well.", "Malawi", True),  # "The" opens the sentence
        ("He chairs Friends of Malawi now.", "Malawi", True),  # capitalised inside a sentence
        ("He chairs the Friends of the Congo group.", "Congo", True),  # "of the"
        ("Friends of Malawi opened a well.", "Malawi", False),  # a sentence's first word
        ("He left. Leaders of France met.", "France", False),  # after a stop
        ("He said: “Citizens of Ukraine may stay.”", "Ukraine", False),  # after a quotation mark
        ("Two Prime Ministers of Canada came.", "Canada", False),  # a title
        ("He met the Christians of Iraq.", "Iraq", False),  # a people's name, capitalised in WordNet
        ("He met the Cities of Spain group.", "Spain", False),  # no noun for people
        ("He met the friends of Malawi.", "Malawi", False),  # lower case
        ("He flew to Malawi.", "Malawi", False),  # no "of" before
        ("He went to the north of Malawi.", "Malawi", False),  # no plural noun before "of"
    ],
)
def test_a_members_society(body: str, form: str, society: bool) -> None:
    start, _ = _at(body, form)
    assert a_members_society(body, start) is society


@pytest.mark.parametrize(
    ("body", "form", "place"),
    [
        ("Austria-Hungary fell in 1918.", "Austria", True),  # the form before the hyphen
        ("Austria-Hungary fell in 1918.", "Hungary", True),  # the form after it
        ("The Monaco-Ville quarter is old.", "Monaco", True),  # a town
        ("The India-Pakistan border is shut.", "India", False),  # two countries, no place of WordNet
        ("The India-Pakistan border is shut.", "Pakistan", False),
        ("Talks in Austria ended.", "Austria", False),  # no hyphen
        ("The Austria-based firm grew.", "Austria", False),  # a word in lower case
    ],
)
def test_in_a_hyphened_places_name(body: str, form: str, place: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert in_a_hyphened_places_name(body, start, end, context) is place


def test_a_countrys_own_hyphened_name_is_no_other_place(context: CountryContext) -> None:
    """WordNet names Guinea-Bissau as a place, but it is a country's own name."""
    body = "Guinea-Bissau voted."
    assert "Guinea-Bissau" in context.place_names
    assert in_a_hyphened_places_name(body, 0, 6, context) is False
