"""Firms named by a brand and a place, bodies named after their noun, people named after a role no
given-name list explains, and a role set off after "said" (country_context.py, candidates.py,
quotes.py): the linker, the candidate detector and the quote extractor on the shipped data."""

from __future__ import annotations

import pytest

from gql_news.ingest.candidates import find_candidates
from gql_news.ingest.linker import Gazetteer, find_mentions
from gql_news.ingest.quotes import find_quotes
from tests.ingest.test_country_context import gazetteer

__all__ = ["gazetteer"]  # the fixture: every country's forms, the shipped context and given names


def _people(body: str, gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    found = find_candidates(body, find_mentions(body, gazetteer), gazetteer)
    return [(c.text, c.kind.value, c.cue) for c in found]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a person "of the" a body's noun and its name, then a speech verb: the person speaks
        (
            "Luca Ferri of the renewable energy association Elettricità Futura said investors were leaving.",
            [("Luca Ferri", "person", "said"), ("Elettricità Futura", "organisation", "association")],
        ),
        (
            "Marco Rossi of the Bank of Italy said rates would stay where they are.",
            [("Marco Rossi", "person", "said")],
        ),
        # a role noun before two words no dictionary or list of given names holds
        ("The Thai champion Kittisak Srisuk lost on points.", [("Kittisak Srisuk", "person", "champion")]),
        (
            "The replacement hooker Tinashe Mudzingwa was driven over.",
            [("Tinashe Mudzingwa", "person", "hooker")],
        ),
        # a demonym before a full name of an unknown given name and a known one
        ("He finished ahead of the Jamaican Shericka Dawes.", [("Shericka Dawes", "person", "nationality")]),
        # a rank that is a given name too, before a given name and a surname
        (
            "Major Kaspars Rudzītis said the conscripts would fly drones.",
            [("Kaspars Rudzītis", "person", "major")],
        ),
        ("Major Taylor said he would ride.", [("Major Taylor", "person", "said")]),
    ],
)
def test_people_named_next_to_a_role_or_a_body(
    body: str, expected: list[tuple[str, str, str]], gazetteer: Gazetteer
) -> None:
    assert _people(body, gazetteer) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Zalgiris beat Anadolu Efes in Kaunas on Friday.",  # a verb WordNet also has as a person's noun
        "Projects went to the builder Obras Levante last year.",  # a firm's noun
        "The defending champion Anadolu Efes lost to Zalgiris.",  # a contest's role, no nationality
        "Hours after leaving the agency Grossi said inspectors were safe.",  # no modifier before the body's noun
        "Johnson Matthey of the UK said prices rose.",  # "of the" and a country, no body
        "Major Jordan Brand releases sold out.",  # a rank's word before a brand's common noun
    ],
)
def test_firms_after_a_role_noun_are_no_people(body: str, gazetteer: Gazetteer) -> None:
    assert [text for text, kind, _ in _people(body, gazetteer) if kind == "person"] == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a role set off by commas after "said", its modifiers lower-case words
        (
            "“Simandou has been a promise for years,” said the mines minister, Mory Kaba, at a ceremony.",
            "Mory Kaba",
        ),
        ("“The children come in shifts,” said the school's headteacher, Gulnara Asanova.", "Gulnara Asanova"),
        # not a name inside a phrase after the verb
        ("“It is over,” said the head of the fund run by the minister, Mory Kaba.", None),
        ("“It is over,” said the man who advised the minister, Mory Kaba.", None),
        ("“Rates will rise,” said one analyst, citing the central bank governor, Andrew Bailey.", None),
        # a role "of" a name, a role "of" what it is of, a capitalised title run before the name
        (
            "“Every rainy season it is the same,” said the mayor of Omoa, Ricardo Alvarado, who has complained.",
            "Ricardo Alvarado",
        ),
        (
            "“The pickers move from farm to farm,” the vice-minister of public health, Claudia Rios Mejia, told reporters.",
            "Claudia Rios Mejia",
        ),
        (
            "“The state cannot pay rent for ever,” Labour and Social Affairs Minister Anahit Sargsyan told parliament.",
            "Anahit Sargsyan",
        ),
        ("“It is over,” said the spokesman for the minister, Mory Kaba.", None),
        ("“It is over,” said the head of the Popkov fund, Mory Kaba.", None),
        (
            "“We want justice for her and for her family,” the lawyer of the victim, Ann Berg, told reporters.",
            None,
        ),
    ],
)
def test_a_role_set_off_after_said_names_the_speaker(
    body: str, speaker: str | None, gazetteer: Gazetteer
) -> None:
    mentions = find_mentions(body, gazetteer)
    (quote,) = find_quotes(body, mentions, find_candidates(body, mentions, gazetteer))
    assert quote.speaker_candidate == speaker


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # a name and a speech verb after a quote, ending with a colon before the next quotation, say
        # whose that one is, not the first's
        (
            "The chef on duty, Joe Sheridan, added whiskey. One of the passengers, an American, asked:"
            " “Is this Brazilian coffee?” Sheridan replied: “No, that's Irish coffee.”",
            [None, "Joe Sheridan"],
        ),
        # without the colon the words after the quote are its attribution
        (
            "The chef, Joe Sheridan, was asked about it. “It was an accident,” Sheridan replied.",
            ["Joe Sheridan"],
        ),
    ],
)
def test_a_speaker_before_a_colon_is_the_next_quotations(
    body: str, speakers: list[str | None], gazetteer: Gazetteer
) -> None:
    mentions = find_mentions(body, gazetteer)
    found = find_quotes(body, mentions, find_candidates(body, mentions, gazetteer))
    assert [quote.speaker_candidate for quote in found] == speakers
