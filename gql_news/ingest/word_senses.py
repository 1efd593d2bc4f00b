"""More readings of a country's form as something else: a language in a list of languages, a
word quoted as a word, a style said of someone, a work's title, a state's people, an
organisation's, a firm's or a town's name and a manner.

country_context.py asks these among its own rules; they read only the body around the form:

- a language: "spoke Igbo, English, French and some Irish" lists languages, which the ISO 639-1
  names (pycountry) tell from other capitalised words, so the list reaches back to a verb of
  speaking through languages that are no country's demonym;
- a word quoted as a word: 'plants labelled "Spanish" or "Japanese"', where the quotation marks
  hold the form alone and no sentence;
- a style said of someone: "had been too French in the first quarter", a demonym after a word
  of degree with no noun of its own;
- a work's title: "the festival will also show The Dane", a capitalised "The" inside a sentence
  opening the form, as a film's, a book's or a play's title does;
- a US state's people ("Georgians"), an organisation named by two joined forms ("The England
  and Wales Cricket Board"), a firm named by a demonym alone ("the budget carrier Norwegian
  said"), a manner named after a country ("Swiss-style"), and names a plural apposition calls
  towns ("Norway or Sweden, two other Maine towns", "Sweden and Denmark, two small towns", "...,
  all of them towns in Maine") or a plural of towns introduces ("the hill towns of Oxford County,
  among them Norway, Paris, Mexico and Peru"; not "cities such as Singapore").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gql_news.ingest.shipped_cache import cached_derivation

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

# the opening and closing marks of a quotation that holds a single word
_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'"}
# words of degree before an adjective said of someone or something: "too French", "so British"
_DEGREE = frozenset(["too", "so", "very", "quite", "rather", "terribly", "thoroughly", "utterly"])
# a list of demonyms that shares a noun after it: "very French and Danish butter"
_LIST_AFTER = re.compile(r"(?:,|[^\S\n]+(?:and|or))[^\S\n]+[A-Z]")
_LOWER_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)")
_THE_BEFORE = re.compile(r"(?<![^\W_])The[^\S\n]+$")


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """The names of the ISO 639-1 languages, lower case ("igbo", "quechua", "english"): derived
    from pycountry once per its version (reading its languages takes some 50 ms), then cached."""
    return frozenset(cached_derivation("language-names", ("pycountry",), _derive_language_names))


def _derive_language_names() -> list[str]:
    import pycountry

    return _one_word_names(language for language in pycountry.languages if hasattr(language, "alpha_2"))


def _one_word_names(languages: Iterable[Any]) -> list[str]:
    """The one-word names of pycountry's languages, lower case, sorted."""
    names = set()
    for language in languages:
        for name in language.name.split(";"):
            name = name.removesuffix(" (macrolanguage)").strip()  # "Swahili (macrolanguage)"
            if name.isalpha():
                names.add(name.lower())
    return sorted(names)


# the kinds of tongue named after a people's word: "in Haitian Creole and French"
_TONGUES_KINDS = frozenset(["creole", "pidgin", "patois"])


