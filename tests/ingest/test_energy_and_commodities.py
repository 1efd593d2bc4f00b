"""A campaign's name of a capitalised word, "in" and a country (named_bodies.py), a name ending
with "Limited" (a firm's, no person: cue_words.py), a point of the compass opening a name as no
person's role ("West Texas Intermediate": candidates.py), and a verb in -ed between a demonym's
noun and a shop's noun read as a clause, not a dish's shop (kitchens.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.kitchens import _a_cooked_food
from gql_news.ingest.named_bodies import a_campaigns_name
from tests.ingest.spans import span_of as _at
from tests.ingest.test_candidates import found

_OF_A_NATION = frozenset(["embassy", "government"])


@pytest.mark.parametrize(
    ("body", "form", "campaign"),
    [
        ("the government's Make in India drive", "India", True),
        ("The Make in India programme began.", "India", True),
        ("the Study in Australia campaign", "Australia", True),
        ("the farmers' Grow in Ghana scheme", "Ghana", True),
        ("The Embassy in Japan plan was dropped.", "Japan", False),  # a state's body
        ("the Government in Kenya plan", "Kenya", False),
        ("the Mark in Germany programme", "Germany", False),  # a given name
        ("Investment in India drive costs up.", "India", False),  # no "the" nor a possessive
        ("the visit in Kenya plan", "Kenya", False),  # no capitalised word
        ("the Make in India", "India", False),  # no campaign's noun after it
        ("Firms joined Make in India in 2015.", "India", False),
        ("the Make in India plans", "India", False),  # a verb, not the noun
    ],
)
def test_a_campaigns_name(body: str, form: str, campaign: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert a_campaigns_name(body, start, end, context, _OF_A_NATION) is campaign


@pytest.mark.parametrize(
    ("words", "cooked"),
    [
        (["fried", "chicken"], True),  # "Korean fried chicken shops"
        (["food"], True),  # "a Nigerian food stall"
        (["smoked", "fish"], True),
        (["lambs", "reached"], False),  # "British lambs reached shops": a verb after the food
        (["cheeses", "filled"], False),
        (["beef"], False),  # "Argentine beef stalls": the country's produce
    ],
)
def test_a_cooked_food_before_a_shop(words: list[str], cooked: bool, context: CountryContext) -> None:
    assert _a_cooked_food(words, context.foods) is cooked


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("Prices fell when British lambs reached shops.", "British", False),
        ("Spanish cheeses filled shops after the tariff went.", "Spanish", False),
        ("They ate at a Spanish tapas bar in Leeds.", "Spanish", True),
        ("The Korean fried chicken shops were busy.", "Korean", True),
    ],
)
def test_a_verb_before_a_shop_is_a_clause(
    body: str, form: str, expected: bool, context: CountryContext
) -> None:
    start, end = _at(body, form)
    assert country_context.not_the_country(body, start, end, context) is expected


@pytest.mark.parametrize(
    "text",
    [
        "India's deal with Indian Potash Limited covers 1.5 million tonnes.",
        "Imports by Sahyadri Potash Limited rose.",
    ],
)
def test_a_name_ending_with_limited_is_no_person(text: str) -> None:
    assert all(kind != "person" for _, kind, _ in found(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brent rose, while West Texas Intermediate gained 0.5%.", []),  # a compass word, no role
        ("Trains on the West Coast Main Line were cancelled.", []),
        ("Westerner John Smith said it was over.", [("John Smith", "person", "westerner")]),
        ("Undersecretary Hamid Rahimi said so.", [("Hamid Rahimi", "person", "undersecretary")]),
    ],
)
def test_a_point_of_the_compass_opens_no_role(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected
