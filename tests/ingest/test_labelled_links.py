"""Linking quality on a labelled set of short articles written for the tests.

tests/ingest/labelled/articles.txt marks every mention the linker must find; anything else it
links is a false positive. Articles go through `store_article` (the import path) against the
ISO countries and tests/ingest/labelled/catalogue.json; precision and recall are computed over
exact spans and entities and asserted (>= 0.95 / >= 0.90), and the traps are checked one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.parser import parse_article
from gql_news.ingest.store import store_article
from gql_news.models import Mention
from gql_news.settings import Settings

HERE = Path(__file__).parent / "labelled"
_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
MIN_PRECISION, MIN_RECALL = 0.95, 0.90

Span = tuple[int, int, str]  # start, end, entity key (c:BY, p:<slug>, o:<slug>)


@dataclass(frozen=True)
class Labelled:
    title: str
    body: str
    gold: frozenset[Span]


def _unmark(paragraph: str) -> tuple[str, list[Span]]:
    text, spans, last = [], [], 0
    length = 0
    for match in _MARK.finditer(paragraph):
        plain = paragraph[last : match.start()]
        text.append(plain)
        length += len(plain)
        words, key = match.group(1), match.group(2)
        spans.append((length, length + len(words), key))
        text.append(words)
        length += len(words)
        last = match.end()
    text.append(paragraph[last:])
    return "".join(text), spans


def load_labelled() -> list[Labelled]:
    raw = (HERE / "articles.txt").read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if not line.startswith("#")]
    articles = []
    for block in "\n".join(lines).split("\n---\n"):
        title, *paragraphs = [p.strip() for p in block.strip().split("\n\n")]
        body_parts: list[str] = []
        gold: list[Span] = []
        offset = 0
        for paragraph in paragraphs:
            plain, spans = _unmark(paragraph)
            gold += [(start + offset, end + offset, key) for start, end, key in spans]
            body_parts.append(plain)
            offset += len(plain) + 2
        articles.append(Labelled(title, "\n\n".join(body_parts), frozenset(gold)))
    return articles


async def _predicted(article_id: int) -> set[Span]:
    rows = await Mention.filter(article_id=article_id).values_list(
        "start", "end", "country__code", "person__slug", "organisation__slug"
    )
    out: set[Span] = set()
    for start, end, code, person, organisation in rows:
        key = f"c:{code}" if code else f"p:{person}" if person else f"o:{organisation}"
        out.add((start, end, key))
    return out


def test_the_labelled_set_is_well_formed() -> None:
    articles = load_labelled()
    assert len(articles) == 10
    for article in articles:
        assert "[[" not in article.body
        kinds = {key[0] for _, _, key in article.gold}
        assert kinds <= {"c", "p", "o"}
    assert sum(len(a.gold) for a in articles) >= 60


@pytest.fixture
async def linked(db_session: Settings) -> list[tuple[Labelled, set[Span], str]]:
    await load_catalogue(HERE / "catalogue.json")
    out = []
    for article in load_labelled():
        text = f"{article.title}\n\nNews | June 1, 2024\n\n{article.body}"
        parsed = parse_article(text)
        assert parsed.body == article.body  # offsets in the file are offsets in the stored body
        result = await store_article(parsed)
        out.append((article, await _predicted(result.article_id), article.body))
    return out


async def test_precision_and_recall(linked: list[tuple[Labelled, set[Span], str]]) -> None:
    true_positives = false_positives = false_negatives = 0
    errors: list[str] = []
    for article, predicted, body in linked:
        true_positives += len(predicted & article.gold)
        for start, end, key in sorted(predicted - article.gold):
            false_positives += 1
            errors.append(f"{article.title}: linked {body[start:end]!r} as {key}")
        for start, end, key in sorted(article.gold - predicted):
            false_negatives += 1
            errors.append(f"{article.title}: missed {body[start:end]!r} ({key})")
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    report = f"precision {precision:.3f}, recall {recall:.3f}; " + "; ".join(errors)
    assert precision >= MIN_PRECISION, report
    assert recall >= MIN_RECALL, report


@pytest.mark.parametrize(
    "trap",
    ["turkey", "us", "Chad Miller", "Michael Jordan", "Georgia Brown", "India Patel", "Latin America",
     "Korean Peninsula", "Korean War", "Oslo", "Tehran"],
)  # fmt: skip
async def test_traps_stay_unlinked(linked: list[tuple[Labelled, set[Span], str]], trap: str) -> None:
    seen = False
    for _article, predicted, body in linked:
        for match in re.finditer(rf"(?<!\w){re.escape(trap)}(?!\w)", body):
            seen = True
            overlapping = [s for s in predicted if s[0] < match.end() and match.start() < s[1]]
            assert overlapping == [], (trap, overlapping)
    assert seen, trap
