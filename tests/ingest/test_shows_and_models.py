"""A show's title after a country's possessive, a band's name after its noun's modifiers, a dated
model's name, a dish an apposition calls a food, and one of a people after an indefinite article
where a person bears the same given name (country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "title"),
    [
        ("Britain's Got Talent aired.", "Britain", True),  # a verb form
        ("Germany's Next Topmodel aired.", "Germany", True),  # a superlative lemma
        ("Britain's Strongest Man was crowned.", "Britain", True),  # its comparative is a word
        ("America's Funniest Home Videos aired.", "America", True),
        ("Britain's Cheapest Homes aired.", "Britain", True),  # its adjective is a word, no noun
        ("Canada's Drag Race and Britain's Got Talent aired.", "Canada", True),  # listed before one
        ("Germany's Next Topmodel, Canada's Drag Race aired.", "Canada", True),  # listed after one
        ("Canada's Drag Race aired.", "Canada", False),  # nouns alone
        ("Britain's Royal Navy sailed.", "Britain", False),  # a noun after the possessive
        ("Britain's Honest John spoke.", "Britain", False),  # no superlative: "honer" is no word
        ("Britain's Got", "Britain", False),  # no second capitalised word
        ("Britain's biggest bank fell.", "Britain", False),  # lower case
        ("Britain said it would act.", "Britain", False),  # no possessive
        ("India's Supreme Court and Pakistan's High Court ruled.", "Pakistan", False),
    ],
)
def test_a_shows_possessive_title(body: str, form: str, title: bool, context: CountryContext) -> None:
    _, end = _at(body, form)
    assert country_context.a_shows_possessive_title(body, end, context) is title


@pytest.mark.parametrize(
    ("body", "form", "nth", "previous", "model"),
    [
        ("A 1972 Ford Escort Mexico sold.", "Mexico", 0, "Escort", True),
        ("His 1967 Austin America sold.", "America", 0, "Austin", True),
        (
            "A 1972 Ford Escort Mexico sold. The Escort Mexico was named after a rally.",
            "Mexico",
            1,
            "Escort",
            True,
        ),
        ("A 1972 Ford Escort Mexico sold. The car came from Mexico.", "Mexico", 1, None, False),
        ("A 1972 Ford Escort Mexico sold. Visit Mexico.", "Mexico", 1, "Visit", False),  # another word
        ("In 2019 Japan hosted the cup.", "Japan", 0, None, False),
        ("The 2019 tour of Japan ended.", "Japan", 0, None, False),
    ],
)
def test_a_dated_models_name(body: str, form: str, nth: int, previous: str | None, model: bool) -> None:
    start, end = _at(body, form, nth)
    assert country_context.a_dated_models_name(body, start, end, previous) is model


@pytest.mark.parametrize(
    ("body", "form", "dish"),
    [
        ("There is a Dutch baby, a puffed pancake that was first served in Seattle.", "Dutch", True),
        ("The menu lists a Dutch baby, a pancake baked in a hot pan.", "Dutch", True),
        ("She ordered a Japanese whisky, a single malt.", "Japanese", False),  # a food itself
        ("A Dutch farmer, a cheese maker, was fined.", "Dutch", False),  # headed by "maker"
        ("A Dutch baby, a girl, was born.", "Dutch", False),  # no food in the apposition
        ("They met a Dutch baker, a man who makes bread.", "Dutch", False),  # a clause after the head
        ("A Dutch baby was born.", "Dutch", False),  # no apposition
        ("He met a Baby, a pancake.", "Baby", False),  # no demonym
    ],
)
def test_a_dish_named_by_its_apposition(body: str, form: str, dish: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert country_context.a_dish_named_by_its_apposition(body, start, end, context) is dish


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("The veteran American soft-rock band America, who had hits in the 1970s, played.", True),
        ("The Scottish band America will close the stage.", True),
        ("The rock band toured America for a year.", False),  # no determiner and noun right before
        ("The band America will play.", True),  # the plain reading, as before
    ],
)
def test_a_band_after_its_nouns_modifiers(body: str, named: bool, context: CountryContext) -> None:
    start, end = _at(body, "America")
    assert country_context._an_animal_named(body, start, end, context) is named


@pytest.mark.parametrize(
    ("body", "nth", "person"),
    [
        ("His partner, Dane Castillo, sang. The best man was Mads Kjeldsen, a Dane.", 1, False),
        ("His partner, Dane Castillo, sang. A Dane was his best man.", 1, False),
        ("His partner, Dane Castillo, sang. Dane said he was happy.", 1, True),
    ],
)
def test_one_of_a_people_after_an_indefinite_article(
    body: str, nth: int, person: bool, context: CountryContext
) -> None:
    start, end = _at(body, "Dane", nth)
    assert country_context.not_the_country(body, start, end, context) is person


@pytest.mark.parametrize(
    ("body", "texts"),
    [
        ("The show was remade as The Great Kiwi Bake Off.", []),
        ("He watched The Great Pottery Throw Down on Sunday.", []),
        ("The presenter Jane Down said it was fine.", ["Jane Down"]),  # a given name opens it
        ("Its chief executive, Tom Upton, said sales rose.", ["Tom Upton"]),
    ],
)
def test_a_titles_phrasal_verb_is_no_persons_name(body: str, texts: list[str]) -> None:
    from gql_news.ingest.candidates import find_candidates
    from gql_news.ingest.linker import find_mentions
    from tests.ingest.corpus import catalogue

    gazetteer = catalogue().gazetteer
    found = find_candidates(body, find_mentions(body, gazetteer), gazetteer)
    assert [candidate.text for candidate in found] == texts
