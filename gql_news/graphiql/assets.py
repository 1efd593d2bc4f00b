"""GraphiQL's browser build, served from the app's own origin instead of a CDN.

`make sync` installs the pinned release from the npm registry (web/graphiql/package-lock.json)
and copies the few files a page needs into `vendor/` beside this module, with a manifest
listing them; the wheel ships that directory. Nothing here downloads anything: when the
directory is missing or incomplete the app says why in its log and serves the CDN page.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

from gql_news.settings import GRAPHIQL_VENDOR_DIR

VENDOR_DIR = GRAPHIQL_VENDOR_DIR
STATIC_PACKAGE = ("gql_news.graphiql", "static")  # our own page script and style sheet
STATIC_PATH = "/graphiql/static"
_IMMUTABLE = "public, max-age=31536000, immutable"


class AssetsMissing(Exception):
    """The vendored build is absent or incomplete; the message says what to run."""


@dataclass(frozen=True, slots=True)
class Assets:
    """A complete vendored GraphiQL build: its files in load order and a build id for URLs."""

    directory: Path
    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    versions: dict[str, str]
    build_id: str
    # GraphQL Voyager's standalone build, for the schema map on /voyager (empty: not installed).
    voyager_scripts: tuple[str, ...] = ()
    voyager_styles: tuple[str, ...] = ()

    def url(self, name: str) -> str:
        """The file's URL; the build id makes it cacheable for good (a new build, a new URL)."""
        return f"{STATIC_PATH}/{name}?v={self.build_id}"

    def describe(self) -> str:
        return ", ".join(f"{name} {version}" for name, version in self.versions.items())


def load_assets(directory: Path = VENDOR_DIR) -> Assets:
    """The build in `directory`, checked file by file; AssetsMissing says what is wrong."""
    manifest_path = directory / "manifest.json"
    hint = "run `make sync` (it needs npm) to install them from web/graphiql/package-lock.json"
    try:
        raw = manifest_path.read_bytes()
        manifest = json.loads(raw)
        scripts = tuple(str(name) for name in manifest["scripts"])
        styles = tuple(str(name) for name in manifest["styles"])
        versions = {str(name): str(info["version"]) for name, info in manifest["packages"].items()}
        voyager = manifest.get("voyager") or {}
        voyager_scripts = tuple(str(name) for name in voyager.get("scripts", ()))
        voyager_styles = tuple(str(name) for name in voyager.get("styles", ()))
    except FileNotFoundError:
        raise AssetsMissing(f"no GraphiQL assets in {directory}: {hint}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AssetsMissing(f"unreadable {manifest_path} ({exc!r}): {hint}") from None
    every = (*scripts, *styles, *voyager_scripts, *voyager_styles)
    missing = [name for name in every if not (directory / name).is_file()]
    if missing or not scripts:
        raise AssetsMissing(f"GraphiQL assets incomplete in {directory} (missing {missing}): {hint}")
    digest = hashlib.sha256(raw)
    for name in every:
        stat = (directory / name).stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Assets(
        directory, scripts, styles, versions, digest.hexdigest()[:12], voyager_scripts, voyager_styles
    )


class AssetFiles(StaticFiles):
    """StaticFiles for the explorer: the vendored build plus our page files, no directory
    listings, `nosniff`, and long-lived caching only for URLs that carry the current build id."""

    def __init__(self, assets: Assets) -> None:
        super().__init__(directory=assets.directory, packages=[STATIC_PACKAGE])
        self.build_id = assets.build_id

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        versioned = f"v={self.build_id}".encode() in scope.get("query_string", b"").split(b"&")
        response.headers["Cache-Control"] = _IMMUTABLE if versioned else "public, no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
