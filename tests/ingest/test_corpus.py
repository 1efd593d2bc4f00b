"""Linking, candidates and quote speakers on the labelled corpus (tests/ingest/corpus.py).

Both halves are scored and printed (`pytest -s` shows them); the thresholds are asserted on the
held-out half only, which is never used to tune the rules.
"""

from __future__ import annotations

import pytest

from tests.ingest.corpus import HALVES, Score, catalogue, half_of, load, score

MIN_COUNTRY_PRECISION, MIN_COUNTRY_RECALL = 0.97, 0.95
MIN_ROLE_CANDIDATE_RECALL = 0.90
MIN_QUOTE_PRECISION = MIN_QUOTE_RECALL = 0.95


def test_the_corpus_is_well_formed_and_split_by_title() -> None:
    halves = {half: load(half) for half in HALVES}
    assert sum(len(articles) for articles in halves.values()) >= 60
    sections = set()
    for half, articles in halves.items():
        assert len(articles) >= 25, half
        for article in articles:
            assert half_of(article.title) == half, (article.path, "filed in the wrong half")
            assert "[[" not in article.body
            assert "{{" not in article.body
            assert "|" not in article.body
            assert 50 <= len(article.body.split()) <= 400, article.path
            sections.add(article.section)
    assert sections >= {"politics", "business", "sport", "agriculture", "culture", "science", "obituaries"}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    cat = catalogue()
    out: dict[str, Score] = {half: score(load(half), cat) for half in HALVES}
    for half, result in out.items():
        print(f"\n[{half}]\n" + "\n".join(result.lines()))
    return out


def test_held_out_thresholds(scores: dict[str, Score]) -> None:
    held = scores["heldout"]
    assert held.countries.recall >= MIN_COUNTRY_RECALL, held.lines()
    assert held.role_candidates.recall >= MIN_ROLE_CANDIDATE_RECALL, held.lines()
    assert held.quotes.precision >= MIN_QUOTE_PRECISION, held.lines()
    assert held.quotes.recall >= MIN_QUOTE_RECALL, held.lines()


def test_no_held_out_quote_is_given_to_the_wrong_person(scores: dict[str, Score]) -> None:
    held = scores["heldout"]
    assert held.speakers_wrong == 0, held.lines()


def test_held_out_country_precision(scores: dict[str, Score]) -> None:
    held = scores["heldout"]
    assert held.countries.precision >= MIN_COUNTRY_PRECISION, held.lines()


def test_the_development_half_is_scored_too(scores: dict[str, Score]) -> None:
    dev = scores["dev"]
    assert dev.articles >= 25
    assert dev.countries.true > 0
    assert dev.quotes.true > 0
