"""Quotation extraction on a labelled set of short articles written for the tests.

tests/ingest/labelled/quotes.txt marks every quotation the extractor must find with its exact
text and speaker; anything else it stores is a false positive. People are linked by the real
linker against tests/ingest/labelled/quote_people.json. A found quote counts as correct only
when its span and its speaker both match; precision and recall are asserted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from gql_news.ingest.linker import Gazetteer, GazetteerEntry, find_mentions
from gql_news.ingest.quotes import find_quotes
from gql_news.ingest.slugs import make_slug

HERE = Path(__file__).parent / "labelled"
_MARK = re.compile(r"\[\[(.+?)\|([^\]]+)\]\]", re.DOTALL)
MIN_PRECISION, MIN_RECALL = 0.90, 0.90

Gold = tuple[int, int, str]  # start, end, speaker slug or "-"


def _gazetteer() -> tuple[Gazetteer, dict[int, str]]:
    people = json.loads((HERE / "quote_people.json").read_text(encoding="utf-8"))["people"]
    entries = [
        GazetteerEntry("person", pk, (p["name"], *p["aliases"])) for pk, p in enumerate(people, start=1)
    ]
    return Gazetteer(tuple(entries)), {pk: make_slug(p["name"]) for pk, p in enumerate(people, start=1)}


def _articles() -> list[tuple[str, set[Gold]]]:
    raw = (HERE / "quotes.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    out = []
    for block in text.split("\n---\n"):
        _title, body = block.strip().split("\n\n", 1)
        plain, gold, last = [], set(), 0
        length = 0
        for match in _MARK.finditer(body):
            plain.append(body[last : match.start()])
            length += match.start() - last
            words = match.group(1)
            gold.add((length, length + len(words), match.group(2)))
            plain.append(words)
            length += len(words)
            last = match.end()
        plain.append(body[last:])
        out.append(("".join(plain), gold))
    return out


def test_labelled_precision_and_recall() -> None:
    gazetteer, slugs = _gazetteer()
    articles = _articles()
    assert len(articles) == 18
    gold_total = found_total = correct = 0
    misses: list[str] = []
    for body, gold in articles:
        found = {
            (q.start, q.end, slugs[q.person_id] if q.person_id else "-")
            for q in find_quotes(body, find_mentions(body, gazetteer))
        }
        gold_total += len(gold)
        found_total += len(found)
        correct += len(found & gold)
        misses += [f"missed {body[s:e][:50]!r} ({who})" for s, e, who in gold - found]
        misses += [f"wrong {body[s:e][:50]!r} ({who})" for s, e, who in found - gold]
    precision, recall = correct / found_total, correct / gold_total
    assert gold_total == 43
    assert precision >= MIN_PRECISION, (precision, misses)
    assert recall >= MIN_RECALL, (recall, misses)
