"""A body named after a country by a common noun: "Police Scotland", "Statistics Canada", "Cricket
Australia", "BBC Scotland", "the Church of England", "the Supreme Court of Canada"; and a state's
body, a saint and a language of teaching named by a country's form.

country_context.py asks these among its own rules; they read only the body around the form and
WordNet's nouns (gql_news/data/body_name_words.json, made by scripts/body_name_words.py):

- a noun capitalised right before a country's name opens a body's name ("Police Scotland warned",
  "Tourism Ireland said", "a Cricket Australia official"), as an abbreviation does ("BBC
  Scotland", "MTN Nigeria"). Not a noun that is also an adjective or an adverb ("Nazi Germany",
  "Meanwhile Britain"), nor one first of all a person, a place, a time or an object ("Vichy
  France", "Yesterday Britain", "Mainland China"), nor a side's word ("Team India"), a title, a
  given name, a demonym, a participle ("Visiting Jordan, he", "Landlocked Chad") or a word
  WordNet lacks ("Brexit Britain"); nor a country's own abbreviation ("US Mexico border"). A
  bank's word opens one ("Bank Indonesia"), and so does a firm's name, whose unit in the country
  the whole name is: two capitalised words the first of which WordNet and the given names lack
  ("Hyundai Motor India", "Maruti Suzuki India"), or one such word the body also writes alone
  before a firm's verb or noun or as a firm's apposition ("Airtel Kenya ... Airtel said",
  "Nestlé India ... its parent, Nestlé,");
- a name of capitalised words joined by small words that ends with "of" or "for" and the
  country, whose noun before one of those is a body's (WordNet's noun.group first of all:
  "church", "court", "party", "board") or one of the institutions' words country_context.py
  lists, after "the" or with another capitalised word ("the Church of England", "the Supreme
  Court of Canada", "the National Association of Automobile Manufacturers of South Africa"): the
  body's name. Not "in", which says where a body is ("the Department for Education in England");
  the nouns for a country's own state and people ("the Government of India") keep the country;
- a demonym before a state's body written with a capital ("the Indian Government", "the Nigerian
  Army") or before a hyphened word ("American Virginia-class submarines") begins no proper name;
- a demonym before a word that WordNet's names of churches put after one ("Greek Orthodox
  Church", "Armenian Apostolic Orthodox Church": country_compounds.json's "faith_words") begins a
  church's name ("the Greek Orthodox Patriarch", "a Serbian Orthodox priest"), not the country;
- a country named after a saint is the saint in a church's, a charity's, a street's or a feast's
  name ("St Martin-in-the-Fields", "the St Vincent de Paul Society", "St Lucia's Day");
- a demonym that is also a language's name before "medium" or "immersion" is the language a
  school teaches in ("Irish-medium schools", "French immersion");
- a country's name joined by "&" to a capitalised name that is no country's is a firm's partner
  ("Holland & Barrett", "Wales & West Utilities"); not "UK & Ireland", "Bosnia & Herzegovina".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING

from gql_news.ingest.cue_words import LEADING_STOP, TITLES
from gql_news.ingest.resources import data_file, read_json

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

# a side's word before a country's name: "Team India", "Team Australia" are its national sides
_SIDES = frozenset(["team", "squad"])
_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
_ROMAN = re.compile(r"[IVXLCDM]+")
# a bank's word before the country: "Bank Indonesia", "Bank Austria"
_BANKS = frozenset(["Bank", "Banco", "Banca", "Banque"])
# a name's words before the country: capitalised words and the small words that join them
_NAME_RUN = re.compile(r"(?:(?<![^\W_'’-])(?:[A-Z][\w'’-]*|of|for|in|the|and|de|du)[^\S\n]+){2,10}$")
_JOINS = frozenset(["of", "for", "in", "the", "and", "de", "du"])
# not "in": "the Department for Education in England", "the High Court in Nairobi" say where it is
_ENDS = frozenset(["of", "for"])
_ENDINGS = (" of ", " for ", " of the ", " for the ")
# nouns for the country's own state and people: "the Government of India" is the country's
_THE_COUNTRY_ITSELF = frozenset(
    [
        "government",
        "people",
        "nation",
        "republic",
        "population",
        "public",
        "army",
        "navy",
        "military",
        "regime",
    ]
)
_RUN_REACH = 120
_PARTICIPLES = ("ing", "ed")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = read_json(data_file("body_name_words.json"))
    return frozenset(data["not_before"]), frozenset(data["bodies"]) - _THE_COUNTRY_ITSELF


@lru_cache(maxsize=1)
def _country_abbreviations() -> frozenset[str]:
    """The countries' forms written in capitals ("US", "UK", "UAE", "DRC")."""
    return frozenset(form for form in _country_names() if _ABBREVIATION.fullmatch(form))


