"""Time the linking pipeline on adversarial bodies at n, 2n and 4n bytes.

    .venv/bin/python scripts/ingest_growth.py [--kb 32] [--memory] [NAME ...]

For each generator the body is normalised as an import normalises it, then linked (mentions,
candidates, quotes) against the corpus catalogue. A ratio well above 2 per doubling at the larger
sizes means work that grows faster than the body (best of three runs,
the garbage collector held off). `--memory` also prints tracemalloc's peak.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gql_news.ingest.article_rows import link
from gql_news.ingest.drafts import BODY_MAX_BYTES
from gql_news.ingest.parser import normalise_body
from tests.ingest.corpus import catalogue

_PEOPLE = [
    "Aleksandr Lukashenko",
    "Emmanuel Macron",
    "Ursula von der Leyen",
    "Cyril Ramaphosa",
    "Javier Milei",
]
_COUNTRIES = ["France", "South Africa", "Belarus", "Germany", "the United States", "North Korea", "Niger"]
_DEMONYMS = ["French", "German", "South African", "Belarusian", "American", "Nigerien", "Korean"]


def _fill(unit: Callable[[int], str], size: int, sep: str = " ") -> str:
    parts, total = [], 0
    for i in itertools.count():
        part = unit(i)
        parts.append(part)
        total += len(part.encode("utf-8")) + len(sep)
        if total >= size:
            return sep.join(parts)
    raise AssertionError


def _word(i: int) -> str:
    """A distinct capitalised word for every i."""
    letters = "bcdfghjklmnprstvz"
    out = ""
    i += 17 * 17
    while i:
        i, r = divmod(i, len(letters))
        out += letters[r] + "aeiou"[r % 5]
    return out.capitalize()


GENERATORS: dict[str, Callable[[int], str]] = {
    "repeated-names": lambda n: _fill(lambda i: f"{_PEOPLE[i % 5]} met {_PEOPLE[(i + 1) % 5]}.", n),
    "capitalised-run": lambda n: _fill(lambda i: _word(i % 50), n),
    "capitalised-run-distinct": lambda n: _fill(_word, n),
    "quote-marks": lambda n: _fill(lambda i: "“", n, ""),
    "straight-quotes": lambda n: _fill(lambda i: '"', n, " "),
    "unbalanced-quotes": lambda n: _fill(lambda i: f"“We will win, {_word(i)} said.", n),
    "balanced-quotes": lambda n: _fill(lambda i: f"“We will win,” {_word(i)} {_word(i + 1)} said.", n),
    "said-clauses": lambda n: _fill(lambda i: f"{_word(i)} {_word(i + 7)} said, and", n),
    "said-pronoun": lambda n: _fill(lambda i: "“Yes,” he said.", n),
    "no-punctuation": lambda n: _fill(lambda i: "the minister went on and on", n),
    "hyphens": lambda n: _fill(lambda i: f"{_word(i)}-{_word(i + 1)}-van-der-{_word(i + 2)}", n),
    "particles": lambda n: _fill(lambda i: "van der de la von", n),
    "particles-names": lambda n: _fill(lambda i: f"{_word(i)} van der", n),
    "countries": lambda n: _fill(lambda i: _COUNTRIES[i % len(_COUNTRIES)], n),
    "countries-sentences": lambda n: _fill(
        lambda i: f"{_COUNTRIES[i % 7]} and {_DEMONYMS[i % 7]} officials met.", n
    ),
    "demonyms": lambda n: _fill(lambda i: _DEMONYMS[i % len(_DEMONYMS)], n),
    "huge-paragraph": lambda n: _fill(lambda i: f"{_word(i)} {_word(i + 3)} met officials in France.", n),
    "short-paragraphs": lambda n: _fill(lambda i: f"{_word(i)} spoke.", n, "\n\n"),
    "short-quote-paragraphs": lambda n: _fill(lambda i: f"“Go,” {_word(i)} said.", n, "\n\n"),
    "parentheses": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "parentheses-words": lambda n: _fill(lambda i: f"({_word(i)}", n),
    "non-ascii": lambda n: _fill(lambda i: "Ørjan Ødegård Žižek Łódź Çelik ŞİŞLİ", n),
    "long-token": lambda n: "A" + "a" * (n - 1),
    "long-capital-token": lambda n: "A" * n,
    "many-distinct-names": lambda n: _fill(lambda i: f"{_word(i)} {_word(i * 7 + 1)} won.", n),
    "named-things": lambda n: _fill(
        lambda i: f"the ship Spirit of {_word(i)} sailed past Spirit of Peru to Peru.", n
    ),
    "repeated-candidate": lambda n: _fill(lambda i: "Chad Whitfield Chad Whitfield", n),
    "repeated-speaker": lambda n: _fill(lambda i: "Ruan van der Berg won. “Yes,” van der Berg said.", n),
    "all-country-forms": lambda n: _fill(
        lambda i: f"{_FORMS[i % len(_FORMS)]} and Jordan {_FORMS[(i * 7) % len(_FORMS)]}.", n
    ),
    "plants": lambda n: _fill(lambda i: "Kenyan roses and Dutch tulips grow", n),
    "jordan-comma": lambda n: _fill(lambda i: f"Jordan {_word(i)}, a coach, met Jordan", n),
    "given-name-pairs": lambda n: _fill(lambda i: f"Jordan {_word(i)} met Jordan.", n),
    "named-things-long": lambda n: "the ship " + _fill(lambda i: "Spirit", n),
    "titles": lambda n: _fill(lambda i: f"President {_word(i)} {_word(i + 1)}, the minister,", n),
    "roles": lambda n: _fill(
        lambda i: f"{_word(i)} {_word(i + 1)}, the chief executive of {_word(i + 2)} Holdings,", n
    ),
    "dots": lambda n: _fill(lambda i: "Mr. Dr. St. U.S. A.", n),
    "dashes": lambda n: _fill(lambda i: "— –", n),
    "digits": lambda n: _fill(lambda i: f"{i} {i}.5", n),
    "apostrophes": lambda n: _fill(lambda i: f"{_word(i)}'s O'{_word(i)}", n),
    "colons": lambda n: _fill(lambda i: f"{_word(i)}: “yes", n),
    "he-she": lambda n: _fill(lambda i: "he she they his her", n),
    "given-names": lambda n: _fill(lambda i: "Maria Anna John Peter", n),
}


_CAT = catalogue()
_FORMS = sorted({form for entry in _CAT.gazetteer.entries if entry.kind == "country" for form in entry.forms})


def run(body: str) -> None:
    link(body, _CAT.gazetteer)


def _timed(body: str) -> float:
    """Seconds to link `body`, the garbage collector held off (its pauses are not the body's)."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run(body)
        return time.perf_counter() - started
    finally:
        gc.enable()


def measure(name: str, kb: int, memory: bool) -> None:
    cells = []
    times = []
    for factor in (1, 2, 4):
        size = min(kb * 1024 * factor, BODY_MAX_BYTES)
        body = normalise_body(GENERATORS[name](size))[:size]
        # a fresh copy each time: what a rule reads from a body is kept for that body object
        elapsed = min(_timed(f"{body} "[:-1]) for _ in range(3))
        times.append(elapsed)
        cell = f"{len(body.encode()) // 1024:4d}KB {elapsed:7.3f}s"
        if memory:
            tracemalloc.start()
            run(body)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            cell += f" {peak / 1e6:7.1f}MB"
        cells.append(cell)
    ratio = times[2] / max(times[1], 1e-6)
    flag = "  <-- super-linear?" if ratio > 2.6 and times[2] > 0.05 else ""
    print(f"{name:26s} {' | '.join(cells)}  x{ratio:4.1f}{flag}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=32)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    run("Warm up in France.")
    for name in args.names or GENERATORS:
        measure(name, args.kb, args.memory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
