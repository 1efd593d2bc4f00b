"""The benchmark run, phase by phase; every process it starts is stopped in `finally`.

1. Fresh PostgreSQL database: gql_news's migrations, the ISO countries, the synthetic dataset,
   ANALYZE; with `--sqlite`, the same dataset in a SQLite file too.
2. Cold start to ready of `gql-news serve` on a fresh SQLite file (nothing else running).
3. Statement counts: `log_statement = 'all'` on the bench database, servers started afresh (so
   every session logs), answers verified equal, N sequential requests counted in the server log.
   Logging is switched off again and those servers stopped.
4. Load, one set of rows after another, servers started afresh (no statement logging), answers
   verified equal across all of them first, then wrk per query with the servers interleaved:
   - one process each: gql_news with 1 worker, PostGraphile 4, PostGraphile 5;
   - `--cached`: gql_news (1 worker) with its response cache on, asked by GET;
   - `--sqlite`: gql_news (1 worker) on the SQLite copy of the dataset;
   - each further count of `--workers` (e.g. 2): gql_news with N workers against the
     PostGraphiles that run N processes themselves (4's `--cluster-workers`; 5's CLI has none).
   PostGraphile has no response cache and no SQLite: the cached and SQLite rows show its figures
   from the one-process rows (the same requests), they are not measured twice.
   Worker RSS of each gql_news (and of the one-process PostGraphiles) is read idle and after load.
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
from bench.database import BenchDatabase, load_sqlite, pick_targets, prepare
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
SQLITE = " sqlite"
GQL = "gql_news"


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
    workers: tuple[int, ...]
    rounds: int
    cached: bool
    statement_requests: int
    cold_start_runs: int
    postgraphile: bool
    sqlite: bool
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
    """Starts gql_news and the PostGraphiles on free ports, in a scratch directory (no stray .env)."""

    def __init__(
        self,
        opts: Options,
        database_url: str,
        processes: Processes,
        scratch: Path,
        installs: dict[str, Path],
    ) -> None:
        self.opts = opts
        self.database_url = database_url
        self.processes = processes
        self.scratch = scratch
        self.installs = installs
        self.described: dict[str, Any] = {}

    def gql_news(
        self, name: str, *, cache: bool, workers: int = 1, database_url: str | None = None
    ) -> Server:
        port = free_port()
        argv = [*gql_news_command(), "serve", "--no-demo", "--host", "127.0.0.1", "--port", str(port)]
        argv += ["--workers", str(workers)]
        env = gql_news_env(database_url or self.database_url, cache=cache)
        server = self.processes.start(name, argv, port=port, env=env, cwd=self.scratch)
        ready = wait_ready(server, readyz)
        wait_workers(server, workers)
        kind = "sqlite" if database_url and database_url.startswith("sqlite") else "postgres"
        self.described[
            f"gql_news ({kind}, {workers} worker{'s' if workers > 1 else ''}, cache {'on' if cache else 'off'})"
        ] = {
            "argv": ["gql-news", *argv[argv.index("serve") :]],
            "env": {k: env[k] for k in ("GRAPHIQL", "LOG_LEVEL", "RESPONSE_CACHE_BYTES") if k in env},
        }
        say(f"{name} ready on {server.base_url} in {ready:.1f} s")
        return server

    def postgraphile(self, edition: postgraphile.Edition, name: str, processes: int = 1) -> Server:
        install = self.installs[edition.key]
        port = free_port()
        argv = edition.command(install, self.database_url, port, processes)
        env = edition.environment(self.database_url, port)
        server = self.processes.start(name, argv, port=port, env=env, cwd=self.scratch)
        ready = wait_ready(server, graphql_typename, interval_s=0.05)
        self.described[f"{edition.label} ({processes} process{'es' if processes > 1 else ''})"] = {
            "version": edition.version,
            "packages": list(edition.packages),
            "argv": [a.replace(str(install) + "/", "") for a in argv],
            "env": edition.described_env(),
            **({"config": postgraphile.V5_CONFIG} if edition.key == "postgraphile5" else {}),
        }
        say(f"{name} ready on {server.base_url} in {ready:.1f} s")
        return server


class Bench:
    def __init__(self, opts: Options) -> None:
        self.opts = opts
        self.db = BenchDatabase(opts.admin_url, opts.db_name)
        self.processes = Processes()
        self.editions = postgraphile.EDITIONS if opts.postgraphile else ()

    def run(self) -> dict[str, Any]:
        opts = self.opts
        wrk_path = wrk.executable()
        installs = {e.key: postgraphile.ensure_installed(e, say) for e in self.editions}
        with tempfile.TemporaryDirectory(prefix="gql-news-bench-") as tmp:
            try:
                return self._run(Path(tmp), wrk_path, installs)
            finally:
                self.processes.stop_all()
                if opts.keep or opts.reuse:
                    say(f"kept database {self.db.name} ({self.db.url})")
                else:
                    asyncio.run(self.db.drop())
                    say(f"dropped database {self.db.name}")

    def _run(self, scratch: Path, wrk_path: str, installs: dict[str, Path]) -> dict[str, Any]:
        opts = self.opts
        started_at = report.now()
        dataset = asyncio.run(prepare(self.db, opts.sizes, reuse=opts.reuse, log=say))
        slug, code, pg_version = asyncio.run(pick_targets(self.db, opts.sizes))
        qs = queries(slug, code, opts.page)
        say(f"queries: article {slug!r}, country {code}")
        sqlite_url = None
        if opts.sqlite:
            directory = scratch / "sqlite-dataset"
            directory.mkdir()
            sqlite_url = f"sqlite://{directory / 'gql_news.sqlite3'}"
            dataset["sqlite"] = load_sqlite(sqlite_url, opts.sizes, log=say)
        cold = self._cold_start(scratch)
        servers = Servers(opts, self.db.url, self.processes, scratch, installs)
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
        rows, rss = self._load_phase(servers, qs, load, sqlite_url)
        for row in rows:
            for server, cell in row["servers"].items():
                # Statements per request do not depend on the process count; SQLite logs none here.
                if server == GQL and row["set"] == "sqlite":
                    continue
                key = row["query"] + (CACHED if server == GQL and row["set"] == "cached" else "")
                cell["statements"] = statements.get((key, server))
        results: dict[str, Any] = {
            "machine": {**report.machine(pg_version), **started_at},
            "options": {
                **asdict(opts.sizes),
                **{k: v for k, v in asdict(opts).items() if k not in {"sizes", "admin_url", "output"}},
            },
            "dataset": {**dataset, "article_slug": slug, "country_code": code},
            "servers": servers.described,
            "queries": {q.name: {"gql_news": q.gql_news, "postgraphile": q.postgraphile} for q in qs},
            "rows": rows,
            "rss_mb": rss,
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
    def _groups(qs: list[Query], servers: list[tuple[str, Server, str]]) -> list[list[Target]]:
        """Per query, one target per (server key, server, method)."""
        return [[Target(key, server.base_url, q, method) for key, server, method in servers] for q in qs]

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
            members: list[tuple[str, Server, str]] = [(GQL, gql, "POST")]
            for edition in self.editions:
                pg = servers.postgraphile(edition, f"{edition.key}-statements")
                started.append(pg)
                members.append((edition.key, pg, "POST"))
            labelled = [("", group) for group in self._groups(qs, members)]
            if opts.cached:
                cached = servers.gql_news("gql_news-cached-statements", cache=True)
                started.append(cached)
                labelled += [(CACHED, [Target(GQL, cached.base_url, q, "GET")]) for q in qs]
            for suffix, targets in labelled:
                verify(targets, opts.page)
                for target in targets:
                    count = asyncio.run(self._count(log, target))
                    counts[(target.query.name + suffix, target.server)] = count.as_json()
                    resets = f" ({count.resets_per_request:g} of them reset)" if count.resets else ""
                    say(
                        f"  {target.query.name + suffix:9} {target.server:13}"
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
            await asyncio.gather(*(target.arequest(client) for _ in range(32)))
            await log.open()
            try:

                async def send() -> None:
                    for _ in range(n):
                        await target.arequest(client)

                return await log.measure(n, send)
            finally:
                await log.close()

    def _load_phase(
        self, servers: Servers, qs: list[Query], load: Load, sqlite_url: str | None
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        opts = self.opts
        rss: dict[str, Any] = {}
        rows: list[dict[str, Any]] = []

        # One process each: the headline rows.
        gql = servers.gql_news("gql_news", cache=False)
        pgs = [(e.key, servers.postgraphile(e, e.key), "POST") for e in self.editions]
        one = [(GQL, gql, "POST"), *pgs]
        time.sleep(1.0)  # let start-up settle before reading idle RSS
        idle = self._rss(one)
        headline = self._rows(load, self._groups(qs, one), self._groups(qs, one), "1 process")
        rss["1 process"] = {"idle": idle, "after_load": self._rss(one)}
        rows += headline
        self.processes.stop(gql)

        # PostGraphile's one-process figures stand in the rows that only gql_news is measured in.
        def borrowed(query: str) -> dict[str, Any]:
            source = next(r for r in headline if r["query"] == query)
            return {k: {**v, "measured_in": "1 process"} for k, v in source["servers"].items() if k != GQL}

        if opts.cached:
            cached = servers.gql_news("gql_news-cached", cache=True)
            members = [(GQL, cached, "GET")]
            rss_idle = self._rss(members)
            part = self._rows(load, self._groups(qs, members + pgs), self._groups(qs, members), "cached")
            rss["cached"] = {"idle": rss_idle, "after_load": self._rss(members)}
            for row in part:
                row["servers"].update(borrowed(row["query"]))
            rows += part
            self.processes.stop(cached)

        if sqlite_url is not None:
            lite = servers.gql_news("gql_news-sqlite", cache=False, database_url=sqlite_url)
            members = [(GQL, lite, "POST")]
            rss_idle = self._rss(members)
            part = self._rows(load, self._groups(qs, members + pgs), self._groups(qs, members), "sqlite")
            rss["sqlite"] = {"idle": rss_idle, "after_load": self._rss(members)}
            for row in part:
                row["servers"].update(borrowed(row["query"]))
            rows += part
            self.processes.stop(lite)

        for _key, server, _method in pgs:
            self.processes.stop(server)

        for count in opts.workers:
            if count == 1:
                continue
            name = f"{count} processes"
            many = servers.gql_news(f"gql_news-{count}", cache=False, workers=count)
            members = [(GQL, many, "POST")]
            members += [
                (e.key, servers.postgraphile(e, f"{e.key}-{count}", processes=count), "POST")
                for e in self.editions
                if e.clusters
            ]
            time.sleep(1.0)
            rss_idle = self._rss(members[:1])
            rows += self._rows(load, self._groups(qs, members), self._groups(qs, members), name)
            rss[name] = {"idle": rss_idle, "after_load": self._rss(members[:1])}
            for _key, server, _method in members:
                self.processes.stop(server)
        for row in rows:
            row["ratio"], row["versus"] = _ratio(row["servers"])
        return rows, rss

    @staticmethod
    def _rss(members: list[tuple[str, Server, str]]) -> dict[str, list[float | None]]:
        """RSS in MB of each serving process: gql_news's workers, or the PostGraphile process."""
        found: dict[str, list[float | None]] = {}
        for key, server, _method in members:
            pids = wait_workers(server, 1) if key == GQL else [server.process.pid]
            found[key] = [rss_mb(pid) for pid in pids]
        return found

    def _rows(
        self, load: Load, verified: list[list[Target]], measured_groups: list[list[Target]], set_name: str
    ) -> list[dict[str, Any]]:
        opts = self.opts
        for targets in verified:
            verify(targets, opts.page)
        load_1, load_5, _ = os.getloadavg()
        say(
            f"load ({set_name}): load average {load_1:.2f} / {load_5:.2f} (1 / 5 min);"
            f" answers verified; wrk -t{opts.threads} -c{opts.connections},"
            f" {opts.warmup_s:g} s warm-up + {opts.duration_s:g} s per query and server"
        )
        measured: dict[tuple[str, str], list[wrk.WrkResult]] = {}
        for round_ in range(opts.rounds):
            for targets in measured_groups:
                # Interleaved, and the order flips every round so no server always goes first.
                for target in targets if round_ % 2 == 0 else reversed(targets):
                    measured.setdefault((target.query.name, target.server), []).append(load.measure(target))
        rows = []
        suffix = {"1 process": "", "cached": CACHED, "sqlite": SQLITE}.get(set_name, f" {set_name}")
        for targets in measured_groups:
            q = targets[0].query
            row: dict[str, Any] = {
                "label": q.name + suffix,
                "query": q.name,
                "set": set_name,
                "description": q.description,
                "methods": {t.server: t.method for t in targets},
                "loadavg_before": [round(load_1, 2), round(load_5, 2)],
                "servers": {},
            }
            for t in targets:
                results = measured[(q.name, t.server)]
                row["servers"][t.server] = {
                    "load": median_result(results),
                    "rounds": [r.as_json() for r in results],
                }
            rows.append(row)
        return rows


