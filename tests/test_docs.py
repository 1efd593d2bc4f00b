"""The documentation site's generated parts and its ties to the code: the settings reference,
schema/possibleTypes.json, the README's size and links, and docs operations kept in examples/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from graphql import parse, validate

from gql_news.graphql.schema import possible_types, possible_types_json, schema
from gql_news.settings import Settings
from gql_news.settings_reference import render
from tests.docs_pages import (
    DOCS,
    ROOT,
    Example,
    documented_answers,
    documented_operations,
    examples,
    operations,
)


def test_the_settings_reference_is_generated_from_settings() -> None:
    committed = (DOCS / "reference" / "settings.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/reference/settings.md is stale: run `make docs-reference`"


def test_every_setting_is_in_the_reference() -> None:
    page = (DOCS / "reference" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", page, re.MULTILINE))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_the_operator_table_names_only_real_settings() -> None:
    """docs/operations/postgresql.md explains settings in prose; every variable it names exists."""
    page = (DOCS / "operations" / "postgresql.md").read_text(encoding="utf-8")
    named = {
        name
        for line in page.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])
    }
    assert named, "the settings table moved"
    assert named <= {name.upper() for name in Settings.model_fields}


def test_possible_types_json_is_current(repo_root: Path) -> None:
    committed = (repo_root / "schema" / "possibleTypes.json").read_text(encoding="utf-8")
    assert committed == possible_types_json(), "schema/possibleTypes.json drifted: run `make schema`"


def test_possible_types_cover_every_abstract_type() -> None:
    built = schema._schema
    found = possible_types()
    assert found["Entity"] == ["Country", "Organisation", "Person"]
    assert set(found["Node"]) >= {"Article", "Person", "Organisation", "Country", "Topic"}
    for name, members in found.items():
        abstract = built.get_type(name)
        assert abstract is not None
        assert members == sorted(t.name for t in built.get_possible_types(abstract))  # type: ignore[arg-type]


def test_readme_is_a_front_door(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    for target in re.findall(r"\]\(((?:docs|schema|examples)/[^)#]*)", readme):
        assert (repo_root / target).exists(), target


def test_readme_commands_need_no_uv_on_path(repo_root: Path) -> None:
    """A fresh clone has no `uv` on PATH: no page tells the reader to run `uv run`."""
    for page in [repo_root / "README.md", *DOCS.rglob("*.md")]:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"(^|[\s`(=])uv run\b", line), f"{page}:{number}: {line}"


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_examples_are_valid_against_the_schema(example: Example) -> None:
    assert validate(schema._schema, parse(example.query)) == []


def test_every_documented_operation_is_an_example() -> None:
    known = {operation for example in examples() for operation in operations(example.query)}
    missing = [(page, op) for page, op in documented_operations() if op not in known]
    assert missing == [], "add these operations to examples/"


def test_documented_answers_are_found() -> None:
    pages = {page for page, _query, _answer in documented_answers()}
    assert {"getting-started.md", "entity-graph.md"} <= pages
    for _page, _query, answer in documented_answers():
        assert json.dumps(answer).startswith('{"data"')


def test_mkdocs_nav_lists_every_page(repo_root: Path) -> None:
    config = (repo_root / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DOCS.rglob("*.md"):
        assert str(page.relative_to(DOCS)) in config, page


def test_docs_directory_is_the_site(repo_root: Path) -> None:
    assert (repo_root / "mkdocs.yml").exists()
    assert repo_root == ROOT


def test_the_browser_tests_screenshots_are_in_the_docs() -> None:
    page = (DOCS / "graphiql.md").read_text(encoding="utf-8")
    for image in ("images/graphiql-explorer.png", "images/schema-map.png"):
        assert f"]({image})" in page, image
        data = (DOCS / image).read_bytes()
        assert data.startswith(b"\x89PNG"), image
