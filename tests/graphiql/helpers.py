"""Reading the GraphiQL page: the URLs it loads, its scripts and its example query blocks."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gql_news.graphiql.assets import AssetsMissing, load_assets

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass
class PageParts(HTMLParser):
    """Every URL the page loads, its <script> tags (attributes and text) and #graphiql's data."""

    urls: list[str] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    container: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name):
                self.urls.append(str(attributes[name]))
        if tag == "script":
            self._script, self._text = attributes, []
        if attributes.get("id") == "graphiql":
            self.container = attributes

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    @property
    def queries(self) -> list[str]:
        return [text.strip() for attrs, text in self.scripts if attrs.get("type") == "application/graphql"]


def page_parts(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    parts.close()
    return parts


def write_vendor(directory: Path) -> Path:
    """A small vendored build in the manifest format `web/graphiql/vendor.mjs` writes."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "lib.js").write_text("window.Lib = 1;\n")
    (directory / "lib.css").write_text("body { margin: 0; }\n")
    (directory / "map.js").write_text("window.GraphQLVoyager = {};\n")
    (directory / "map.css").write_text("main { margin: 0; }\n")
    manifest = {
        "scripts": ["lib.js"],
        "styles": ["lib.css"],
        "packages": {"lib": {"version": "1.0.0"}},
        "voyager": {"scripts": ["map.js"], "styles": ["map.css"]},
    }
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return directory


def require_vendored_build() -> None:
    """The real vendored build must be there in CI; elsewhere its absence skips, loudly."""
    try:
        load_assets()
    except AssetsMissing as missing:
        if IN_CI:
            pytest.fail(f"CI=true needs GraphiQL's vendored build: {missing}")
        pytest.skip(f"!!! GraphiQL's vendored build is missing ({missing})")
