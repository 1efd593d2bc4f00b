"""A vessel or an animal called one of a plural kind, a calendar's new year, a language alone
before a singular verb, a prepared food's plural and a trade's shop (country_context.py, kitchens.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.kitchens import a_trades_shop


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("The Cuba, one of the first ships to bring settlers, docked.", True),
        ("The Canada, one of the company's ferries, ran aground.", True),
        ("Jordan, one of Whipsnade's camels, was born in 2019.", True),
        ("Peru, one of its three llamas, died.", True),
        ("Peru, one of the largest exporters, raised output.", False),  # no vessel nor animal
        ("Peru, one of the countries, voted.", False),
    ],
)
def test_one_of_a_plural_kind(body: str, named: bool, context: CountryContext) -> None:
    end = body.index(",")
    start = body.rindex(" ", 0, end) + 1 if " " in body[:end] else 0
    assert country_context._an_animal_named(body, start, end, context) is named


@pytest.mark.parametrize(
    ("text", "feast"),
    [
        (" new year rush", True),
        (" lunar new year", True),
        (" Lunar New Year", True),
        (" new yearly plan", False),
    ],
)
def test_a_calendars_new_year(text: str, feast: bool) -> None:
    assert (country_context._NEW_YEAR_AFTER.match(text) is not None) is feast


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("and that Japanese was growing too", True),
        ("now they ask about German, he said", True),
        ("the Japanese was growing", False),  # after an article: not the bare language
        ("ask about German cars", False),  # a noun of its own
    ],
)
def test_a_language_alone(body: str, language: bool, context: CountryContext) -> None:
    form = "Japanese" if "Japanese" in body else "German"
    start = body.index(form)
    before = country_context._word_before(body, start)
    assert country_context._a_language(body, start, start + len(form), context, before) is language


def test_a_prepared_foods_plural_unless_placed(context: CountryContext) -> None:
    body = "The restaurant menu lists Portuguese buns."
    assert country_context._a_cooking_style(body, ["buns"], context)
    assert not country_context._a_cooking_style(body, ["buns"], context, placed=True)
    assert not country_context._a_cooking_style(body, ["ports"], context)  # port, a drink: goods


@pytest.mark.parametrize(
    ("text", "shop"),
    [
        (" barber's next door", True),
        (" butcher's, a bakery", True),
        (" grocer's.", True),
        (" grocer's wife ran", False),
        (" barbers were fined", False),
        (" minister's.", False),
    ],
)
def test_a_trades_shop(text: str, shop: bool) -> None:
    assert a_trades_shop(text, 0) is shop
