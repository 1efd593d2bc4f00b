"""`gql-news import` of two checkouts side by side: articles/s and CPU seconds per 1,000 articles.

    .venv/bin/python -m bench.import_ab --before /path/to/main --articles 2000 --rounds 3

Each checkout (`--before`, `--after`: a directory with its own `.venv`) gets a database of its
own, migrated by its own code, with the countries and `bench.import_bench`'s catalogue (10,000
people, 2,000 organisations); the same generated articles are then imported by each checkout's
installed `gql-news import`, as one process and as `--scale` processes on a share each, round
by round with the order alternating (so neither always runs first on a shared machine), the
content emptied before every run, the time limits meant for requests off (`_LOADED`), and each
checkout with a cache directory of its own, filled before the first run (`GQL_NEWS_CACHE_DIR`: as
one installation, not two evicting each other's linker data). Per run: articles/s, and CPU seconds per 1,000 articles of
the importer processes (their rusage) and of the PostgreSQL processes serving that database
(their /proc counters, sampled every 50 ms, so the last 50 ms of each are missed); the share of
all cores the machine spent busy meanwhile (`machine_busy`, /proc/stat: whatever ran), and the rate
that CPU per article allows were every core the import's (`cpu_bound_articles_per_s`). Prints one
JSON line per run, then the medians; the databases are dropped at the end. With the same checkout
as both arms it measures one checkout, and the spread between its arms is the machine's noise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.import_bench import busy_share, catalogue_json, machine_jiffies, make_article, make_catalogue

_CONTENT = (
    "article, topic, entity_count, entity_pair_count, entity_timeline, entity_topic_count, topic_count,"
    " article_total, event_outbox"
)
_LOADED = {"DB_CONNECT_TIMEOUT_S": "60", "STATEMENT_TIMEOUT_MS": "0", "DB_COMMAND_TIMEOUT_S": "0"}
"""A shared machine can take seconds to answer: neither arm fails, or stores a batch again article
by article, on a request's time limits."""
_SETUP = """
import asyncio, compileall, sys
from pathlib import Path
import gql_news
from gql_news.db import database, migrate
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.countries import load_countries
from gql_news.ingest.country_context import shipped_country_context
from gql_news.settings import Settings

settings = Settings(database_url=sys.argv[1], statement_timeout_ms=0, db_command_timeout_s=0)

async def main():
    await migrate(settings)
    async with database(settings):
        await load_countries()
        await load_catalogue(Path(sys.argv[2]))

asyncio.run(main())
compileall.compile_dir(Path(gql_news.__file__).parent, quiet=1)
shipped_country_context()  # the linker's package data, into the checkout's cache directory
"""


