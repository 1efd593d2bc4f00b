"""Languages under a list's head, local governments and bodies named after a country, titles in
quotation marks, a sovereign's things beside a namesake town, and ships listed with "the"
(country_context.py, namesakes.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context, namesakes
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of


@pytest.mark.parametrize(
    ("body", "form", "language"),
    [
        ("It handles 31 languages, including Estonian, Ukrainian and Finnish.", "Estonian", True),
        ("It handles 31 languages, including Estonian, Ukrainian and Finnish.", "Finnish", True),
        ("The app covers languages such as Thai and Vietnamese.", "Thai", True),
        ("Subtitles come in three languages: Polish and Czech among them.", "Polish", True),
        ("Firms from several countries, including Polish builders, bid.", "Polish", False),
        ("It handles languages, including Polish workers' slang.", "Polish", False),
    ],
)
def test_a_list_headed_by_languages(body: str, form: str, language: bool, context: CountryContext) -> None:
    start, end = span_of(body, form)
    before = country_context._word_before(body, start)
    assert country_context._a_language(body, start, end, context, before) is language


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ('The best documentary went to "Dear Zambia", a portrait of a miner.', True),
        ("The best documentary went to “Dear Zambia”, a portrait of a miner.", True),
        ('Her film "Letters From Zambia." opened the festival.', True),
        ('"Zambia will win," the film\'s director said.', False),
        ("“We love Zambia,” said the film's director.", False),
        ('The documentary was shot in "Zambia" itself.', False),
    ],
)
def test_a_title_in_quotation_marks(body: str, quoted: bool, context: CountryContext) -> None:
    start, end = span_of(body, "Zambia")
    assert country_context._a_quoted_title(body, start, end, context) is quoted


@pytest.mark.parametrize(
    ("body", "form", "body_name"),
    [
        ("The plan was drawn up by Natural Resources Wales, the regulator.", "Wales", True),
        ("Public Health England warned of flu.", "England", True),
        ("Arts Council England said it would help.", "England", True),
        ("The Natural Resources Wales officers came.", "Wales", False),
        ("In Victorian England, railways spread.", "England", False),
        ("Last Monday Britain voted.", "Britain", False),
        ("Farmers in Northern Cape Kenya said so.", "Kenya", False),
        ("She met Prime Minister Modi in India.", "India", False),
    ],
)
def test_two_words_of_a_name_before_a_country(
    body: str, form: str, body_name: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    assert country_context._after_two_words_of_a_name(body, start, end, context) is body_name


@pytest.mark.parametrize(
    ("lead", "marked"),
    [
        ("The red-and-white flag of ", True),
        ("a letter from the embassy of ", True),
        ("the prime minister of ", True),
        ("the people of ", False),
        ("the main street of ", False),
    ],
)
def test_a_sovereigns_thing_before_of(lead: str, marked: bool) -> None:
    assert (namesakes._A_SOVEREIGNS_OF.search(lead) is not None) is marked


@pytest.mark.parametrize(
    ("body", "form", "ship"),
    [
        ("Her sister ships, the Chile and the Peru, were broken up.", "Chile", True),
        ("Her sister ships, the Chile and the Peru, were broken up.", "Peru", True),
        ("The company's tugs, the Chile, the Peru or the Brazil, towed it.", "Brazil", True),
        ("For years the steam tug Brazil sat in a dry dock.", "Brazil", True),
        ("Ships from Chile and Peru docked on Monday.", "Peru", False),
    ],
)
def test_ships_named_by_their_kind(body: str, form: str, ship: bool) -> None:
    assert namesakes._names_one(body, form) is ship
