"""Animals named like a country: the shapes that set such a name off, and the country kept."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.country_context import CountryContext


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (", a four-year-old bred in Ireland,", True),
        (", an 11-year-old gelding", True),
        (", a nine-year-old, ", True),
        (", a 60-year-old democracy", False),
        (", 19, scored", True),
    ],
)
def test_an_age_in_an_apposition(text: str, expected: bool) -> None:
    assert (country_context._AGE_AFTER.match(text) is not None) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (", a killer whale who has", True),
        (", a red panda who slipped", True),
        (", a mongrel who survived", True),
        (", a side who have won", False),
        (", a country which borders", False),
        (", the greyhound who won", True),
        (", the Leeds four-piece who came close", True),
        (", the holders who won", False),
    ],
)
def test_one_of_a_kind_who(text: str, expected: bool) -> None:
    assert country_context._a_one_who(text, 0) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kenya and her calf will stay indoors.", True),
        ("Nepal was born at a zoo in Germany and came to Devon with her brother.", True),
        ("Kenya said she would not comment.", False),
        ("Kenya is large. The minister said she would go.", False),
        ("It was caught off Iceland, and she has lived in a tank.", False),
    ],
)
def test_then_her_or_his(body: str, expected: bool) -> None:
    start = (
        body.find("Kenya")
        if "Kenya" in body
        else body.find("Nepal")
        if "Nepal" in body
        else body.find("Iceland")
    )
    end = start + len(body[start:].split()[0].rstrip(","))
    assert country_context._then_her_or_his(body, start, end) is expected


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("Chad's jockey, Hollie Doyle, rode well.", "Chad", True),
        ("Belize's sire was imported from Sweden.", "Belize", True),
        ("Germany's trainer, Julian Nagelsmann, said so.", "Germany", False),
        ("Ireland's breeders sold 4,000 foals.", "Ireland", False),
        ("Ireland's stud farms are busy.", "Ireland", False),
    ],
)
def test_an_animals_people_after_its_possessive(body: str, form: str, expected: bool) -> None:
    end = body.find(form) + len(form)
    assert (country_context._AN_ANIMALS_PEOPLE_AFTER.match(body, end) is not None) is expected


@pytest.mark.parametrize(
    ("body", "form", "senses"),
    [
        (
            "A Rothschild's giraffe called Kenya was born here. Wild ones live in Uganda and Kenya. "
            "Kenya and her calf are well.",
            "Kenya",
            [True, False, True],
        ),
        ("An Asian elephant called India left. Poachers in central India are paid.", "India", [True, False]),
    ],
)
def test_story_senses(body: str, form: str, senses: list[bool], context: CountryContext) -> None:
    assert country_context._story_senses(body, form, context)[1] == senses
