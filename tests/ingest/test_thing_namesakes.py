"""Things named like a country and called by that name again (country_context.py, namesakes.py):
a ship's noun after figures, a ship's verb with its object, "aboard" or "on board" before the
name, a business's apposition with figures or a participle, a work "called" so, and the country's
land after its possessive in a story of its namesake."""

from __future__ import annotations

import re

import pytest

from gql_news.ingest import country_context, namesakes
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "relative"),
    [
        ("the ferry Latvia made her last scheduled crossing", False),
        ("the schooner Jamaica won the race and was cheered", False),
        ("the tanker Iran held for months was released", True),
        ("the tanker Iran seized the previous week was released", True),
        ("the tanker Iran seized the day before was released", True),
    ],
)
def test_a_verb_with_its_object_opens_no_relative_clause(
    body: str, relative: bool, context: CountryContext
) -> None:
    form = body.split()[2]
    _, end = _at(body, form)
    assert country_context._the_subject_of_a_relative(body, end, context) is relative


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ("The 1912 schooner ", True),
        ("The 100-foot ketch ", True),
        ("the veteran American soft-rock band ", True),
        ("The 1912 census ", False),
    ],
)
def test_figures_among_a_ships_modifiers(before: str, kind: bool, context: CountryContext) -> None:
    found = country_context._DETERMINER_MODIFIERS_AND_WORD_BEFORE.search(before)
    assert found is not None
    assert (found.group(2) in context.named_kinds) is kind


@pytest.mark.parametrize(
    ("body", "defines"),
    [
        ("Passengers were aboard Latvia for the final sailing.", True),
        ("On board Latvia in her first winter were the delegates.", True),
        ("The unions are on board with Latvia's plan.", False),
        ("Aid from abroad reached Latvia on Monday.", False),
    ],
)
def test_aboard_defines_a_vessel(body: str, defines: bool, context: CountryContext) -> None:
    start, _ = _at(body, "Latvia")
    found = re.search(r"([^\W\d_]+)[^\S\n]+$", body[:start])
    previous = found.group(1) if found else None
    assert country_context._defines(body, start, "Latvia", previous, context) is defines


@pytest.mark.parametrize(
    ("body", "form", "business"),
    [
        ("Belize, the 120-room hotel at the end of the strip, reopened.", "Belize", True),
        ("Mongolia, the cashmere retailer founded in Copenhagen, opened a shop.", "Mongolia", True),
        ("Georgia, a 40-seat restaurant on Mare Street, won an award.", "Georgia", True),
        ("Mexico, the biggest market for carmakers in the region, cut tariffs.", "Mexico", False),
        ("Vietnam, a 100-million-strong market, drew investors.", "Vietnam", False),
    ],
)
def test_a_business_apposition_with_figures_or_a_participle(body: str, form: str, business: bool) -> None:
    assert country_context._called_a_business(body, form) is business


@pytest.mark.parametrize(
    ("body", "form", "nth", "country"),
    [
        ("Mongolia, the retailer, buys fibre in Mongolia's Gobi provinces.", "Mongolia", 1, True),
        ("Georgia, a restaurant, serves the food of Georgia's mountains.", "Georgia", 1, True),
        (
            "Iceland, the supermarket chain, said Iceland's east London stores would open.",
            "Iceland",
            1,
            False,
        ),
        ("Iceland, the supermarket chain, said Iceland's frozen food aisles were full.", "Iceland", 1, False),
    ],
)
def test_the_countrys_land_after_its_possessive(
    body: str, form: str, nth: int, country: bool, context: CountryContext
) -> None:
    start, end = _at(body, form, nth)
    assert namesakes.marked_beside_its_namesake(body, start, end, context) is country


@pytest.mark.parametrize(
    ("body", "called"),
    [
        ("A ballad called Albania topped the charts.", True),
        ("An album called Peru is out.", True),
        ("A country called Jordan lies east of the river.", False),
    ],
)
def test_a_work_called_by_a_countrys_name(body: str, called: bool, context: CountryContext) -> None:
    form = body.split()[3]
    start, end = _at(body, form)
    assert country_context._called_by_its_kind(body, start, end, context) is called
