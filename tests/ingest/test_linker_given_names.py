"""Country names that are also people's names: "Chad Smith" is not Chad, "in Jordan" is Jordan."""

from __future__ import annotations

import pytest

from gql_news.ingest.linker import Gazetteer, GazetteerEntry, find_mentions, shipped_given_names

TD, JO, GE, BY = 1, 2, 3, 4
GAZETTEER = Gazetteer(
    (
        GazetteerEntry("country", TD, ("Chad", "Chadian")),
        GazetteerEntry("country", JO, ("Jordan", "Jordanian")),
        GazetteerEntry("country", GE, ("Georgia", "Georgian")),
        GazetteerEntry("country", BY, ("Belarus",)),
        GazetteerEntry("organisation", 9, ("Jordan Valley Authority",)),
    ),
    given_names=shipped_given_names(),
)


def linked(text: str) -> list[str]:
    return [m.text for m in find_mentions(text, GAZETTEER)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chad Smith told reporters.", []),
        ("Reporters met Chad Smith.", []),
        ("Michael Jordan played.", []),
        ("Georgia Brown, his agent, spoke.", []),
        ("Chad and Belarus signed.", ["Chad", "Belarus"]),
        ("They flew to Jordan on Monday.", ["Jordan"]),
        ("In Jordan, prices rose.", ["Jordan"]),
        ("The Chad Government said so.", ["Chad"]),
        ("Chad President Mahamat Deby spoke.", ["Chad"]),
        ("Georgia's parliament voted.", ["Georgia"]),
        ("Jordanian and Chadian troops", ["Jordanian", "Chadian"]),
        ("the Jordan Valley Authority said", ["Jordan Valley Authority"]),
        ("Belarus Chad", ["Belarus", "Chad"]),  # a known form before it is not a first name
    ],
)
def test_given_name_rule(text: str, expected: list[str]) -> None:
    assert linked(text) == expected


def test_without_the_list_every_form_links() -> None:
    plain = Gazetteer(GAZETTEER.entries)
    assert [m.text for m in find_mentions("Chad Smith met Michael Jordan.", plain)] == ["Chad", "Jordan"]
