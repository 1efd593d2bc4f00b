"""`make test` (what CI runs) driven for real, with stand-ins for uv and pg_isready.

The stand-in uv records every call and answers for ruff, mypy and pytest, so these tests see
which phases the Makefile runs, in which order, with which backend, and what it does with
pytest's exit codes and with an unreachable PostgreSQL, in well under a second each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="GNU make is not installed")

_FAKE_UV = """#!{python}
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print("uv 0.0.0 (stand-in)")
    sys.exit(0)
with open(os.environ["FAKE_UV_LOG"], "a") as log:
    log.write(json.dumps({{"argv": args, "db": os.environ.get("GQL_NEWS_TEST_DB")}}) + "\\n")
if args[:2] == ["run", "--no-sync"] and args[2:3] == ["pytest"]:
    sys.exit(int(os.environ.get("FAKE_PYTEST_RC", "0")))
if args[:2] == ["run", "--no-sync"] and args[2:3] == ["mypy"]:
    sys.exit(int(os.environ.get("FAKE_MYPY_RC", "0")))
"""

_FAKE_PG_ISREADY = """#!/bin/sh
exit "${FAKE_PG_RC:-0}"
"""


@dataclass
class MakeRun:
    returncode: int
    output: str
    calls: list[dict[str, Any]]

    @property
    def pytest_backends(self) -> list[str | None]:
        """The pytest passes in the order they started: `none` for the database-free one."""
        return [
            "none" if "not db" in call["argv"] else call["db"]
            for call in self.calls
            if call["argv"][2:3] == ["pytest"]
        ]


def _clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without what an outer `make test` exports into it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "MAKEFLAGS",
            "MFLAGS",
            "MAKELEVEL",
            "UV",
            "CI",
            "GQL_NEWS_TEST_DB",
            "PYTEST_ARGS",
            "GQL_NEWS_TEST_ARTIFACTS",
        }
    }
    env.update(extra)
    return env


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "uv").write_text(_FAKE_UV.format(python=sys.executable))
    (bin_dir / "pg_isready").write_text(_FAKE_PG_ISREADY)
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return bin_dir


def _make_test(
    fake_bin: Path, *, ci: str = "true", pytest_rc: int = 0, pg_rc: int = 0, mypy_rc: int = 0
) -> MakeRun:
    assert MAKE is not None
    log = fake_bin.parent / "uv-calls.jsonl"
    env = _clean_env(
        # Not artifacts/: the real `make test` this test may be part of writes its logs there.
        GQL_NEWS_TEST_ARTIFACTS=str(fake_bin.parent / "artifacts"),
        PATH=f"{fake_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        CI=ci,
        FAKE_UV_LOG=str(log),
        FAKE_PYTEST_RC=str(pytest_rc),
        FAKE_PG_RC=str(pg_rc),
        FAKE_MYPY_RC=str(mypy_rc),
        GQL_NEWS_TEST_PG_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    proc = subprocess.run(
        [MAKE, "--no-print-directory", "test"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return MakeRun(proc.returncode, proc.stdout + proc.stderr, calls)


def test_ci_runs_make_test() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert "set -euo pipefail" in lines
    assert "make test" in lines, ".ci/run must run the README's test command, `make test`"


def test_make_test_runs_every_phase_and_both_backends(fake_bin: Path) -> None:
    run = _make_test(fake_bin)
    assert run.returncode == 0, run.output
    commands = [call["argv"][:5] for call in run.calls]
    assert commands[0] == ["sync", "--locked"]
    # The static checks, in this order, while the pytest passes run (their calls interleave).
    checks = [
        ["run", "--no-sync", "ruff", "check", "."],
        ["run", "--no-sync", "ruff", "format", "--check"],
        ["run", "--no-sync", "mypy"],
        ["run", "--no-sync", "mkdocs", "build", "--strict"],
    ]
    assert [c for c in commands if c in checks] == checks
    assert run.output.index("==> pytest: the database-free tests") < run.output.index("==> lint: ruff check")
    pytest_calls = [call for call in run.calls if call["argv"][2:3] == ["pytest"]]
    assert len(pytest_calls) == 6
    free = [call for call in pytest_calls if call["argv"][3:5] == ["-m", "not db"]]
    assert len(free) == 1, "the database-free tests run once"
    database = [call for call in pytest_calls if call["argv"][3] == "-m" and call["argv"][4] != "not db"]
    assert sorted(call["db"] for call in database) == ["postgres", "postgres", "postgres", "sqlite", "sqlite"]
    # What cannot depend on the backend runs on SQLite only; the fault tests have none of it.
    assert sorted((call["db"], call["argv"][4]) for call in database) == [
        ("postgres", "db"),
        ("postgres", "db and not backend_independent"),
        ("postgres", "db and not backend_independent"),
        ("sqlite", "db"),
        ("sqlite", "db"),
    ]
    # On PostgreSQL the fault tests run in a process apart, and only there; tests/graphql/ in
    # another, every other test in a third.
    faults = str(ROOT / "tests" / "faults")
    graphql = str(ROOT / "tests" / "graphql")
    postgres = sorted(call["argv"][5:7] for call in database if call["db"] == "postgres")
    assert [args[0] for args in postgres] == [f"--ignore={faults}", faults, graphql]
    assert postgres[0][1] == f"--ignore={graphql}"
    # On SQLite tests/graphql/ in one process, every other test in another.
    sqlite = sorted(call["argv"][5] for call in database if call["db"] == "sqlite")
    assert sqlite == [f"--ignore={graphql}", graphql]
    assert not any("faults" in arg for call in database if call["db"] == "sqlite" for arg in call["argv"])
    # Coverage in every pass but PostgreSQL's two main ones (the same tests as SQLite's).
    covered = [call for call in pytest_calls if any(arg.startswith("--cov=") for arg in call["argv"])]
    assert len(covered) == 4
    assert all(f"--ignore={faults}" not in call["argv"] for call in covered)
    assert [call["argv"][2:4] for call in run.calls[-2:]] == [["coverage", "combine"], ["coverage", "report"]]
    assert "running side by side" in run.output
    logs = fake_bin.parent / "artifacts"
    assert {log.name for log in logs.iterdir()} == {
        f"pytest-{name}.log"
        for name in ("none", "sqlite", "sqlite-graphql", "postgres", "postgres-graphql", "postgres-faults")
    }


def test_pytest_collecting_nothing_fails_make_test(fake_bin: Path) -> None:
    run = _make_test(fake_bin, pytest_rc=5)
    assert run.returncode != 0
    assert "collected no tests" in run.output
    assert (
        "FAILED: the none sqlite sqlite-graphql postgres postgres-graphql postgres-faults pass(es)"
        in run.output
    )


def test_pytest_failure_fails_make_test(fake_bin: Path) -> None:
    run = _make_test(fake_bin, pytest_rc=1)
    assert run.returncode != 0
    assert "exited with code 1" in run.output


def test_a_failing_check_fails_make_test_after_the_passes(fake_bin: Path) -> None:
    run = _make_test(fake_bin, mypy_rc=1)
    assert run.returncode != 0
    assert "FAILED: the typecheck check(s)" in run.output
    assert len(run.pytest_backends) == 6, "the passes still run to the end"
    assert "make test: every phase passed" not in run.output


def test_unreachable_postgres_fails_in_ci_with_the_start_command(fake_bin: Path) -> None:
    run = _make_test(fake_bin, ci="true", pg_rc=2)
    assert run.returncode != 0
    assert "PostgreSQL at 127.0.0.1:5432 is not reachable" in run.output
    assert "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start" in run.output
    assert sorted(map(str, run.pytest_backends)) == ["none", "sqlite", "sqlite"]
    assert "FAILED: the postgres postgres-graphql postgres-faults pass(es)" in run.output


def test_unreachable_postgres_is_skipped_loudly_outside_ci(fake_bin: Path) -> None:
    run = _make_test(fake_bin, ci="", pg_rc=2)
    assert run.returncode == 0, run.output
    assert "SKIPPED: the whole PostgreSQL test pass" in run.output
    assert sorted(map(str, run.pytest_backends)) == ["none", "sqlite", "sqlite"]


def test_without_uv_on_path_make_bootstraps_the_pinned_uv(tmp_path: Path) -> None:
    assert MAKE is not None
    pin = re.search(r"^UV_VERSION\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert pin, "the Makefile must pin UV_VERSION"
    empty_path = tmp_path / "empty-bin"
    empty_path.mkdir()
    tools = tmp_path / "tools"
    proc = subprocess.run(
        [MAKE, "--no-print-directory", "--dry-run", "sync", f"TOOLS_DIR={tools}"],
        cwd=ROOT,
        env=_clean_env(PATH=str(empty_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert f'python3 -m venv "{tools}"' in lines
    assert f'"{tools}/bin/pip" install --disable-pip-version-check --quiet "uv=={pin.group(1)}"' in lines
    assert f"{tools}/bin/uv sync --locked" in lines


def test_make_test_checks_the_browser_before_the_test_passes(fake_bin: Path) -> None:
    chromium = fake_bin / "chromium"
    chromium.write_text("#!/bin/sh\necho 'Chromium 0.0 (stand-in)'\n")
    chromium.chmod(0o755)
    run = _make_test(fake_bin)
    assert run.returncode == 0, run.output
    assert "browser-deps: Chromium 0.0 (stand-in) is installed" in run.output
    assert run.output.index("browser-deps:") < run.output.index("pytest [database-free]")


def _npm_target_without_npm(
    tmp_path: Path, ci: str, target: str = "graphiql-assets", web: str = "web/graphiql"
) -> subprocess.CompletedProcess[str]:
    """`make TARGET` as if `web`'s lock file had changed, on a PATH without node or npm."""
    assert MAKE is not None
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    return subprocess.run(
        [MAKE, "--no-print-directory", "-W", f"{web}/package-lock.json", target],
        cwd=ROOT,
        env=_clean_env(PATH=str(empty), UV="/bin/true", CI=ci),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_graphiql_assets_without_npm_warn_and_fall_back(tmp_path: Path) -> None:
    proc = _npm_target_without_npm(tmp_path, ci="")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "npm (Node.js) is not installed: GraphiQL assets NOT installed" in proc.stdout
    assert "CDN" in proc.stdout


def test_graphiql_assets_without_npm_fail_in_ci(tmp_path: Path) -> None:
    proc = _npm_target_without_npm(tmp_path, ci="true")
    assert proc.returncode != 0
    assert "the browser test needs the assets" in proc.stderr


def test_http_audit_deps_without_npm_warn(tmp_path: Path) -> None:
    proc = _npm_target_without_npm(tmp_path, "", "http-audit-deps", "web/http-audit")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the GraphQL-over-HTTP audit NOT installed" in proc.stdout


def test_http_audit_deps_without_npm_fail_in_ci(tmp_path: Path) -> None:
    proc = _npm_target_without_npm(tmp_path, "true", "http-audit-deps", "web/http-audit")
    assert proc.returncode != 0
    assert "the audit test needs graphql-http" in proc.stderr
