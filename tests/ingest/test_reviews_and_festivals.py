"""A demonym hyphened to a second one that does not name its country, a language spoken with an
article and qualified after it, a hyphened noun after a list of languages, and a form two countries
share listed beside the other's full name after "the" (country_context.py, linker.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context, linker
from gql_news.ingest.country_context import CountryContext
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The Japanese-Peruvian cooking that grew out of it.", True),  # "Peruvian cooking": a kitchen
        ("She teaches Franco-Italian cooking.", False),  # "Franco" is no demonym of the table
        ("A French-Senegalese co-production won.", False),  # the second names its country
        ("The Korean-American novelist spoke.", False),
        ("The Japanese cooking school opened.", False),  # no hyphen: the plain test
        ("The Japanese-style garden opened.", False),  # a lower-case word after the hyphen
    ],
)
def test_a_demonym_hyphened_to_one_that_is_not_the_country(
    body: str, expected: bool, context: CountryContext
) -> None:
    _, end = _at(body, body.split()[1].split("-")[0])
    assert country_context._hyphened_to_a_demonym_that_is_not_the_country(body, end, context) is expected


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("He arrived speaking a Spanish full of English words.", "Spanish", True),
        ("She spoke an Italian that nobody in Rome could follow.", "Italian", True),
        ("The brothers speak a French thick with Arabic slang.", "French", True),
        ("The minister spoke a Spanish diplomat's name twice.", "Spanish", False),  # a noun of its own
        ("She translated a German novel of 1920.", "German", False),  # not a verb of speaking alone
        ("She met a Spanish writer full of plans.", "Spanish", False),  # no verb of speaking
    ],
)
def test_a_language_spoken_with_an_article(
    body: str, form: str, expected: bool, context: CountryContext
) -> None:
    start, end = _at(body, form)
    before = country_context._word_before(body, start)
    assert country_context._a_language(body, start, end, context, before) is expected


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("money from Spanish and Argentine co-producers.", "Spanish", True),  # adjectives of a noun
        ("stakes from French co-owners.", "French", True),
        ("translated from Polish by two co-translators.", "Polish", False),  # a preposition first
        ("The film, in Korean, was well-received.", "Korean", False),  # "received" is no noun
        ("films in Korean drew crowds.", "Korean", False),
    ],
)
def test_a_hyphened_noun_after_the_list(
    body: str, form: str, expected: bool, context: CountryContext
) -> None:
    _, end = _at(body, form)
    assert country_context._a_noun_after_the_list(body, end, context) is expected


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (" and ", True),
        (" and the ", True),  # "Congo and the Democratic Republic of Congo"
        (", the ", True),
        (" or the ", True),
        (" the ", False),  # no list's joint before the article
        (" of the ", False),
        (" and then the ", False),
    ],
)
def test_a_list_gap(gap: str, expected: bool) -> None:
    assert linker._a_list_gap(gap) is expected
