"""PostGraphile 4, the yardstick: installed once with npm into bench/.cache/, run against the bench database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

POSTGRAPHILE = "postgraphile@4.14.1"
MANY_TO_MANY = "@graphile-contrib/pg-many-to-many@1.0.2"
CACHE = Path(__file__).resolve().parent / ".cache"
INSTALL_DIR = CACHE / "postgraphile-4.14.1"


def _installed_version(root: Path) -> tuple[str | None, str | None]:
    def version(package: str) -> str | None:
        try:
            manifest = json.loads((root / "node_modules" / package / "package.json").read_text())
        except (OSError, ValueError):
            return None
        return str(manifest.get("version"))

    return version("postgraphile"), version("@graphile-contrib/pg-many-to-many")


def ensure_installed(log: Callable[[str], None] = print) -> Path:
    """The cached install dir, installing into a temp dir first (so a failed install leaves no half cache)."""
    wanted = (POSTGRAPHILE.rsplit("@", 1)[1], MANY_TO_MANY.rsplit("@", 1)[1])
    if (
        _installed_version(INSTALL_DIR) == wanted
        and (INSTALL_DIR / "node_modules/.bin/postgraphile").exists()
    ):
        return INSTALL_DIR
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: PostGraphile is installed with npm (Node 18+)")
    CACHE.mkdir(parents=True, exist_ok=True)
    log(f"installing {POSTGRAPHILE} and {MANY_TO_MANY} with npm into {INSTALL_DIR} (cached for reruns)")
    with tempfile.TemporaryDirectory(prefix="postgraphile-", dir=CACHE) as tmp:
        root = Path(tmp)
        (root / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--no-progress", POSTGRAPHILE, MANY_TO_MANY],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if _installed_version(root) != wanted:
            raise RuntimeError(f"npm installed {_installed_version(root)}, wanted {wanted}")
        if INSTALL_DIR.exists():
            shutil.rmtree(INSTALL_DIR)
        root.rename(INSTALL_DIR)
        root.mkdir()  # TemporaryDirectory cleans up the (now empty) path it made
    return INSTALL_DIR


def command(install_dir: Path, database_url: str, port: int) -> list[str]:
    """PostGraphile as one would run it in production: no GraphiQL, no query log, recommended flags.

    `--no-ignore-indexes` hides relations and orderings that no index supports, so the queries
    failing to validate is how a missing FK index shows up.
    """
    return [
        str(install_dir / "node_modules/.bin/postgraphile"),
        "--connection",
        database_url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--append-plugins",
        "@graphile-contrib/pg-many-to-many",
        "--simple-collections",
        "both",
        "--disable-graphiql",
        "--disable-query-log",
        "--no-ignore-rbac",
        "--no-ignore-indexes",
        "--dynamic-json",
        "--no-setof-functions-contain-nulls",
    ]


def environment() -> dict[str, str]:
    return {**os.environ, "NODE_ENV": "production"}