def names_a_language(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is a language's name: a demonym that is also a language's, or an
    ISO 639-1 language ("Igbo", "Yoruba", "English", "Swahili"), or a creole's, a pidgin's or a
    patois's noun ("Haitian Creole")."""
    lower = word.lower()
    return (
        lower in context.languages
        or lower in _language_names()
        or lower in _TONGUES_KINDS
        or (lower in context.demonyms and lower in _living_language_names())
    )


@lru_cache(maxsize=1)
def _living_language_names() -> frozenset[str]:
    """The one-word names of the living ISO 639-3 languages, lower case ("palauan", "tetum",
    "marshallese"), read only for a word that is a demonym too: the people's tongue."""
    return frozenset(
        cached_derivation("living-language-names", ("pycountry",), _derive_living_language_names)
    )


def _derive_living_language_names() -> list[str]:
    import pycountry

    return _one_word_names(
        language for language in pycountry.languages if getattr(language, "type", None) == "L"
    )


def quoted_as_a_word(body: str, start: int, end: int) -> bool:
    """Whether the form stands alone between quotation marks: the word itself, not the country
    ('labelled "Spanish" or "Japanese"')."""
    if start == 0 or end >= len(body):
        return False
    opening = body[start - 1]
    return opening in _QUOTE_PAIRS and body[end] == _QUOTE_PAIRS[opening]


def a_style_said_of(body: str, start: int, end: int, before: str | None, context: CountryContext) -> bool:
    """Whether a demonym after a word of degree, with no noun of its own (no lower-case word after
    it but a function word), says what someone or something is like ("they had been too French
    in the first quarter", "it felt very British."), not "very British brands"."""
    if before not in _DEGREE or body[start:end].lower() not in context.demonyms:
        return False
    if _LIST_AFTER.match(body, end):
        return False  # "so French, Belgian and Danish butter": the demonyms share a noun
    after = _LOWER_WORD_AFTER.match(body, end)
    return after is None or after.group(1) in context.stop_words


def opens_a_title(body: str, start: int, end: int, demonyms: frozenset[str]) -> bool:
    """Whether a demonym follows a capitalised "The" inside a sentence: the title of a work
    ("will also show The Dane", "a revival of The Italian Job")."""
    if body[max(0, start - 4) : start - 1] != "The":
        return False
    from gql_news.ingest.country_context import sentence_start  # that module reads this one

    found = _THE_BEFORE.search(body, max(0, start - 10), start)
    return (
        found is not None and body[start:end].lower() in demonyms and not sentence_start(body, found.start())
    )


def people_of_a_state(form: str, context: CountryContext) -> bool:
    """Whether a plural demonym names the people of a US state that shares the country's name
    ("Georgians are tough" from Georgia's governor); read in a body that speaks of the United
    States and names the country nowhere else."""
    return form.endswith("ns") and form.lower() in _states_people(context.us_states)


@lru_cache(maxsize=4)
def _states_people(states: frozenset[str]) -> frozenset[str]:
    """The plural demonyms a US state's name makes with "-n" or "-an" ("georgians")."""
    return frozenset(state.lower() + ending for state in states for ending in ("ns", "ans"))


_JOINED_NAME_AFTER = re.compile(r"[^\S\n]+(?:and|&)[^\S\n]+[A-Z][\w'’-]*")


def a_joined_organisation(body: str, end: int, ends_an_organisation: Callable[[str, int], bool]) -> bool:
    """Whether the form and a capitalised word joined to it by "and" open an organisation's name
    ("The England and Wales Cricket Board"): `ends_an_organisation` reads the name on from that
    word."""
    joined = _JOINED_NAME_AFTER.match(body, end)
    return joined is not None and ends_an_organisation(body, joined.end())


# what follows a noun that names one firm or thing: its possessive, "which", or a verb of reporting
_A_NAMES_CLAUSE_AFTER = re.compile(
    r"(?:['’]s[^\S\n]+[a-z]|,[^\S\n]+which[^\S\n]|[^\S\n]+(?:said|says|reported|reports|announced)(?![^\W_]))"
)
_ADJECTIVE_ENDINGS = ("ian", "ese", "ish", "ic", "an", "ss", "ch", "ai")
_FIRM_NOUNS = frozenset(
    [
        "carrier",
        "airline",
        "retailer",
        "chain",
        "group",
        "firm",
        "company",
        "bank",
        "insurer",
        "lender",
        "brand",
    ]
)


def a_demonym_naming_one(
    body: str, start: int, end: int, before: str | None, demonyms: frozenset[str]
) -> bool:
    """Whether an adjective demonym stands as a noun with no determiner, followed by a possessive,
    "which" or a verb of reporting ("the budget carrier Norwegian said", "Norwegian's shares",
    "Norwegian, which flies"): the name of a firm, as a country's people take an article ("the
    Norwegians said") and a country's possessive its name ("Norway's")."""
    lower = body[start:end].lower()
    return (
        lower in demonyms
        and lower.endswith(_ADJECTIVE_ENDINGS)
        and (before is None or before in _FIRM_NOUNS)
        and _A_NAMES_CLAUSE_AFTER.match(body, end) is not None
    )


# a style named after a country: "Swiss-style rösti", "Soviet-style planning"
_STYLE_AFTER = re.compile(r"[-‐‑](?:style|styled)(?![^\W_])")


def a_style_named(body: str, end: int) -> bool:
    """Whether "-style" follows the form: a manner named after the country, not the country."""
    return body[end : end + 1] in "-‐‑" and _STYLE_AFTER.match(body, end) is not None


# the next item of a list of capitalised names: " or Sweden", ", Peru", ", and Denmark"
_NEXT_NAME = re.compile(r"(?:,| and| or|, and|, or)[^\S\n]+[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*)?")


def _list_positions(body: str, end: int, items: int) -> Iterator[int]:
    """The end of the form and of each next name of the list it opens or continues (`_NEXT_NAME`),
    up to `items` of them: where what follows the list may be read."""
    position = end
    for _ in range(items):
        yield position
        item = _NEXT_NAME.match(body, position)
        if item is None:
            return
        position = item.end()


# a plural apposition that calls the names towns: ", two other Maine towns", ", both villages",
# ", two small towns near", ", all of them towns in Maine", ", all small mill towns"; or a singular one said
# of each: ", each a town"
_TOWNS_AFTER = re.compile(
    r",[^\S\n]+(?:(?:two|three|four|five|six|both|all)(?:[^\S\n]+of[^\S\n]+them)?(?:[^\S\n]+other)?"
    r"(?:[^\S\n]+(?:[A-Z][\w'’-]*|(?!the\b|a\b|an\b)[a-z]+)){0,2}"
    r"[^\S\n]+(?:towns|cities|villages|hamlets|townships|suburbs|boroughs)"
    r"|each(?:[^\S\n]+of[^\S\n]+them)?[^\S\n]+an?(?:[^\S\n]+[a-z]+)?"
    r"[^\S\n]+(?:town|city|village|hamlet|township|suburb|borough))(?![\w'’-])"
)


# a plural apposition after a list, which may call its names something other than towns: ", both
# big copper producers", ", all of them members"
_SET_OFF_LIST_AFTER = re.compile(r",[^\S\n]+(?:two|three|four|five|six|both|all|each)(?![\w'’-])")


def list_called_otherwise(body: str, end: int) -> bool:
    """Whether the list of names that the form opens or continues is followed by a plural
    apposition that calls them something other than towns ("Peru and Chile, both big copper
    producers"): what they are is said, and it is not towns."""
    for position in _list_positions(body, end, 6):
        if _SET_OFF_LIST_AFTER.match(body, position):
            return _TOWNS_AFTER.match(body, position) is None
    return False


# a plural noun of towns and the list it introduces, up to the form: "the hill towns of Oxford
# County, among them Norway, Paris, ", "villages such as Denmark and " (not "cities": "cities
# such as Singapore" names a city that is a country)
_TOWNS_INTRODUCED_BY = ("among them", "including", "such as")
_TOWN_NOUNS = ("towns", "villages", "hamlets", "townships", "suburbs", "boroughs")
_TOWNS_BEFORE_LIST = re.compile(
    rf"(?<![\w'’-])(?:{'|'.join(_TOWN_NOUNS)})"
    rf"(?:[^\S\n]+(?:of|in)(?:[^\S\n]+[A-Z][\w'’-]*){{1,3}})?,?[^\S\n]+(?:{'|'.join(_TOWNS_INTRODUCED_BY)})[^\S\n]+"
    r"(?:[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*)?(?:,|[^\S\n]+and|[^\S\n]+or|,[^\S\n]+and|,[^\S\n]+or)[^\S\n]+){0,11}$"
)


def introduces_towns(body: str) -> bool:
    """Whether the body holds both a plural noun of towns and a phrase that introduces a list."""
    return any(word in body for word in _TOWNS_INTRODUCED_BY) and any(noun in body for noun in _TOWN_NOUNS)


def towns_introduced(body: str, start: int) -> bool:
    """Whether the form stands in a list introduced by a plural noun of towns ("the hill towns of
    Oxford County, among them Norway, Paris, Mexico and Peru"): the names are the towns'. Asked
    only of a body that holds such a noun and phrase (`introduces_towns`, read once per body)."""
    begin = max(0, start - 400)
    if not any(body.find(word, begin, start) >= 0 for word in _TOWNS_INTRODUCED_BY) or not any(
        body.find(noun, begin, start) >= 0 for noun in _TOWN_NOUNS
    ):
        return False  # found by plain searches before the pattern is tried
    return _TOWNS_BEFORE_LIST.search(body, begin, start) is not None


def towns_listed(body: str, end: int) -> bool:
    """Whether the form, or the list of names it opens, is followed by a plural apposition calling
    them towns ("in Norway or Sweden, two other Maine towns")."""
    if not body.startswith((",", " and ", " or "), end):
        return False
    # a signpost's list may name nine towns
    return any(_TOWNS_AFTER.match(body, position) for position in _list_positions(body, end, 12))
