"""A dateline in capitals naming a country (linker.py), a region named by a compass word after a
country's name, a name a possessive owns after a demonym, and a name that a form and a continent
begin together (country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.linker import Gazetteer, find_mentions
from tests.ingest.spans import span_of as _at
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]  # the fixture: every country's forms, the shipped context and given names


@pytest.mark.parametrize(
    ("body", "dateline"),
    [
        ("SINGAPORE — Ships waited to berth.", "SINGAPORE"),
        ("HONG KONG, Dec 4 — Rates rose.", "HONG KONG"),  # a date
        ("MONACO (AP) — The show opened.", "MONACO"),  # an agency
        ("SINGAPORE, Dec. 4 (Reuters) - Prices fell.", "SINGAPORE"),  # both, a hyphen for the dash
        ("BOSNIA AND HERZEGOVINA — Trains ran.", "BOSNIA AND HERZEGOVINA"),  # "and" lower case
        ("LONDON — Rates rose.", None),  # a town
        ("MEXICO CITY — Flights resumed.", None),  # a town named with a country's name
        ("LEBANON, Ohio — The fair opened.", None),  # a town and its state
        ("JORDAN, Minn. — The depot reopened.", None),  # an abbreviated state, no date
        ("CHINESE — a word alone", None),  # a demonym
    ],
)
def test_a_dateline_in_capitals(body: str, dateline: str | None, gazetteer: Gazetteer) -> None:
    found = [m.text for m in find_mentions(body, gazetteer) if m.kind == "country" and m.start == 0]
    assert found == ([] if dateline is None else [dateline])


@pytest.mark.parametrize(
    ("body", "form", "region"),
    [
        ("Rates to the US West Coast rose.", "US", True),  # two words, a compass word first
        ("Farmers in the US Midwest", "US", True),
        ("the American West Coast", "American", True),  # a demonym before two words
        ("Glaciers in the Swiss Alps", "Swiss", True),
        ("flights to Ireland West Airport", "Ireland", False),  # a word after the region
        ("the US Virgin Islands", "US", False),  # no compass word
        ("Tourists in the Jordan Valley", "Jordan", False),  # a name, no compass word
        ("Nelis' Dutch Village, a park,", "Dutch", False),  # a possessive's own place
        ("Europe's Swiss Alps", "Swiss", True),  # a place's possessive
        ("Britain's Scottish Highlands", "Scottish", True),  # a country's possessive
    ],
)
def test_a_region_of_the_country(body: str, form: str, region: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert country_context._before_its_own_region(body, start, end, context) is region


@pytest.mark.parametrize(
    ("body", "form", "named"),
    [
        ("on the China-Europe Railway Express", "China", True),
        ("at the India-Africa Forum Summit", "India", True),
        ("on the China-Europe route", "China", False),  # a common noun after the pair
        ("India-Africa trade rose", "India", False),
        ("the Japan-Korea Marker", "Japan", False),  # two countries: begins_a_hyphened_name's
        ("China to Europe", "China", False),  # no hyphen
    ],
)
def test_hyphened_to_a_regions_name(body: str, form: str, named: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert country_context.hyphened_to_a_regions_name(body, start, end, context) is named
