"""An airline called by its people's name as a noun or before an appositive, a name another word
opens, a language's stage or an old members' club, straits named by a demonym and the names of a
country's bonds and share indexes (namesakes.py, country_context.py)."""

from __future__ import annotations

import pytest

from gql_news.ingest import country_context, namesakes
from gql_news.ingest.country_context import CountryContext
from gql_news.ingest.namesakes import a_firm_called_by_a_demonym


def _firm(body: str, word: str, context: CountryContext) -> bool:
    start = body.rindex(word)
    return a_firm_called_by_a_demonym(body, start, start + len(word), context, lambda text, end: False)


@pytest.mark.parametrize(
    ("body", "word", "firm"),
    [
        ("Austrian will stop, and Swiss, its sister airline, will fly.", "Swiss", True),
        ("Swiss, the Lufthansa unit, added flights.", "Swiss", True),  # the body's first word
        ("In Zurich, Swiss, its sister airline, grew.", "Swiss", True),  # after a comma
        ("He is Swiss, the son of a banker.", "Swiss", False),  # a copula: the person's people
        ("Swiss watches, the pride of Geneva, sold well.", "Swiss", False),  # a noun after it
    ],
)
def test_a_demonym_before_an_appositive(body: str, word: str, firm: bool, context: CountryContext) -> None:
    assert _firm(body, word, context) is firm


@pytest.mark.parametrize(
    ("body", "word", "firm"),
    [
        ("Ethiopian Airlines grew. Rivals cannot fight Ethiopian and Turkish on price.", "Ethiopian", True),
        ("Turkish Airlines grew. Rivals cannot fight Ethiopian and Turkish on price.", "Turkish", True),
        ("Ethiopian Airlines grew. He flew to Lagos on Ethiopian.", "Ethiopian", True),
        ("Ethiopian Airlines grew. The pilots were Ethiopian, the airline said.", "Ethiopian", False),
        ("Ethiopian Airlines grew. The crew, mostly Kenyan and Ethiopian, were safe.", "Ethiopian", False),
        ("Ethiopian Airlines grew. Travellers now fly Ethiopian to Europe.", "Ethiopian", True),  # no adverb
        ("Ethiopian Airlines grew. The show was more Ethiopian than ever.", "Ethiopian", False),
        ("Ethiopian Airlines grew. Ethiopian and Kenyan officials met.", "Ethiopian", False),
        ("Ethiopian Airlines grew. Rivals cannot fight Ethiopian and other carriers.", "Ethiopian", False),
        ("Rivals cannot fight Ethiopian on price.", "Ethiopian", False),  # no airline named
        ("Ethiopian", "Ethiopian", False),  # nothing before it
    ],
)
def test_a_demonym_alone_as_a_noun(body: str, word: str, firm: bool, context: CountryContext) -> None:
    assert _firm(body, word, context) is firm


@pytest.mark.parametrize(
    ("body", "inside"),
    [
        ("The JPMorgan Indian Investment Trust rose.", True),
        ("Ethiopian Airlines grew.", False),  # the body's first word
        ("In Ethiopian Airlines' hub, work began.", False),  # a function word before it
        ("Shares of Ethiopian Airlines rose.", False),
    ],
)
def test_a_name_another_word_opens(body: str, inside: bool, context: CountryContext) -> None:
    start = body.index("Indian") if "Indian" in body else body.index("Ethiopian")
    assert namesakes._inside_a_name(body, start, context) is inside


@pytest.mark.parametrize(
    ("body", "word", "previous", "stage"),
    [
        ("The club beat Old Albanians on Saturday.", "Albanians", "Old", True),
        ("She reads Middle Dutch, the poems of Flanders.", "Dutch", "Middle", True),
        ("Old Russians remember the war.", "Russians", "Old", False),  # a sentence's first word
        ("Songs of Old Mexico were played.", "Mexico", "Old", False),  # a country's name
        ("The club beat Albanians on Saturday.", "Albanians", None, False),
    ],
)
def test_a_languages_stage_or_old_members(
    body: str, word: str, previous: str | None, stage: bool, context: CountryContext
) -> None:
    start = body.index(word)
    assert country_context._a_stage_or_old_members(body, start, word, previous, context) is stage


@pytest.mark.parametrize(
    ("body", "word", "market"),
    [
        ("Investors sold German Bunds.", "German", True),
        ("Yields on US Treasuries rose.", "US", True),
        ("The Korean Kospi fell 2%.", "Korean", True),
        ("The Welsh Guards marched.", "Welsh", False),
        ("The Swiss Market Index fell.", "Swiss", False),
        ("German", "German", False),  # nothing after it
    ],
)
def test_a_countrys_bonds_or_share_index_after_it(body: str, word: str, market: bool) -> None:
    end = body.index(word) + len(word)
    assert country_context._before_its_own_market(body, end) is market