def opens_a_body_name(body: str, start: int, end: int, previous: str | None, context: CountryContext) -> bool:
    """Whether the capitalised word right before a country's name opens a body's name with it
    ("Police Scotland", "Statistics Canada", "BBC Scotland"): see the module docstring."""
    form = body[start:end]
    if previous is None or not form[:1].isupper() or form.lower() in context.demonyms:
        return False
    if body[start - len(previous) - 1 : start] != f"{previous} ":
        return False  # one space between them: a name's words
    lower = previous.lower()
    if (
        lower in LEADING_STOP
        or lower in TITLES
        or lower in context.stop_words
        or lower in context.demonyms
        or lower in context.given_names
        or lower in _SIDES
    ):
        return False
    if previous in _BANKS:
        return True  # "Bank Indonesia", a central bank, as "the Bank of England"
    if _a_firms_unit(body, start, previous, context):
        return True  # "Airtel Kenya ... Airtel said", "Hyundai Motor India"
    not_before, _ = _words()
    if lower in not_before:
        return False  # "Nazi Germany", "Vichy France", "Yesterday Britain", "DJ Peru"
    if _ABBREVIATION.fullmatch(previous):
        return not _ROMAN.fullmatch(previous) and previous not in _country_abbreviations()
    return (
        len(previous) > 2  # not a particle ("La Réunion", "El Salvador")
        and not lower.endswith(_PARTICIPLES)  # a verb taking it as object: "Visiting Jordan, the"
        and previous[1:].isalpha()
        and previous[1:].islower()
        and lower in context.nouns
    )


# what a firm does or has, after its name alone: "Airtel said", "Nestlé's shares"
_A_FIRMS_WORDS_AFTER = re.compile(
    r"(?:[^\S\n]+(?:said|says|reported|posted|announced|owns|employs|sells|makes|operates)"
    r"|['’]s[^\S\n]+(?:shares|profits?|revenues?|sales|chief|parent|units?|subsidiary|subscribers|customers))"
    r"(?![\w'’-])"
)
# a firm's noun before its name in an apposition: "The unit's parent, Nestlé, is"
_A_FIRMS_NOUN_BEFORE = re.compile(
    r"(?<![^\W_])(?:parent|owner|rival|partner|group|company|firm)(?:,|[^\S\n]company,)?[^\S\n]$"
)
_BRAND_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*[^\W\d_])[^\S\n]$")


def _a_firms_unit(body: str, start: int, previous: str, context: CountryContext) -> bool:
    """Whether the capitalised words right before a country's name are a firm's, whose unit in the
    country the whole name is: a word WordNet lacks that opens a name of two words before the
    country ("Hyundai Motor India", "Maruti Suzuki India"), or one the body writes alone where a
    firm's verb or a firm's noun follows it or an apposition calls it a firm ("Airtel Kenya ...
    Airtel said", "Nestlé India ... Nestlé's shares", "the unit's parent, Nestlé,").
    A word WordNet lacks before the country alone is as often an epithet ("Brexit Britain")."""
    if not previous[:1].isupper() or not previous[1:].isalpha() or not previous[1:].islower():
        return False
    opening = start - len(previous) - 1
    first = _BRAND_BEFORE.search(body, max(0, opening - 40), opening)
    if (
        first is not None
        and _an_unknown_name(first.group(1), context)
        and f"{first.group(1)} {previous}" not in context.place_names  # not "Sao Paulo Brazil"
    ):
        return True  # "Hyundai Motor India", "Maruti Suzuki India"
    if not _an_unknown_name(previous, context):
        return False
    found = body.find(previous)
    while found != -1:
        after = found + len(previous)
        if (
            found != opening
            and not (found and (body[found - 1].isalnum() or body[found - 1] in "'’-"))
            and (
                _A_FIRMS_WORDS_AFTER.match(body, after)
                or (
                    body.startswith(",", after)
                    and _A_FIRMS_NOUN_BEFORE.search(body, max(0, found - 30), found)
                )
            )
        ):
            return True
        found = body.find(previous, after)
    return False


