"""The linker's and the country context's shortcuts find what the plain patterns they stand for
would: folding a body, the US places it names, the talk it holds, the word before a place."""

from __future__ import annotations

import random
import re

import pytest

from gql_news.ingest import country_context, one_word_names
from gql_news.ingest.country_context import (
    _COOKING_TALK,
    _CRAFT_TALK,
    _SPECIES_TALK,
    _TRADE_TALK,
    _TRANSLATION_TALK,
    _Talk,
    _us_places_in,
    shipped_country_context,
)
from gql_news.ingest.linker import _BODY_FOLD, fold
from gql_news.ingest.word_before import search_word_before

_SPACES = [" ", "  ", "\t", "\n", "\xa0", "\u2009", "", "-", "‑", "'", "’", ", ", ".", "_", " \n "]


def _texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) + rng.choice(_SPACES) for _ in range(rng.randint(1, 8)))
        for _ in range(count)
    ]


def test_fold_is_translate() -> None:
    pieces = ["Korea’s", "Côte d‘Ivoire", "ʼx", "a–b", "Ünal", "\u3000", "\x0b", "\x1c", "\x85", "“quoted”"]
    for text in _texts(pieces, 2000, 1):
        assert fold(text) == text.translate(_BODY_FOLD)


def test_us_places_as_the_alternation_finds_them() -> None:
    names = shipped_country_context().us_places
    longest_first = sorted(sorted(names), key=len, reverse=True)
    alternation = re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, longest_first))})(?![^\W_])")
    pieces = [*sorted(names)[::25], "Kansas City", "New York City", "Georgia", "Tbilisi", "x", "1", "é"]
    for text in _texts(pieces, 2000, 2):
        assert _us_places_in(text, names) == frozenset(m.group() for m in alternation.finditer(text))


@pytest.mark.parametrize("talk", [_COOKING_TALK, _CRAFT_TALK, _SPECIES_TALK, _TRADE_TALK, _TRANSLATION_TALK])
def test_talk_as_its_pattern_finds_it(talk: _Talk) -> None:
    rng = random.Random(3)
    words = [*talk.words, *talk.stems, *(stem + "ion" for stem in talk.stems), "menux", "x", "1"]
    odd = ["ſ", "ı", "İ", "K", "é", "_"]  # letters a case-blind pattern reads as ASCII ones, and others
    for text in _texts(words, 3000, 4):
        text = "".join(c.upper() if rng.random() < 0.3 else c for c in text)
        if rng.random() < 0.3:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(odd) + text[at + 1 :]
        country_context._body_facts = ("", {})
        assert talk.in_body(text) == (talk.pattern.search(text) is not None), text


@pytest.mark.parametrize(
    "pattern",
    [
        country_context._WORD_BEFORE,
        country_context._PLAIN_WORD_BEFORE,
        country_context._ROLE_BEFORE,
        country_context._TITLE_BEFORE,
        one_word_names._POSSESSOR,
        re.compile(r"([a-z]+)[^\S\n]+$"),  # no lookbehind: the leftmost start of the word's letters
        re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿ]+)[^\S\n]$"),  # one space only
    ],
)
def test_search_word_before_is_search(pattern: re.Pattern[str]) -> None:
    pieces = ["Jordan", "mr", "Dr.", "O'Neil", "Chelsea’s", "née", "the", "Reiss-Holland", "a,", "12", "Ünal"]
    for text in _texts(pieces, 400, 7):
        for start in range(len(text) + 1):
            for reach in (5, 30):
                plain = pattern.search(text, max(0, start - reach), start)
                found = search_word_before(pattern, text, start, reach)
                assert (found and (found.span(), found.groups())) == (
                    plain and (plain.span(), plain.groups())
                )
