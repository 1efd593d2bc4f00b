"""A people's plural before a verb and "its", a region a point of the compass names before a
country's name, and a demonym before a named body WordNet counts among its non-governmental
organisations, which is no person candidate either (namesakes.py, country_context.py,
named_bodies.py, candidates.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest.country_context import CountryContext, a_region_named_by_a_compass_word
from gql_news.ingest.named_bodies import a_named_bodys_branch, names_a_named_body
from gql_news.ingest.namesakes import a_firm_called_by_a_demonym
from tests.ingest.spans import span_of as _at


def _organisation(text: str, end: int) -> bool:
    return text.startswith(" Air Shuttle", end)


@pytest.mark.parametrize(
    ("body", "form", "firm"),
    [
        ("Caracas released ten Americans held in its prisons.", "Americans", False),  # a people's plural
        ("The junta freed two Britons held in its jails.", "Britons", False),
        ("Swiss cancelled its flights.", "Swiss", True),  # a firm's singular name
        ("Norwegian Air Shuttle flies. Norwegian said its jets were full.", "Norwegian", True),
    ],
)
def test_a_peoples_plural_is_no_firm(body: str, form: str, firm: bool, context: CountryContext) -> None:
    start, end = _at(body, form, 1 if body.count(form) > 1 else 0)
    assert a_firm_called_by_a_demonym(body, start, end, context, _organisation) is firm


@pytest.mark.parametrize(
    ("body", "form", "region"),
    [
        ("The province of North Holland is full.", "Holland", True),
        ("Growers in South Holland had rain.", "Holland", True),
        ("Floods hit Upper Austria.", "Austria", True),
        ("Floods hit Lower Austria.", "Austria", True),
        ("He was born in North Vietnam.", "Vietnam", False),  # a place WordNet knows: its data decides
        ("Trade between East Germany and Poland fell.", "Germany", False),
        ("West German exports rose.", "German", False),  # a demonym
    ],
)
def test_a_region_named_by_a_compass_word(
    body: str, form: str, region: bool, context: CountryContext
) -> None:
    start, _ = _at(body, form)
    previous = body[:start].split()[-1]
    assert a_region_named_by_a_compass_word(body, start, form, previous, context) is region


@pytest.mark.parametrize(
    ("body", "form", "branch"),
    [
        ("The Thai Red Cross said it had opened shelters.", "Thai", True),
        ("A British Red Cross spokesman said so.", "British", True),
        ("The British Salvation Army opened a hostel.", "British", True),
        ("The Scottish Episcopal Church voted.", "Scottish", True),
        ("Thai red cross markings were painted.", "Thai", False),  # lower case: no body's name
        ("The Thai Prime Minister said so.", "Thai", False),  # no named body of WordNet's
        ("The Thai Red Sea fleet sailed.", "Thai", False),
        ("Thailand Red Cross volunteers came.", "Thailand", False),  # a country's name, not a demonym
    ],
)
def test_a_named_bodys_branch(body: str, form: str, branch: bool, context: CountryContext) -> None:
    start, end = _at(body, form)
    assert a_named_bodys_branch(body, start, end, context) is branch


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Red Cross", True),
        ("Thai Red Cross", True),  # after one word: a national branch
        ("Salvation Army", True),
        ("Baptist Church", True),
        ("Maria Cross", False),  # a person's name
        ("Red Cross Society", False),  # not the whole name nor its end after one word
        ("Anna Thai Red Cross", False),
    ],
)
def test_names_a_named_body(text: str, body: bool) -> None:
    assert names_a_named_body(text) is body
