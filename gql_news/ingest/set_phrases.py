"""Demonyms that say what a thing is like or name a shade, not the country: set phrases read by
their shape, with WordNet's first senses (gql_news/data/set_phrase_words.json and
set_phrase_names.json, made by scripts/set_phrase_words.py) to tell the nouns apart.

country_context.py asks these among its compound rules; they read only the body around the form:

- a quality: "a very British affair", "a quintessentially American story": an article, a word of
  degree and a demonym before a noun whose first sense is an act, an event, a communication, a
  feeling, a state or an attribute. A nationality is no matter of degree, so graded it is a
  character. A row of people, a firm or a brand's goods ("very British brands") stay the country's;
- a shade: "Prussian blue", "Turkish blue", "British racing green", a demonym before a colour
  noun that ends its phrase ("Chinese red and Egyptian blue"); not "Chinese red envelopes", nor a
  wine ("a French red") in a paragraph about drink;
- a modifier made of a thing: "a Russian-doll structure", "a Chinese-whispers pace", a demonym
  after "a" or "an" joined by a hyphen to a noun whose first sense is an artifact or a
  communication, before another noun; goods in bulk ("the Russian-oil price cap", "Russian-wheat
  buyers"), participles ("Chinese-owned") and money ("Swiss-franc loans") are none of these;
- a thing's name in quotation marks: 'the "Swiss army knife" of Asian debt', "“Thai basil”", the
  marks holding the demonym and one to three lower-case words, the last an artifact, an animal, a
  food or a plant, singular; people, acts, groups, goods in bulk, words and plural goods
  ("“Chinese spies”", "“Russian aggression”", "“Russian oil”", "“Russian propaganda”", "a campaign
  against “Chinese cars”") stay the country's;
- a WordNet noun of a country form and lower-case words that is no thing, whose gloss names none
  of the country's forms ("a Dutch uncle", "in Indian file", "Polish notation"; the list is
  set_phrase_words.json's "other_compounds");
- a game: "a game of Chinese whispers", "games of Russian roulette": a demonym right after "a game
  of" or "games of" names the game; not "the game of Brazilian football", the sport of a country,
  nor "a game of Mexican football's season".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from gql_news.ingest.resources import data_file, read_json

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

# words of degree before a demonym, after an article: "a very British", "an utterly French"
_DEGREE = frozenset(
    [
        "very",
        "so",
        "too",
        "quite",
        "rather",
        "typically",
        "quintessentially",
        "thoroughly",
        "utterly",
        "truly",
        "distinctly",
        "peculiarly",
        "uniquely",
        "most",
        "deeply",
        "characteristically",
        "terribly",
    ]
)
# an article and a word of degree before a demonym: "a very British", "an utterly French"
_GRADED_BEFORE = re.compile(r"(?<![^\W_])(?:[Aa]n?)[^\S\n]+(?:" + "|".join(sorted(_DEGREE)) + r")[^\S\n]+$")
# a word joined by a hyphen to the next is no word of the phrase ("blue-chip", "green-energy")
_LOWER_WORDS_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?:[^\S\n]+([a-z]+))?(?:[^\S\n]+([a-z]+))?(?![^\W_]|-)")
# a demonym joined to a lower-case word, and the word after: "Russian-doll structure"
_ARTICLE_BEFORE = re.compile(r"(?<![^\W_])[Aa]n?[^\S\n]+$")
_JOINED_AFTER = re.compile(r"-([a-z]+)[^\S\n]+([a-z]+)(?![^\W_-])")
# an opening quotation mark, and the demonym's lower-case words up to the closing one
_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’"}
_QUOTED_WORDS = re.compile(r"((?:[^\S\n]+[a-z]+){1,3})([\"”’])")
# a round of a game, not "the game of" a sport as a whole ("the game of Brazilian football")
_GAME_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:[Aa]|[Aa]nother|[Oo]ne)[^\S\n]+game|(?<![Tt]he )[Gg]ames)[^\S\n]+of[^\S\n]+$"
)
_DRINK_TALK = re.compile(
    r"(?<![^\W_])(?:wines?|bottles?|vintages?|grapes?|cellars?|sommeliers?)(?![^\W_])", re.I
)
_NEXT_LOWER = re.compile(r"[^\S\n]+[a-z]")
_LOWER_WORD = re.compile(r"[^\S\n]+([a-z]+)(?![^\W_]|-)")
_COMPOUND_WORDS = 3  # WordNet's compounds have two to four words
_SHADE_WORDS = 2  # "British racing green": a word may stand between the demonym and the colour


@lru_cache(maxsize=2)
def _lists(name: str) -> dict[str, frozenset[str]]:
    """The lists of a shipped file (each written as one line of words)."""
    return {key: frozenset(words.split()) for key, words in read_json(data_file(name)).items()}


def _words() -> dict[str, frozenset[str]]:
    """The long lists (set_phrase_words.json), read at the first phrase of a rarer shape (~7 ms)."""
    return _lists("set_phrase_words.json")


def _names() -> dict[str, frozenset[str]]:
    """The short lists (set_phrase_names.json): colours and WordNet's other compounds."""
    return _lists("set_phrase_names.json")


