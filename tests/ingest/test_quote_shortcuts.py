"""The quote attributor's shortcuts find what the plain word-by-word scans they stand for would:
the runs of capitalised words, and where the body writes each name."""

from __future__ import annotations

import random
import re

from gql_news.ingest.cue_words import PARTICLES
from gql_news.ingest.quotes import _WORD, _capitalised_runs, _occurrences

_SPACES = [" ", " ", " ", "  ", "\n", "\xa0", "", "-", "'", "’", ", ", ".", "_", " - ", "--"]
_PIECES = [
    *["Ruan", "van", "der", "Berg", "de", "la", "Cruz", "Ó", "ó", "y", "ní", "The", "In", "X"],
    *["said", "ÉMILE", "émile", "Ünal", "ǅemal", "ı", "İ", "1999", "2nd", "_Anna", "Anna_", "O'Neil"],
    *["-Lee", "Lee-", "’Ali", "al-Sayed", "bin", "Mac", "mac", "MC", "東京", "Ⅻ", "½", "x"],
]


def _texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) + rng.choice(_SPACES) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


def _runs_word_by_word(body: str) -> list[list[tuple[int, int]]]:
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    previous_end = -2
    for word in _WORD.finditer(body):
        text = word.group()
        joined = body[previous_end : word.start()] == " "
        if text[:1].isupper():
            if run and joined:
                run += [*pending, word]
            else:
                if run:
                    runs.append(run)
                run = [word]
            pending = []
        elif run and joined and text in PARTICLES:
            pending.append(word)
        else:
            if run:
                runs.append(run)
            run, pending = [], []
        previous_end = word.end()
    if run:
        runs.append(run)
    return [[w.span() for w in run] for run in runs]


def test_capitalised_runs_as_the_word_scan_finds_them() -> None:
    for text in _texts(_PIECES, 4000, 5):
        runs = _capitalised_runs(text)
        assert [[w.span() for w in run] for run in runs] == _runs_word_by_word(text), text
        assert all(w.group() == text[w.start() : w.end()] for run in runs for w in run)


def test_occurrences_as_finditer_finds_them() -> None:
    rng = random.Random(6)
    names = ["Anna Berg", "Berg", "Anna", "Ó Briain", "Briain", "de la Cruz", "Cruz", "al-Sayed", "Sayed"]
    names += ["O'Neil", "Neil", "Ünal", "1999 Anna", "-Lee", "Lee", "Berg Berg", "ANNA"]
    for text in _texts(_PIECES + names, 3000, 7):
        forms = rng.sample(names, rng.randint(1, len(names)))
        found = _occurrences(text, forms)
        for form in forms:
            pattern = rf"(?<![^\W_]){re.escape(form)}(?![^\W_])"
            assert found[form] == [m.span() for m in re.finditer(pattern, text)], (form, text)
