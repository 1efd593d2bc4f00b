"""A country's name the body makes a firm's by the noun before it, a firm's short name, a dish
named after a country, and a language before its letters (country_context.py, namesakes.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context, named_bodies
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.namesakes import a_firm_called_by_a_demonym, a_place_a_firm_is_not


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
    ("body", "short"),
    [
        ("Holland America Line sails. Holland America, which is owned by Carnival, grew.", True),
        ("Holland America sails. Holland America, which is owned by Carnival, grew.", False),
        ("Holland America Sea is calm. Holland America, which is owned by Carnival, grew.", False),
    ],
)
def test_a_short_name_of_a_longer_name(body: str, short: bool, context: CountryContext) -> None:
    start = body.rindex("America")
    assert country_context._short_for_a_longer_name(body, start, start + 7, "Holland", context) is short


@pytest.mark.parametrize(
    ("body", "previous"),
    [
        ("Singapore Airlines flies. Flights to Singapore rose.", None),  # a country's name alone
        ("Singapore Airlines flies. In Singapore it rained.", "In"),  # a function word before it
        ("Singapore Airlines flies. Minister Singapore spoke.", "Minister"),  # a title before it
    ],
)
def test_no_short_name_without_a_name_before_it(
    body: str, previous: str | None, context: CountryContext
) -> None:
    start = body.rindex("Singapore")
    assert not country_context._short_for_a_longer_name(
        body, start, start + len("Singapore"), previous, context
    )


@pytest.mark.parametrize(
    ("body", "longer"),
    [
        ("Norwegian Cruise Line", True),
        ("Norwegian Air Shuttle", True),
        ("Norwegian Sea", False),  # a natural feature
        ("Swiss Alps", False),  # a named place
        ("Norwegian Prime Minister", False),  # a title
        ("Norwegian fishermen", False),  # no capitalised word
    ],
)
def test_a_longer_name_opening_at_a_form(body: str, longer: bool, context: CountryContext) -> None:
    end = body.index(" ")
    assert country_context.opens_a_longer_name(body, end, context) is longer


@pytest.mark.parametrize(
    ("body", "firm"),
    [
        ("Norwegian Cruise Line sails. Norwegian will base a ship in Miami.", True),
        ("Norwegian Cruise Line sails. Shares of Norwegian rose 4%.", True),  # an irregular past
        ("Norwegian Air Shuttle flies. Norwegian has repaid its loans.", True),
        ("Norwegian Cruise Line sails. Norwegian passengers were happy.", False),  # a noun of its own
        ("Norwegian Cruise Line sails. A Norwegian rose early.", False),  # an article: a person
        ("The Norwegian Sea is rough. Norwegian will sail.", False),  # a sea's name
    ],
)
def test_a_firm_called_by_a_demonym(body: str, firm: bool, context: CountryContext) -> None:
    start = body.rindex("Norwegian")
    found = a_firm_called_by_a_demonym(
        body, start, start + len("Norwegian"), context, lambda text, end: False
    )
    assert found is firm


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


@pytest.mark.parametrize(
    ("words", "role"),
    [
        ("head of the company", True),
        ("trader in Lagos", True),
        ("local unit of the American company", False),  # the head before "of" is no role
        ("unit", False),
    ],
)
def test_a_role_is_the_head_before_a_preposition(words: str, role: bool) -> None:
    assert country_context._a_role(words.split()) is role


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Marcy Jordan said so.", True),
        ("The vessel, the Marcy Jordan, was built in Korea.", False),  # "the" opens a ship's name
    ],
)
def test_a_name_after_the_is_no_persons(body: str, person: bool, context: CountryContext) -> None:
    match = country_context._name_then("Jordan").search(body)
    assert match is not None
    assert country_context._names_a_person(body, match, context) is person


@pytest.mark.parametrize(
    ("word", "brand"),
    [
        ("ExxonMobil", True),
        ("TotalEnergies", True),
        ("McDonald", False),  # a surname's prefix
        ("Exxon", False),  # no capital inside
    ],
)
def test_a_brand_written_with_a_capital_inside(word: str, brand: bool, context: CountryContext) -> None:
    assert named_bodies.a_brands_capitals(word, context) is brand


@pytest.mark.parametrize(
    ("words", "style"),
    [
        (["eggs"], True),  # a prepared food on a menu: a style of cooking
        (["rum"], False),  # an alcoholic drink: the country's goods
        (["whisky"], False),
    ],
)
def test_an_alcoholic_drink_is_no_style_of_cooking(
    words: list[str], style: bool, context: CountryContext
) -> None:
    assert country_context._a_cooking_style("The menu lists them.", words, context) is style
