"""A country's name the body makes a firm's by the noun before it, a firm's short name, a dish
named after a country, and a language before its letters (country_context.py, namesakes.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext, shipped_country_context
from gql_news.ingest.namesakes import a_place_a_firm_is_not


@pytest.fixture(scope="module")
def context() -> CountryContext:
    return shipped_country_context()


@pytest.mark.parametrize(
    ("body", "called"),
    [
        ("The frozen food chain Iceland said sales rose.", True),
        ("The Leeds pub Iceland, which reopened, sells rum.", True),
        ("The retailer Iceland's shares fell.", True),
        ("The company Iceland said was at fault paid a fine.", False),  # a clause's verb after "said"
        ("The largest retailer in Iceland said sales rose.", False),  # "in" between: the country
        ("The chain Iceland opened a store.", False),  # no firm's clause after the name
        ("Iceland, the supermarket chain, said sales rose.", True),  # the apposition, as before
    ],
)
def test_a_business_named_by_the_noun_before_it(body: str, called: bool) -> None:
    assert country_context._called_a_business(body, "Iceland") is called


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("It has never had a shop in Iceland.", True),
        ("It opened two warehouses in Iceland.", True),
        ("It sells fish from Iceland.", True),
        ("Shoppers in Iceland queued for prawn rings.", False),  # "in" alone: the firm's shops too
        ("Its stores in Iceland's car parks are new.", False),  # a possessive after it
    ],
)
def test_a_firms_premises_stand_in_a_place(body: str, place: bool) -> None:
    start = body.index("Iceland")
    assert a_place_a_firm_is_not(body, start, start + len("Iceland")) is place


@pytest.mark.parametrize(
    ("body", "form", "previous", "short"),
    [
        (
            "Holland America Line sails. Holland America, which is owned by Carnival, grew.",
            "America",
            "Holland",
            True,
        ),
        (
            "Holland America sails. Holland America, which is owned by Carnival, grew.",
            "America",
            "Holland",
            False,
        ),
        ("Norwegian Cruise Line sails. Norwegian will base a ship in Miami.", "Norwegian", None, True),
        ("Norwegian Cruise Line sails. Shares of Norwegian rose 4%.", "Norwegian", None, True),
        ("Norwegian Air Shuttle flies. Norwegian has repaid its loans.", "Norwegian", None, True),
        ("Norwegian Cruise Line sails. Norwegian passengers were happy.", "Norwegian", None, False),
        ("Norwegian Cruise Line sails. The Norwegian said so.", "Norwegian", "The", False),
        ("Norwegian Cruise Line sails. French and Norwegian.", "Norwegian", None, False),  # no word after
        ("The Norwegian Sea is rough. Norwegian will sail.", "Norwegian", None, False),  # a sea's name
        ("The Norwegian Prime Minister spoke. Norwegian will sail.", "Norwegian", None, False),  # a title
        ("Singapore Airlines flies. Flights to Singapore rose.", "Singapore", None, False),
        ("In Singapore Airlines news, In Singapore it rained.", "Singapore", "In", False),  # a function word
    ],
)
def test_a_short_name_of_a_longer_name(
    body: str, form: str, previous: str | None, short: bool, context: CountryContext
) -> None:
    start = body.rindex(form)
    assert (
        country_context._short_for_a_longer_name(body, start, start + len(form), previous, context) is short
    )


@pytest.mark.parametrize(
    ("body", "dish"),
    [
        ("Singapore noodles were on the menu at the restaurant.", True),
        ("Singapore noodles were the most ordered takeaway.", False),  # no word of cooking in the body
        ("Singapore curry sold out at the restaurant.", True),
        ("Singapore rice sold out at the restaurant.", False),  # a plant as well: produce
        ("Imports of Singapore noodles rose, the restaurant's chef said.", False),  # a sentence of trade
        ("Singapore noodles prices rose, the restaurant's chef said.", False),  # its last noun no food
        ("Singapore is on the menu.", False),  # no noun after the name
    ],
)
def test_a_dish_named_after_a_country(body: str, dish: bool, context: CountryContext) -> None:
    end = len("Singapore")
    words, phrase_end = country_context._phrase_after(body, end, context)
    nouns = country_context._without_verbs(words, context)
    assert country_context._a_dish_named_after(body, 0, phrase_end, nouns, context) is dish


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("The risks are named after Greek letters.", True),
        ("Signs use Cyrillic and Greek alphabets.", True),
        ("He carried a Greek letter of protest.", False),  # one letter: as often one from the country
    ],
)
def test_a_language_before_its_letters(body: str, language: bool) -> None:
    end = body.index("Greek") + len("Greek")
    assert (country_context._LANGUAGE_WORD_AFTER.match(body, end) is not None) is language
