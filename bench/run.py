"""The benchmark run, phase by phase; every process it starts is stopped in `finally`.

1. Fresh PostgreSQL database: gql_news's migrations, the ISO countries, the synthetic dataset, ANALYZE.
2. Cold start to ready of `gql-news serve` on a fresh SQLite file (nothing else running).
3. Statement counts: `log_statement = 'all'` on the bench database, servers started afresh (so
   every session logs), answers verified equal, N sequential requests counted in the server log.
   Logging is switched off again and those servers stopped.
4. Load: servers started afresh (no statement logging), answers verified equal again, idle RSS of
   the gql_news workers, then wrk per query with the servers interleaved; `--cached` adds GET rows
   against a gql_news with its response cache on.
5. Stop everything; drop the database unless --keep/--reuse.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import postgraphile, report, wrk
from bench.database import BenchDatabase, pick_targets, prepare
from bench.dataset import Sizes
from bench.queries import Query, queries
from bench.servers import (
    Processes,
    Server,
    free_port,
    gql_news_command,
    graphql_typename,
    readyz,
    rss_mb,
    wait_ready,
    wait_workers,
)
from bench.statements import LogUnavailable, StatementCount, StatementLog
from bench.targets import Load, Target, median_result, verify

RESULTS = Path(__file__).resolve().parent / "results"
CACHED = " cached"


@dataclass(frozen=True)
class Options:
    sizes: Sizes
    admin_url: str
    db_name: str
    keep: bool
    reuse: bool
    duration_s: float
    warmup_s: float
    connections: int
    threads: int
    workers: int
    rounds: int
    cached: bool
    statement_requests: int
    cold_start_runs: int
    postgraphile: bool
    output: Path
    page: int = 20


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def gql_news_env(database_url: str, *, cache: bool) -> dict[str, str]:
    """Production settings: no GraphiQL, no access log, the response cache off unless measuring it."""
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, GRAPHIQL="false", LOG_LEVEL="warning", PYTHONUNBUFFERED="1")
    if cache:
        env.pop("RESPONSE_CACHE_BYTES", None)
    else:
        env["RESPONSE_CACHE_BYTES"] = "0"
    return env


class Servers:
    """Starts gql_news and PostGraphile on free ports, in a scratch directory (no stray .env)."""

    def __init__(
        self, opts: Options, database_url: str, processes: Processes, scratch: Path, pg_install: Path | None
    ) -> None:
        self.opts = opts
        self.database_url = database_url
        self.processes = processes
        self.scratch = scratch
        self.pg_install = pg_install
        self.described: dict[str, Any] = {}

    def gql_news(self, name: str, *, cache: bool) -> Server:
        port = free_port()
        argv = [*gql_news_command(), "serve", "--no-demo", "--host", "127.0.0.1", "--port", str(port)]
        argv += ["--workers", str(self.opts.workers)]
        env = gql_news_env(self.database_url, cache=cache)
        server = self.processes.start(name, argv, port=port, env=env, cwd=self.scratch)
        ready = wait_ready(server, readyz)
        wait_workers(server, self.opts.workers)
        self.described["gql_news (cache on)" if cache else "gql_news"] = {
            "argv": ["gql-news", *argv[argv.index("serve") :]],
            "env": {k: env[k] for k in ("GRAPHIQL", "LOG_LEVEL", "RESPONSE_CACHE_BYTES") if k in env},
        }
        say(f"{name} ready on {server.base_url} in {ready:.1f} s")
        return server

    def postgraphile(self, name: str) -> Server:
        if self.pg_install is None:
            raise RuntimeError("PostGraphile is not installed")
        port = free_port()
        argv = postgraphile.command(self.pg_install, self.database_url, port)
        server = self.processes.start(name, argv, port=port, env=postgraphile.environment(), cwd=self.scratch)
        ready = wait_ready(server, graphql_typename, interval_s=0.05)
        self.described["postgraphile"] = {
            "argv": ["postgraphile", *argv[1:]],
            "env": {"NODE_ENV": "production"},
        }
        say(f"{name} ready on {server.base_url} in {ready:.1f} s")
        return server


class Bench:
    def __init__(self, opts: Options) -> None:
        self.opts = opts
        self.db = BenchDatabase(opts.admin_url, opts.db_name)
        self.processes = Processes()

    def run(self) -> dict[str, Any]:
        opts = self.opts
        wrk_path = wrk.executable()
        pg_install = postgraphile.ensure_installed(say) if opts.postgraphile else None
        with tempfile.TemporaryDirectory(prefix="gql-news-bench-") as tmp:
            try:
                return self._run(Path(tmp), wrk_path, pg_install)
            finally:
                self.processes.stop_all()
                if opts.keep or opts.reuse:
                    say(f"kept database {self.db.name} ({self.db.url})")
                else:
                    asyncio.run(self.db.drop())
                    say(f"dropped database {self.db.name}")

    def _run(self, scratch: Path, wrk_path: str, pg_install: Path | None) -> dict[str, Any]:
        opts = self.opts
        dataset = asyncio.run(prepare(self.db, opts.sizes, reuse=opts.reuse, log=say))
        slug, code, pg_version = asyncio.run(pick_targets(self.db, opts.sizes))
        qs = queries(slug, code, opts.page)
        say(f"queries: article {slug!r}, country {code}")
        cold = self._cold_start(scratch)
        servers = Servers(opts, self.db.url, self.processes, scratch, pg_install)
        statements = self._statement_phase(servers, qs)
        load = Load(
            wrk_path=wrk_path,
            scripts=scratch,
            duration_s=opts.duration_s,
            warmup_s=opts.warmup_s,
            connections=opts.connections,
            threads=opts.threads,
            log=say,
        )
        rows, rss = self._load_phase(servers, qs, load)
        for row in rows:
            for server, cell in row["servers"].items():
                # PostGraphile is asked by POST in the cached rows too: the same statements.
                key = row["label"] if server == "gql_news" else row["label"].removesuffix(CACHED)
                cell["statements"] = statements.get((key, server))
        results: dict[str, Any] = {
            "machine": report.machine(pg_version),
            "options": {
                **asdict(opts.sizes),
                **{k: v for k, v in asdict(opts).items() if k not in {"sizes", "admin_url", "output"}},
            },
            "dataset": {**dataset, "article_slug": slug, "country_code": code},
            "servers": servers.described,
            "queries": {q.name: {"gql_news": q.gql_news, "postgraphile": q.postgraphile} for q in qs},
            "rows": rows,
            "gql_news_worker_rss_mb": rss,
            "cold_start_sqlite_s": cold,
        }
        results["table"] = report.table(rows)
        return results

    def _cold_start(self, scratch: Path) -> dict[str, Any]:
        """Seconds from starting `gql-news serve --no-demo` on a fresh SQLite file to /readyz 200 (1 worker)."""
        runs: list[float] = []
        for i in range(self.opts.cold_start_runs):
            directory = scratch / f"sqlite-{i}"
            directory.mkdir()
            port = free_port()
            env = gql_news_env(f"sqlite://{directory / 'gql_news.sqlite3'}", cache=True)
            argv = [*gql_news_command(), "serve", "--no-demo", "--host", "127.0.0.1", "--port", str(port)]
            server = self.processes.start(f"cold-start-{i}", argv, port=port, env=env, cwd=directory)
            try:
                runs.append(round(wait_ready(server, readyz, timeout_s=60), 3))
            finally:
                self.processes.stop(server)
        if not runs:
            return {}
        median = statistics.median(runs)
        say(f"cold start to ready on SQLite: median {median:.2f} s ({', '.join(f'{r:.2f}' for r in runs)})")
        return {"median": median, "runs": runs, "workers": 1}

    @staticmethod
    def _groups(qs: list[Query], gql: Server, pg: Server | None, method: str) -> list[list[Target]]:
        """Per query: gql_news asked by `method`, then PostGraphile (POST: it serves no GET)."""
        groups = []
        for q in qs:
            group = [Target("gql_news", gql.base_url, q, method)]
            if pg is not None:
                group.append(Target("postgraphile", pg.base_url, q, "POST"))
            groups.append(group)
        return groups

    def _statement_phase(self, servers: Servers, qs: list[Query]) -> dict[tuple[str, str], dict[str, Any]]:
        opts = self.opts
        if opts.statement_requests <= 0:
            return {}
        log = StatementLog(self.db.admin_url, self.db.url, self.db.name)
        try:
            asyncio.run(log.set_logging(True))
        except asyncpg.PostgresError as exc:
            say(f"WARNING: statement counts unavailable (cannot set log_statement): {exc}")
            return {}
        say(f"statement counts: log_statement=all on {self.db.name}, {opts.statement_requests} requests each")
        counts: dict[tuple[str, str], dict[str, Any]] = {}
        started: list[Server] = []
        try:
            gql = servers.gql_news("gql_news-statements", cache=False)
            started.append(gql)
            pg = servers.postgraphile("postgraphile-statements") if opts.postgraphile else None
            if pg is not None:
                started.append(pg)
            labelled = [("", group) for group in self._groups(qs, gql, pg, "POST")]
            if opts.cached:
                cached = servers.gql_news("gql_news-cached-statements", cache=True)
                started.append(cached)
                labelled += [(CACHED, [Target("gql_news", cached.base_url, q, "GET")]) for q in qs]
            for suffix, targets in labelled:
                verify(targets, opts.page)
                for target in targets:
                    count = asyncio.run(self._count(log, target))
                    counts[(target.query.name + suffix, target.server)] = count.as_json()
                    resets = f" ({count.resets_per_request:g} of them reset)" if count.resets else ""
                    say(
                        f"  {target.query.name + suffix:9} {target.server:12}"
                        f" {count.per_request:g} statements/request{resets}"
                    )
        except LogUnavailable as exc:
            say(f"WARNING: statement counts unavailable: {exc}")
        finally:
            for server in started:
                self.processes.stop(server)
            asyncio.run(log.set_logging(False))
        return counts

    async def _count(self, log: StatementLog, target: Target) -> StatementCount:
        n = self.opts.statement_requests
        async with httpx.AsyncClient(timeout=30.0) as client:
            # Warm every worker and pooled connection first, concurrently: one-time set-up is not per request.
            await asyncio.gather(*(target.arequest(client) for _ in range(16 * max(1, self.opts.workers))))
            await log.open()
            try:

                async def send() -> None:
                    for _ in range(n):
                        await target.arequest(client)

                return await log.measure(n, send)
            finally:
                await log.close()

    def _load_phase(
        self, servers: Servers, qs: list[Query], load: Load
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        opts = self.opts
        gql = servers.gql_news("gql_news", cache=False)
        pg = servers.postgraphile("postgraphile") if opts.postgraphile else None
        time.sleep(1.0)  # let start-up settle before reading idle RSS
        workers = wait_workers(gql, opts.workers)
        rss: dict[str, Any] = {"pids": workers, "idle": [rss_mb(pid) for pid in workers]}
        say(f"gql_news workers {workers}: idle RSS {rss['idle']} MB")
        rows = self._rows(load, self._groups(qs, gql, pg, "POST"), "")
        rss["after_load"] = [rss_mb(pid) for pid in workers]
        if opts.cached:
            self.processes.stop(gql)
            cached = servers.gql_news("gql_news-cached", cache=True)
            rows += self._rows(load, self._groups(qs, cached, pg, "GET"), CACHED)
        return rows, rss

    def _rows(self, load: Load, groups: list[list[Target]], suffix: str) -> list[dict[str, Any]]:
        opts = self.opts
        for targets in groups:
            verify(targets, opts.page)
        say(
            f"load{suffix}: answers verified; wrk -t{opts.threads} -c{opts.connections},"
            f" {opts.warmup_s:g} s warm-up + {opts.duration_s:g} s per query and server"
        )
        measured: dict[tuple[str, str], list[wrk.WrkResult]] = {}
        for round_ in range(opts.rounds):
            for targets in groups:
                # Interleaved, and the order flips every round so neither server always goes first.
                for target in targets if round_ % 2 == 0 else reversed(targets):
                    measured.setdefault((target.query.name, target.server), []).append(load.measure(target))
        rows = []
        for targets in groups:
            q = targets[0].query
            row: dict[str, Any] = {
                "label": q.name + suffix,
                "description": q.description,
                "methods": {t.server: t.method for t in targets},
                "servers": {},
            }
            for t in targets:
                results = measured[(q.name, t.server)]
                row["servers"][t.server] = {
                    "load": median_result(results),
                    "rounds": [r.as_json() for r in results],
                }
            ours = row["servers"]["gql_news"]["load"]["rps"]
            theirs = row["servers"].get("postgraphile", {}).get("load", {}).get("rps")
            row["ratio"] = round(ours / theirs, 3) if theirs else None
            rows.append(row)
        return rows


def summary(results: dict[str, Any]) -> str:
    """The lines printed under the table: where it ran, memory, cold start."""
    m = results["machine"]
    rss = results["gql_news_worker_rss_mb"]
    cold = results["cold_start_sqlite_s"]
    lines = [
        f"machine: {m['nproc']} x {m['cpu_model']}, {m['memory_gib']} GiB; {m['postgresql'].split(' on ')[0]};"
        f" node {m['node']}; gql_news {str(m['commit'])[:12]}{' (+ local changes)' if m['gql_news_dirty'] else ''};"
        f" {m['date']}",
        f"gql_news workers: idle RSS {rss.get('idle')} MB, after load {rss.get('after_load')} MB",
    ]
    if cold:
        lines.append(
            f"cold start to /readyz on SQLite (1 worker): median {cold['median']:.2f} s of {cold['runs']}"
        )
    return "\n".join(lines)


def write_results(results: dict[str, Any], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    say(f"results written to {output}")
