"""A country's form as the subject of a clause that speaks of "its", a namesake who is born, and a
town called so with its region's name before the kind."""

from __future__ import annotations

import pytest

from gql_news.ingest.country_context import _called_a_town
from gql_news.ingest.story_people import a_countrys_clause, a_persons_act
from tests.ingest.spans import span_of as _at


@pytest.mark.parametrize(
    ("body", "form", "nth", "expected"),
    [
        ("Pike said so. Jordan has taken in more refugees for its size than any state.", "Jordan", 0, True),
        ("Pike said so. “Jordan has taken in more refugees for its size,” she said.", "Jordan", 0, True),
        ("Marsh said so. India doubled its exports of cotton.", "India", 0, True),
        # he or she in the clause, or a thing "its" may point back to
        ("Whitaker retired. Chad took his team to its first title.", "Chad", 0, False),
        ("Pike said so. Jordan left the camp and its pipes to a local team.", "Jordan", 0, False),
        # no "its", a possessive, or not the sentence's opening
        ("Pike said so. Jordan has taken in more refugees than any state.", "Jordan", 0, False),
        ("Pike said so. Jordan's government cut its budget.", "Jordan", 0, False),
        ("Pike said so, and Jordan has cut its budget.", "Jordan", 0, False),
    ],
)
def test_a_countrys_clause(body: str, form: str, nth: int, expected: bool) -> None:
    assert a_countrys_clause(body, *_at(body, form, nth)) is expected


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("Her mother taught in Kisumu before Kenya was born.", "Kenya", True),
        ("His parents left Haifa before Israel is born in the film.", "Israel", True),
        ("Her mother taught in Kisumu before Kenya became independent.", "Kenya", False),
        ("Kenya's borne the cost before.", "Kenya", False),
    ],
)
def test_a_namesake_who_is_born(body: str, form: str, expected: bool) -> None:
    assert a_persons_act(body, *_at(body, form)) is expected


@pytest.mark.parametrize(
    ("body", "form", "expected"),
    [
        ("Residents of Wales, the South Yorkshire village, met on Monday.", "Wales", True),
        ("Voters in Mexico, the small Oswego County town, approved it.", "Mexico", True),
        ("Denmark, a Maine town of 2,000, voted.", "Denmark", True),
        ("Norway, the Nordic oil producer, raised output.", "Norway", False),
        ("Switzerland, the Alpine nation of small villages, voted.", "Switzerland", False),
        ("Kenya is the East African hub for banks.", "Kenya", False),
    ],
)
def test_a_town_with_its_regions_name(body: str, form: str, expected: bool) -> None:
    assert _called_a_town(body, form) is expected
