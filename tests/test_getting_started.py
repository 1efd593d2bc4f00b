"""docs/getting-started.md as a newcomer runs it: `make run`, then every command of "First steps"
exactly as written (only the port differs: the test's server listens on a free one), with no `uv`
on PATH. The database is a fresh SQLite file named by DATABASE_URL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.docs_pages import DOCS, ROOT
from tests.servers import free_port, start_server

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _path_without_uv() -> str:
    """PATH minus every directory holding a `uv`: what a fresh machine without uv has."""
    return os.pathsep.join(
        directory
        for directory in os.environ.get("PATH", "").split(os.pathsep)
        if directory and not (Path(directory) / "uv").exists()
    )


def _first_steps() -> list[str]:
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    section = page.split("## First steps", 1)[1]
    return re.findall(r"```sh\n(.*?)```", section, re.DOTALL)


@pytest.fixture
def newcomer_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "UV", "VIRTUAL_ENV", "GQL_NEWS_TEST_DB"}
    }
    env.update(
        PATH=_path_without_uv(), DATABASE_URL=f"sqlite://{tmp_path / 'news.sqlite3'}", LOG_FORMAT="text"
    )
    return env


@pytest.fixture
def make_run(newcomer_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """`make run` on a free port; its base URL once it answers."""
    port = free_port()
    served = start_server(
        ROOT,
        {**newcomer_env, "PORT": str(port)},
        command=["make", "--no-print-directory", "run"],
        port=port,
        group=True,
        log_dir=tmp_path,
        ready_timeout=120,
    )
    try:
        yield served.url
    finally:
        served.terminate(timeout=30)


def test_no_uv_on_the_newcomers_path(newcomer_env: dict[str, str]) -> None:
    assert shutil.which("uv", path=newcomer_env["PATH"]) is None


def test_the_first_steps_work_as_written(make_run: str, newcomer_env: dict[str, str]) -> None:
    blocks = _first_steps()
    assert len(blocks) == 3, "the First steps section changed shape"
    port = make_run.rsplit(":", 1)[1]
    outputs = []
    for block in blocks:
        assert "127.0.0.1:8000" in block or "make reset" in block
        script = block.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=ROOT,
            env=newcomer_env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, f"{block}\n{done.stdout}\n{done.stderr}"
        assert '"errors"' not in done.stdout, done.stdout
        outputs.append(done.stdout)
    assert "Belarus Encourages Korean Investors" in outputs[0]
    assert '"importArticle"' in outputs[1]
    assert "newsroom" in outputs[1]  # token list
    query = {"query": "{ articles(first: 5) { totalCount edges { node { title } } } }"}
    after_reset = httpx.post(f"{make_run}/graphql", json=query).json()["data"]["articles"]
    assert after_reset["totalCount"] == 1
    assert after_reset["edges"][0]["node"]["title"].startswith("Belarus Encourages Korean Investors")
