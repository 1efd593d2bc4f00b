"""`python -m bench` (what `make bench` runs): gql_news against PostGraphile on the same data.

See bench/README.md for what it measures and how; `python -m bench --help` for the options.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType

from bench.dataset import Sizes
from bench.queries import Mismatch
from bench.run import RESULTS, Bench, Options, say, summary, write_results

DEFAULT_ADMIN_URL = os.environ.get("GQL_NEWS_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark gql_news against PostGraphile 4 and 5 on one synthetic dataset.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    data = p.add_argument_group("dataset")
    defaults = Sizes()
    data.add_argument("--articles", type=int, default=defaults.articles)
    data.add_argument("--people", type=int, default=defaults.people)
    data.add_argument("--organisations", type=int, default=defaults.organisations)
    data.add_argument("--topics", type=int, default=defaults.topics)
    data.add_argument("--people-per-article", type=int, default=defaults.people_per_article)
    data.add_argument("--countries-per-article", type=int, default=defaults.countries_per_article)
    data.add_argument("--organisations-per-article", type=int, default=defaults.organisations_per_article)
    data.add_argument("--years", type=int, default=defaults.years, help="published_at spread")
    data.add_argument("--seed", type=int, default=defaults.seed)

    db = p.add_argument_group("database")
    db.add_argument("--pg-url", default=DEFAULT_ADMIN_URL, help="admin URL of the PostgreSQL server")
    db.add_argument("--db-name", default="gql_news_bench", help="dropped and recreated each run")
    db.add_argument("--keep", action="store_true", help="leave the database after the run")
    db.add_argument(
        "--reuse",
        action="store_true",
        help="skip loading when the database already holds this dataset (implies --keep)",
    )

    load = p.add_argument_group("load")
    load.add_argument("--duration", type=float, default=15.0, help="seconds of wrk per query and server")
    load.add_argument("--warmup", type=float, default=3.0, help="seconds of wrk before each measurement")
    load.add_argument("--connections", type=int, default=16)
    load.add_argument("--threads", type=int, default=1)
    load.add_argument(
        "--workers",
        type=_counts,
        default=(1, 2),
        help="process counts, comma-separated: gql_news workers against PostGraphile processes;"
        " 1 is always measured (the headline rows)",
    )
    load.add_argument("--rounds", type=int, default=1, help="repeat the interleaved runs; report medians")
    load.add_argument(
        "--cached",
        action="store_true",
        help="add 'Qn cached' rows: GET with the query in the URL, gql_news response cache on",
    )
    load.add_argument(
        "--statement-requests", type=int, default=20, help="sequential requests counted; 0 skips"
    )
    load.add_argument("--cold-start-runs", type=int, default=3, help="SQLite cold starts timed; 0 skips")
    load.add_argument("--skip-postgraphile", action="store_true", help="gql_news alone (no ratio)")
    load.add_argument(
        "--sqlite",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="add 'Qn sqlite' rows: gql_news (1 worker) on a SQLite copy of the dataset",
    )
    p.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    return p


def _counts(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(sorted({int(part) for part in text.split(",") if part.strip()} | {1}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if min(counts) < 1:
        raise argparse.ArgumentTypeError("process counts must be at least 1")
    return counts


def options(argv: list[str] | None = None) -> Options:
    args = parser().parse_args(argv)
    try:
        sizes = Sizes(
            articles=args.articles,
            people=args.people,
            organisations=args.organisations,
            topics=args.topics,
            people_per_article=args.people_per_article,
            countries_per_article=args.countries_per_article,
            organisations_per_article=args.organisations_per_article,
            years=args.years,
            seed=args.seed,
        )
    except ValueError as exc:
        parser().error(str(exc))
    if args.duration < 1 or args.connections < 1 or args.threads < 1 or args.rounds < 1:
        parser().error("--duration, --connections, --threads, --workers and --rounds must be at least 1")
    return Options(
        sizes=sizes,
        admin_url=args.pg_url,
        db_name=args.db_name,
        keep=args.keep,
        reuse=args.reuse,
        duration_s=args.duration,
        warmup_s=args.warmup,
        connections=args.connections,
        threads=args.threads,
        workers=args.workers,
        rounds=args.rounds,
        cached=args.cached,
        statement_requests=args.statement_requests,
        cold_start_runs=args.cold_start_runs,
        postgraphile=not args.skip_postgraphile,
        sqlite=args.sqlite,
        output=args.output,
    )


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through every `finally`: servers stopped, database dropped


def main(argv: list[str] | None = None) -> int:
    opts = options(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        results = Bench(opts).run()
    except Mismatch as exc:
        say(f"FAILED: the servers disagree, nothing was measured:\n{exc}")
        return 2
    write_results(results, opts.output)
    print(f"\n{results['table']}\n\n{summary(results)}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