def _psql(url: str, sql: str) -> str:
    done = subprocess.run(["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _backend_cpu(database: str, stop: threading.Event, out: list[float]) -> None:
    """CPU seconds of the processes whose command line names the database, until `stop`."""
    tick = os.sysconf("SC_CLK_TCK")
    seen: dict[str, float] = {}
    name = f" {database} ".encode()
    while True:
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if name not in f.read().replace(b"\0", b" ") + b" ":
                        continue
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            seen[pid] = (int(fields[11]) + int(fields[12])) / tick
        if stop.is_set():
            break
        time.sleep(0.05)
    out.append(sum(seen.values()))


def _env(url: str, cache: Path) -> dict[str, str]:
    return {**os.environ, **_LOADED, "DATABASE_URL": url, "GQL_NEWS_CACHE_DIR": str(cache)}


def _run(
    checkout: Path, url: str, database: str, folders: list[Path], articles: int, cache: Path
) -> dict[str, float]:
    _psql(url, f"TRUNCATE {_CONTENT} RESTART IDENTITY CASCADE")
    env = _env(url, cache)
    stop = threading.Event()
    backend: list[float] = []
    sampler = threading.Thread(target=_backend_cpu, args=(database, stop, backend))
    sampler.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    jiffies = machine_jiffies()
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [str(checkout / ".venv/bin/gql-news"), "import", str(folder)],
            env=env,
            cwd=tempfile.gettempdir(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for folder in folders
    ]
    outputs = [process.communicate()[0] for process in processes]
    elapsed = time.perf_counter() - started
    busy = busy_share(jiffies, machine_jiffies())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stop.set()
    sampler.join()
    for process, output in zip(processes, outputs, strict=True):
        if process.returncode != 0:
            raise RuntimeError(output.decode()[-2000:])
    stored = int(_psql(url, "SELECT count(*) FROM article"))
    if stored != articles:
        raise RuntimeError(f"{stored} articles stored, not {articles}")
    importer = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    per = 1000 / articles
    cores = os.cpu_count() or 1
    return {
        "articles_per_s": round(articles / elapsed, 1),
        "importer_cpu_s_per_1000": round(importer * per, 2),
        "postgres_cpu_s_per_1000": round(backend[0] * per, 2),
        "cpu_s_per_1000": round((importer + backend[0]) * per, 2),
        # How much of every core the machine spent busy during the run (anything running), and
        # the rate the importers and PostgreSQL could reach at their CPU per article were every
        # core theirs: near 1 and near the rate, more importers cannot make the import faster.
        "machine_busy": busy,
        "cpu_bound_articles_per_s": round(cores * 1000 / ((importer + backend[0]) * per), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--before", type=Path, required=True, help="A checkout with its own .venv.")
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=4)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--db-prefix", default="gql_news_import_ab")
    parser.add_argument("--json", type=Path, help="Also write every run's figures here.")
    args = parser.parse_args()
    arms = {"before": args.before.resolve(), "after": args.after.resolve()}
    catalogue = make_catalogue(10_000, 2000)
    rng = random.Random(11)
    texts = [make_article(i, catalogue, rng) for i in range(args.articles)]
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "catalogue.json").write_text(json.dumps(catalogue_json(catalogue)), encoding="utf-8")
        folders = [root / "all", *(root / f"part{k}" for k in range(args.scale))]
        for folder in folders:
            folder.mkdir()
        for i, text in enumerate(texts):
            for folder in (folders[0], folders[1 + i % args.scale]):
                (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        urls = {arm: f"{args.pg_url.rsplit('/', 1)[0]}/{args.db_prefix}_{arm}" for arm in arms}
        try:
            for arm, checkout in arms.items():
                database = urls[arm].rsplit("/", 1)[1]
                _psql(args.pg_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                _psql(args.pg_url, f'CREATE DATABASE "{database}"')
                subprocess.run(
                    [
                        str(checkout / ".venv/bin/python"),
                        "-c",
                        _SETUP,
                        urls[arm],
                        str(root / "catalogue.json"),
                    ],
                    cwd=tempfile.gettempdir(),
                    env=_env(urls[arm], root / f"cache-{arm}"),
                    check=True,
                )
            for round_ in range(args.rounds):
                order = list(arms) if round_ % 2 == 0 else list(arms)[::-1]
                for processes, parts in ((1, folders[:1]), (args.scale, folders[1:])):
                    for arm in order:
                        load = os.getloadavg()[0]
                        database = urls[arm].rsplit("/", 1)[1]
                        cache = root / f"cache-{arm}"
                        figures = _run(arms[arm], urls[arm], database, parts, args.articles, cache)
                        run = {"round": round_, "arm": arm, "processes": processes, **figures, "load": load}
                        runs.append(run)
                        print(json.dumps(run), flush=True)
        finally:
            for url in urls.values():
                database = url.rsplit("/", 1)[1]
                _psql(args.pg_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    keys = (
        "articles_per_s",
        "importer_cpu_s_per_1000",
        "postgres_cpu_s_per_1000",
        "cpu_s_per_1000",
        "machine_busy",
        "cpu_bound_articles_per_s",
    )
    for processes in (1, args.scale):
        for arm in arms:
            mine = [r for r in runs if r["arm"] == arm and r["processes"] == processes]
            medians = {key: round(statistics.median(r[key] for r in mine), 2) for key in keys}
            print(f"median {arm:6s} {processes} process(es): {json.dumps(medians)}")


if __name__ == "__main__":
    main()