def _an_unknown_name(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is a name no dictionary or list of given names holds ("Airtel",
    "Hyundai"), and no country's name or demonym."""
    lower = word.lower()
    return (
        len(word) > 2
        and word.isalpha()
        and word[1:].islower()
        and lower not in context.known_words
        and lower not in context.stop_words
        and lower not in LEADING_STOP
        and lower not in TITLES
        and lower not in context.given_names
        and lower not in context.demonyms
        and word not in _country_names()
    )


def ends_a_body_name(body: str, start: int, institutions: Collection[str]) -> bool:
    """Whether the form ends a body's name of capitalised words joined by "of", "for" or "in"
    ("the Church of England", "the Supreme Court of Canada"): see the module docstring.
    `institutions` are country_context.py's words for a named institution ("University", "Bank")."""
    if not body.endswith(_ENDINGS, 0, start):
        return False  # the common case, read without the pattern
    run = _NAME_RUN.search(body, max(0, start - _RUN_REACH), start)
    if run is None:
        return False
    words = run.group(0).split()
    if words[-1] == "the":
        words.pop()
    if not words or words[-1] not in _ENDS:
        return False
    if "and" in words:
        words = words[len(words) - words[::-1].index("and") :]  # the last of listed names
    while words and words[0] in _JOINS and words[0] != "the":
        words.pop(0)  # "of", "and": the end of a longer name or phrase before this one
    article = bool(words) and words[0] in ("the", "The")
    named = [word for word in words if word not in _JOINS and word != "The"]
    if not named or not (article or len(named) >= 2):
        return False  # "Scientists in Spain", "People in Ireland": a sentence's subject
    _, bodies = _words()
    return any(
        (word in institutions and word != "States")  # "the Baltic States of Estonia": countries
        or (word.lower() in bodies and word[1:].islower())
        for word, then in itertools.pairwise(words)
        if then in _ENDS  # the head of a name "X of Y": not "the Gulf States of Qatar"
    )


# a capitalised word after a demonym, and a possessive: "the Indian Government's", "Virginia-class"
_LOWER_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![\w'’-])")
_CAPITALISED_AFTER = re.compile(r"[^\S\n]([A-Z][a-z]+)(?:(['’]s?)|(-[a-z]+))?(?![\w'’-])")


def a_states_body_after(body: str, end: int, bodies: Collection[str], context: CountryContext) -> bool:
    """Whether the capitalised word after a demonym is a noun for a body every state has, written
    with a capital ("the Indian Government", "the Scottish Government's", "the Nigerian Army",
    "the British Embassy"), or the first part of a hyphened word that qualifies a noun ("three
    American Virginia-class submarines"): the demonym says whose it is and begins no proper name.
    Not where a common noun follows the body's, making a thing's name ("a Swiss Army knife").
    `bodies` are country_context.py's nouns for people or bodies a country has ("government",
    "embassy", "army")."""
    found = _CAPITALISED_AFTER.match(body, end)
    if found is None:
        return False
    if found.group(3) is not None:
        return True
    if found.group(1).lower() not in bodies:
        return False
    after = _LOWER_WORD_AFTER.match(body, found.end())
    return (
        found.group(2) is not None
        or after is None
        or after.group(1) in context.stop_words
        or after.group(1) not in context.nouns
        or after.group(1).endswith("ed")
    )


@lru_cache(maxsize=1)
def _faith_words() -> frozenset[str]:
    return frozenset(read_json(data_file("country_compounds.json"))["faith_words"])


_WORD_AFTER = re.compile(r"[^\S\n]+([A-Za-z]+)(?![\w'’-])")


def a_churchs_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym comes before a word of a church's name ("the Greek Orthodox Patriarch",
    "a Russian Orthodox priest", "the Armenian Apostolic Church"): the church, not the country."""
    if body[start:end].lower() not in context.demonyms:
        return False
    found = _WORD_AFTER.match(body, end)
    return found is not None and found.group(1).lower() in _faith_words()


_SAINT = ("St ", "St. ", "Saint ")
# after a saint's name: a hyphened name ("St Martin-in-the-Fields"), a particle ("St Vincent de
# Paul"), or a possessive that ends the name or leads to a capitalised word ("St Martin's.",
# "St Lucia's Day", "St Vincent's Hospital")
_SAINTS_AFTER = re.compile(
    r"-[A-Za-z]|[^\S\n]+(?:de|du|des|da)[^\S\n]+[A-Z]|['’]s(?:[^\S\n]*[,.;:)!?\n]|$|[^\S\n]+([A-Z][a-z]+)(?:[^\S\n]+([A-Z][a-z]+))?)"
)


def a_saints_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a country named after a saint ("St Martin", "Saint Lucia", "St Vincent") is the
    saint's name in a church's, a charity's, a street's or a feast's ("St Martin-in-the-Fields",
    "the St Vincent de Paul Society", "the vicar of St Martin's.", "St Lucia's Day", "St Vincent's
    Hospital"); not where a title or the state's body follows the possessive ("St Lucia's Prime
    Minister", "St Kitts's Government"), nor a lower-case noun ("St Lucia's economy")."""
    if not body.startswith(_SAINT, start):
        return False
    found = _SAINTS_AFTER.match(body, end)
    if found is None:
        return False
    _, bodies = _words()
    return not any(
        word is not None
        and (word.lower() in TITLES or word.lower() in bodies or word.lower() in _THE_COUNTRY_ITSELF)
        for word in found.groups()
    )


# a language a school teaches in: "Irish-medium schools", "French immersion", "Welsh-medium education"
_TAUGHT_IN = re.compile(r"(?:-|[^\S\n]+)(?:medium|immersion)(?![\w'’-])")


def a_language_taught_in(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym that is also a language's name comes before "medium" or "immersion",
    the language a school teaches in ("Irish-medium schools", "French immersion programmes")."""
    return body[start:end].lower() in context.languages and _TAUGHT_IN.match(body, end) is not None


# a capitalised run after an ampersand ("& Barrett", "& New Zealand") and before one ("Smith & ")
_AMPERSAND_AFTER = re.compile(r" & ((?:[A-Z][\w'’-]*)(?:[^\S\n]+[A-Z][\w'’-]*){0,3})")
_AMPERSAND_BEFORE = re.compile(r"(?<![^\W_])((?:[A-Z][\w'’-]*[^\S\n]+){0,3}[A-Z][\w'’-]*) & $")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's names, aliases and demonyms as written ("Herzegovina" is not one;
    "Bosnia and Herzegovina" is)."""
    from gql_news.ingest.countries import desired_countries

    return frozenset(
        form
        for row in desired_countries()
        for form in (row.name, row.official_name, *row.aliases, *row.demonyms)
        if form is not None
    )


def joined_by_an_ampersand(body: str, start: int, end: int) -> bool:
    """Whether the form is joined by "&" to a capitalised name that is no country's, the way a
    firm's partners are ("Holland & Barrett", "Wales & West Utilities", "Smith & Jordan"); not
    two countries ("UK & Ireland") nor one country's name so written ("Bosnia & Herzegovina")."""
    if not (body.startswith(" & ", end) or body.endswith(" & ", 0, start)):
        return False  # the common case, read without the patterns
    names = _country_names()
    form = body[start:end]
    after = _AMPERSAND_AFTER.match(body, end)
    if after is not None:
        words = after.group(1).split()
        partners = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
        return not any(p in names or f"{form} and {p}" in names for p in partners)
    before = _AMPERSAND_BEFORE.search(body, max(0, start - 60), start)
    if before is not None:
        words = before.group(1).split()
        partners = [" ".join(words[-n:]) for n in range(1, len(words) + 1)]
        return not any(p in names or f"{p} and {form}" in names for p in partners)
    return False