def a_set_phrase(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form body[start:end] says what a thing is like, names a shade, is joined into
    a modifier made of a thing, names a thing in quotation marks, a game or one of WordNet's other
    compounds (module docstring). Each reading is tried only where its shape can stand: a
    lower-case word, a hyphen or a closing mark after the form, "game" before it."""
    lower = body[start:end].lower()
    demonym = lower in context.demonyms
    starts = lower in _compound_starts()
    if not (demonym or starts):
        return False  # most forms: a country's name
    word_after = _NEXT_LOWER.match(body, end) is not None
    if word_after and starts and _another_compound(body, start, end, context):
        return True
    return demonym and (
        (word_after and (_a_quality(body, start, end, context) or _a_shade(body, end, context)))
        or (body.startswith("-", end) and _joined_to_a_thing(body, start, end, context.verb_forms))
        or (start > 0 and body[start - 1] in _QUOTE_PAIRS and _a_quoted_thing(body, start, end))
        or ("game" in body[max(0, start - 20) : start].lower() and _a_game(body, start, end))
    )


@lru_cache(maxsize=1)
def _compound_starts() -> frozenset[str]:
    """The country forms that begin one of WordNet's other compounds ("dutch", "indian")."""
    return frozenset(compound.split("_")[0] for compound in _names()["other_compounds"])


def _a_quality(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "a very British affair": a graded demonym before an abstract noun that ends the phrase."""
    space = body.rfind(" ", 0, start - 1)
    if (
        body[space + 1 : start - 1] not in _DEGREE
        or _GRADED_BEFORE.search(body, max(0, start - 40), start) is None
    ):
        return False
    after = _LOWER_WORDS_AFTER.match(body, end)
    if after is None or after.group(1) not in _words()["abstract_nouns"]:
        return False
    following = after.group(2)
    return following is None or following in context.stop_words or following not in context.nouns


def _a_shade(body: str, end: int, context: CountryContext) -> bool:
    """ "Turkish blue", "British racing green": a colour noun ending the demonym's phrase."""
    colours = _names()["colours"]
    position = end
    for _ in range(_SHADE_WORDS):
        word = _LOWER_WORD.match(body, position)
        if word is None or word.group(1) in context.stop_words:
            return False
        position = word.end()
        if word.group(1) in colours:
            following = _LOWER_WORD.match(body, position)
            if following is not None and following.group(1) not in context.stop_words:
                return False  # "Chinese red envelopes": the colour of the country's goods
            paragraph_start = body.rfind("\n\n", 0, end) + 1
            paragraph_end = body.find("\n\n", end)
            paragraph = body[paragraph_start : paragraph_end if paragraph_end >= 0 else len(body)]
            return _DRINK_TALK.search(paragraph) is None  # "a French red" among wines
    return False


def _joined_to_a_thing(body: str, start: int, end: int, verb_forms: frozenset[str]) -> bool:
    """ "a Russian-doll structure": the demonym, after "a" or "an", joined by a hyphen to an
    artifact's or a communication's noun before another noun; not an irregular participle that
    is also a noun ("a Saudi-led coalition": "led", a diode)."""
    joined = _JOINED_AFTER.match(body, end)
    if (
        joined is None
        or _ARTICLE_BEFORE.search(body, max(0, start - 4), start) is None
        or joined.group(1) in verb_forms
    ):
        return False
    words = _words()
    return _one_of(joined.group(1), words["artifacts"]) or _one_of(joined.group(1), words["speech"])


def _a_quoted_thing(body: str, start: int, end: int) -> bool:
    """'"Swiss army knife"': the demonym and the words of a thing's name alone in quotation marks,
    the last singular."""
    if start == 0 or body[start - 1] not in _QUOTE_PAIRS:
        return False
    quoted = _QUOTED_WORDS.match(body, end)
    if quoted is None or quoted.group(2) != _QUOTE_PAIRS[body[start - 1]]:
        return False
    last = quoted.group(1).split()[-1]
    words = _words()
    return last in words["artifacts"] or last in words["living_and_eaten"]


def _another_compound(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "a Dutch uncle", "Indian file": the form and the lower-case words after it make one of
    WordNet's other compounds, the last word singular or in -s, that ends the phrase ("Indian file
    clerks" may be clerks of India)."""
    compounds = _names()["other_compounds"]
    words = [body[start:end].lower()]
    position = end
    while len(words) <= _COMPOUND_WORDS:
        word = _LOWER_WORD.match(body, position)
        if word is None:
            return False
        words.append(word.group(1))
        position = word.end()
        singular = words[-1][:-1] if words[-1].endswith("s") else words[-1]
        if "_".join(words) in compounds or "_".join([*words[:-1], singular]) in compounds:
            following = _LOWER_WORD.match(body, position)
            return following is None or following.group(1) in context.stop_words
    return False


def _a_game(body: str, start: int, end: int) -> bool:
    """ "a game of Chinese whispers": a demonym right after "game of" and a game's name that is no
    owner ("the game of Mexican football's season" is the country's)."""
    if _GAME_BEFORE.search(body, max(0, start - 20), start) is None:
        return False
    name = _LOWER_WORDS_AFTER.match(body, end)
    return name is not None and not body.startswith(("'s", "’s"), name.end())


def _one_of(word: str, nouns: frozenset[str]) -> bool:
    """Whether `word`, or its singular in -s, is one of `nouns`."""
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)
