"""PostgreSQL's time per statement during one `gql-news import`, from the server's own log.

    .venv/bin/python -m bench.import_statements --articles 2000

A database of its own (`--db-name`, dropped at the end) gets the migrations, the countries and
`bench.import_bench`'s catalogue (10,000 people, 2,000 organisations), set up as `bench.import_ab`
does; then `log_min_duration_statement = 0` (and no parameter values) for the sessions opened on
it, and this checkout's `gql-news import` stores the generated articles (the same as
`import_bench` and `import_ab`). The log lines of that database are summed per statement (the
first characters of its text, numbers of three digits or more folded; a `WITH ...` statement
is named by the table it writes): server-side milliseconds (parse, bind and execute; waits for
locks and for a core included, so on a loaded machine the shares matter more than the sums),
executions, and the share of all. pg_stat_statements is not preloaded here (it needs a restart).

Not a test: it prints one table and, with `--json PATH`, writes the rows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.import_ab import _SETUP, _env, _psql
from bench.import_bench import catalogue_json, make_article, make_catalogue
from bench.statements import StatementLog

_DURATION = re.compile(
    r"@(?P<db>\S+) LOG:  duration: (?P<ms>[0-9.]+) ms  (?:(?P<phase>parse|bind|execute) [^:]*|statement): (?P<sql>.*)$"
)
_NUMBER = re.compile(r"\d{3,}")
_WRITES = re.compile(r"\bINSERT INTO \"?(\w+)|\bDELETE FROM \"?(\w+)|\bUPDATE \"?(\w+)")
_SETTINGS = ("log_min_duration_statement = 0", "log_parameter_max_length = 0")


@dataclass
class StatementTime:
    """One statement's server time over the run."""

    label: str
    ms: float = 0.0
    executions: int = 0

    def as_json(self, total_ms: float) -> dict[str, Any]:
        return {
            "statement": self.label,
            "ms": round(self.ms, 1),
            "executions": self.executions,
            "share": round(self.ms / total_ms, 3) if total_ms else 0.0,
        }


def label(sql: str, width: int = 110) -> str:
    """A statement's name in the table: its text cut, long numbers folded, and for a `WITH ...`
    statement the table it writes first."""
    text = _NUMBER.sub("N", " ".join(sql.split()))
    if text.upper().startswith("WITH"):
        found = _WRITES.search(text)
        if found:
            table = next(name for name in found.groups() if name)
            return f"[{table}] {text[:width]}"
    return text[:width]


def sum_durations(lines: list[str], database: str) -> list[StatementTime]:
    """The duration lines of `database`, summed per statement label, longest total first."""
    found: dict[str, StatementTime] = defaultdict(lambda: StatementTime(""))
    for line in lines:
        match = _DURATION.search(line)
        if match is None or match.group("db") != database:
            continue
        name = label(match.group("sql"))
        entry = found[name]
        entry.label = name
        entry.ms += float(match.group("ms"))
        if match.group("phase") in (None, "execute"):
            entry.executions += 1
    return sorted(found.values(), key=lambda entry: -entry.ms)


async def _logged_import(args: argparse.Namespace, url: str, root: Path) -> tuple[list[str], float]:
    """Run the import with every statement of the database logged; its log lines and wall time."""
    log = StatementLog(args.pg_url, url, args.db_name)
    elapsed = 0.0

    async def run_import() -> None:
        nonlocal elapsed
        for setting in _SETTINGS:
            _psql(args.pg_url, f'ALTER DATABASE "{args.db_name}" SET {setting}')
        started = time.perf_counter()
        done = await asyncio.to_thread(
            subprocess.run,
            [str(Path(sys.executable).with_name("gql-news")), "import", str(root / "articles")],
            env=_env(url, root / "cache"),
            cwd=tempfile.gettempdir(),
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        _psql(args.pg_url, f'ALTER DATABASE "{args.db_name}" RESET ALL')
        if done.returncode != 0:
            raise RuntimeError((done.stdout + done.stderr)[-2000:])

    await log.open()
    try:
        return await log.lines_during(run_import), elapsed  # up to a mark made after the import
    finally:
        await log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--db-name", default="gql_news_import_statements")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", type=Path, help="Also write the rows here.")
    args = parser.parse_args()
    url = f"{args.pg_url.rsplit('/', 1)[0]}/{args.db_name}"
    catalogue = make_catalogue(10_000, 2000)
    rng = random.Random(11)
    _psql(args.pg_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    _psql(args.pg_url, f'CREATE DATABASE "{args.db_name}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "catalogue.json").write_text(json.dumps(catalogue_json(catalogue)), encoding="utf-8")
            (root / "articles").mkdir()
            for i in range(args.articles):
                (root / "articles" / f"{i:06d}.txt").write_text(
                    make_article(i, catalogue, rng), encoding="utf-8"
                )
            setup = [sys.executable, "-c", _SETUP, url, str(root / "catalogue.json")]
            subprocess.run(setup, env=_env(url, root / "cache"), cwd=tempfile.gettempdir(), check=True)
            lines, elapsed = asyncio.run(_logged_import(args, url, root))
    finally:
        _psql(args.pg_url, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    rows = sum_durations(lines, args.db_name)
    total = sum(row.ms for row in rows)
    print(
        f"{args.articles} articles in {elapsed:.1f} s with every statement logged; server time {total / 1000:.2f} s"
    )
    for row in rows[: args.top]:
        print(f"{row.ms / 1000:7.2f} s {100 * row.ms / total:5.1f} % {row.executions:6d} x  {row.label}")
    if args.json:
        args.json.write_text(
            json.dumps([row.as_json(total) for row in rows], indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
