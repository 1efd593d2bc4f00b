"""A sixth round of development articles: tongues compared, switched to and worked in, a farm
animal's name at a sentence's start, breeds named by a colour and bodies named by one noun and a
country (country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.linker import Gazetteer, find_mentions
from tests.ingest.spans import span_of
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]


@pytest.mark.parametrize(
    ("body", "form", "language"),
    [
        ("Tanaka said his own children now spoke better Japanese than Portuguese.", "Portuguese", True),
        ("Older residents speak a form of Spanish that has hardly changed.", "Spanish", True),
        ("Courts cannot find sworn interpreters of Ukrainian, lawyers say.", "Ukrainian", True),
        ("Programmes would close, switch to Dutch or cap their places.", "Dutch", True),
        ("She taught herself Japanese from a dictionary.", "Japanese", True),
        ("It came out in Romanian two years later.", "Romanian", True),
        ("Japan sold more cars than Germany.", "Germany", False),
        ("Officials fear a new form of Russian pressure on the border.", "Russian", False),
        ("Teachers of Chinese descent marched.", "Chinese", False),
        ("Fans switched to Dutch beer.", "Dutch", False),
    ],
)
def test_a_tongue_read_from_its_neighbours(
    body: str, form: str, language: bool, context: CountryContext
) -> None:
    start, end = span_of(body, form)
    before = country_context._word_before(body, start)
    assert country_context._a_language(body, start, end, context, before) is language


def test_a_farm_animal_at_a_sentences_start_where_the_body_writes_it_in_lower_case(
    gazetteer: Gazetteer,
) -> None:
    body = (
        "Turkey farmers in Norfolk are short of pluckers. France exports turkey meat, and families want a "
        "proper turkey at Christmas. In Turkey itself the bird is called hindi."
    )
    linked = [
        body[m.start : m.end] + f"@{m.start}" for m in find_mentions(body, gazetteer) if m.kind == "country"
    ]
    assert linked == ["France@49", f"Turkey@{body.index('In Turkey') + 3}"]


def test_a_country_that_makes_most_of_something_stays(gazetteer: Gazetteer) -> None:
    body = (
        "China makes most of the world's plates, and imports from China closed factories. Bone china is back."
    )
    assert [m.start for m in find_mentions(body, gazetteer) if m.kind == "country"] == [
        0,
        body.rindex("China"),
    ]


@pytest.mark.parametrize(
    ("name", "known"), [("siân", True), ("søren", True), ("sian", True), ("côte", False), ("jordan", True)]
)
def test_a_given_name_written_with_accents(name: str, known: bool) -> None:
    assert (name in country_context.shipped_country_context().given_names) is known
