"""A sport's name opening its national body before a country's ("Swimming Australia"), a
people's plural after a city's name as a side ("the Mumbai Indians"), and a demonym after an
article before a full name no list knows (named_bodies.py, country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.named_bodies import opens_a_body_name
from tests.ingest.spans import span_of as _at


def _previous(body: str, start: int) -> str | None:
    """The capitalised word right before the form, as the linker passes it (None for any other)."""
    words = body[:start].split()
    return words[-1] if words and words[-1][:1].isupper() else None


@pytest.mark.parametrize(
    ("body", "form", "body_name"),
    [
        ("Swimming Australia said on Monday", "Australia", True),  # an adjective and a sport in WordNet
        ("Cycling Ireland's president resigned", "Ireland", True),  # a participle's shape
        ("Swim England backed the plan", "England", True),  # a verb's shape
        ("Rowing Ireland named its crew", "Ireland", True),
        ("Visiting Jordan, the minister said", "Jordan", False),  # a participle, no sport
        ("In swimming Australia won four golds", "Australia", False),  # lower case: no name's word
        ("SWIMMING Australia said", "Australia", False),  # capitals: a headline's word, no name
    ],
)
def test_a_sports_name_opens_its_body(body: str, form: str, body_name: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert opens_a_body_name(body, start, end, _previous(body, start), context) is body_name


@pytest.mark.parametrize(
    ("body", "form", "side"),
    [
        ("playing for the Mumbai Indians in the league", "Indians", True),
        ("Mumbai Indians beat Chennai", "Indians", True),  # the sentence's first words
        ("The Cleveland Indians changed their name", "Indians", True),
        ("Many Mumbai Indians work in the Gulf", "Indians", False),  # a word of quantity
        ("Thousands of Nairobi Kenyans queued", "Kenyans", False),  # quantity, then "of"
        ("Some 200 Toronto Italians marched", "Italians", False),  # a number
        ("the Mumbai Indian community", "Indian", False),  # no plural
        ("the Reading Italians", "Italians", False),  # a common noun, no city alone
        ("the British Indians who settled", "Indians", False),  # a people's name, no city
        ("the Mumbai  Indians", "Indians", False),  # two spaces: no single name
    ],
)
def test_a_citys_side(body: str, form: str, side: bool, context: CountryContext) -> None:
    start, _ = _at(body, form)
    previous = _previous(body, start)
    assert country_context.a_citys_side(body, start, form, previous, context) is side


@pytest.mark.parametrize(
    ("body", "form", "nationality"),
    [
        ("ahead of the South African Thriston Naidoo and", "South African", True),
        ("The Kenyan Thriston Naidoo finished", "Kenyan", True),
        ("The Irish Derby was run", "Irish", False),  # a known word
        ("in the Chinese Tencent Holdings group", "Chinese", False),  # a third capitalised word
        ("Kenyan Thriston Naidoo finished", "Kenyan", False),  # no article before the demonym
        ("the Kenya Thriston Naidoo fund", "Kenya", False),  # a country's name, no demonym
    ],
)
def test_before_a_foreign_full_name(body: str, form: str, nationality: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert country_context._before_a_foreign_full_name(body, start, end, form, context) is nationality


@pytest.mark.parametrize(
    ("body", "end", "body_word"),
    [
        ("the All India Chess Federation paid", len("the All India Chess"), True),
        ("the India Chess Club met", len("the India Chess"), True),
        ("India Marsh, the player", len("India Marsh"), False),  # a comma: no name goes on
        ("India Marsh Smith said", len("India Marsh"), False),  # a surname, no body's word
        ("India Chess  Federation", len("India Chess"), False),  # two spaces
    ],
)
def test_a_body_word_after(body: str, end: int, body_word: bool) -> None:
    assert country_context._a_body_word_after(body, end) is body_word