def _ratio(cells: dict[str, Any]) -> tuple[float | None, str | None]:
    """gql_news's req/s over the faster PostGraphile's in the row, and which one that was."""
    ours = cells.get(GQL, {}).get("load", {}).get("rps")
    theirs = {k: v["load"]["rps"] for k, v in cells.items() if k != GQL and v.get("load")}
    if not ours or not theirs:
        return None, None
    best = max(theirs, key=lambda k: theirs[k])
    return round(ours / theirs[best], 3), best


def summary(results: dict[str, Any]) -> str:
    """The lines printed under the table: where it ran, memory, cold start."""
    m = results["machine"]
    rss = results["rss_mb"]
    cold = results["cold_start_sqlite_s"]
    lines = [
        f"machine: {m['nproc']} x {m['cpu_model']}, {m['memory_gib']} GiB; {m['postgresql'].split(' on ')[0]};"
        f" node {m['node']}; gql_news {str(m['commit'])[:12]}{' (+ local changes)' if m['gql_news_dirty'] else ''};"
        f" {m['date']}",
        f"load average (1, 5, 15 min) at the start {m['loadavg_start']}, at the end {m['loadavg']}",
    ]
    for set_name, figures in rss.items():
        lines.append(f"RSS MB ({set_name}): idle {figures['idle']}, after load {figures['after_load']}")
    if cold:
        lines.append(
            f"cold start to /readyz on SQLite (1 worker): median {cold['median']:.2f} s of {cold['runs']}"
        )
    return "\n".join(lines)


def write_results(results: dict[str, Any], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, default=str) + "\n")
    say(f"results written to {output}")
