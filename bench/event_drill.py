"""Event drill: two replicas, PostgreSQL and Redis restarted during a stream of imports; does a
subscriber that resumes with its last event id receive every event?

    .venv/bin/python -m bench.event_drill                  # 1,000 imports, every fault once
    .venv/bin/python -m bench.event_drill --imports 100 --json drill.json

Everything runs on throw-away servers of its own: a PostgreSQL cluster (`bench.cluster`, initdb on
a free port), a `redis-server` on a free port, and two `gql-news serve` replicas (A and B) on both
with `REDIS_URL` set. A subscriber runs `articlePublished` on A over graphql-transport-ws and
records each article's `eventId`; whenever its subscription ends it subscribes again (to B when A
refuses) with `afterEventId` = the last id it received. `--concurrency` writers send `--imports`
`importArticle` mutations, alternating A and B, retrying (on the other replica) whatever did not
succeed (importing the same text again is idempotent). While they write, each fault of `--faults`
happens once, spread over the stream: `pg` (`pg_ctl restart -m fast`), `drop` (the subscriber's
socket cut without a close), `redis` (SIGKILL, then a new redis-server on the same port after
`--down-s`), `replica` (A stopped with SIGTERM, started again after `--down-s`).

At the end (after up to `--drain-s` for the last events) it prints: acknowledged writes, events
received, distinct, duplicates dropped, missing (acknowledged writes no event delivered), the
subscriber's reconnects, the delay from a write's answer to its event. Target: missing = 0; the
exit status is 1 otherwise. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import tempfile
import time
import uuid
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import asyncpg
import redis

from bench.cluster import Cluster
from bench.drill_clients import Log, Subscriber, Writers
from bench.servers import Processes, Server, free_port, gql_news_command, readyz, wait_ready

FAULTS = ("pg", "drop", "redis", "replica")


def options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.event_drill",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--imports", type=_positive, default=1000, help="articles imported in the stream")
    parser.add_argument("--concurrency", type=_positive, default=4, help="writers at once")
    parser.add_argument(
        "--faults",
        type=_fault_list,
        default=FAULTS,
        help=f"comma-separated, each once, in this order: {','.join(FAULTS)}",
    )
    parser.add_argument("--down-s", type=float, default=2.0, help="seconds Redis and replica A stay down")
    parser.add_argument("--drain-s", type=float, default=90.0, help="seconds to wait for the last events")
    parser.add_argument("--give-up-s", type=float, default=120.0, help="seconds a write is retried")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _fault_list(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(FAULTS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown fault(s) {unknown}; choose among {','.join(FAULTS)}")
    return tuple(fault for fault in FAULTS if fault in chosen)


class Rig:
    """The throw-away PostgreSQL, Redis and two app replicas, and the faults done to them."""

    def __init__(self, scratch: Path, log: Log) -> None:
        self.scratch = scratch
        self.log = log
        self.processes = Processes()
        self.cluster: Cluster | None = None
        self.redis_port = free_port()
        self.app_ports = {"A": free_port(), "B": free_port()}
        self.apps: dict[str, Server] = {}
        self.starts: dict[str, int] = {}  # per replica: a restarted one logs to a file of its own
        self.redis: Server | None = None
        self.database_url = ""
        self.token = ""

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.app_ports.values()]

    def ws_urls(self) -> list[str]:
        return [f"ws://127.0.0.1:{port}/graphql" for port in self.app_ports.values()]

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "LOG_LEVEL": "warning",
            "GRAPHIQL": "false",
        }

    async def start(self) -> None:
        self.cluster = await asyncio.to_thread(Cluster.create)
        await asyncio.to_thread(self.cluster.start)
        name = "gql_news_drill"
        admin = await asyncpg.connect(self.cluster.url().replace("postgres://", "postgresql://", 1))
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        self.database_url = self.cluster.url(name)
        await asyncio.to_thread(self.start_redis)
        self.token = await self._token()  # `token create` migrates the database first
        await asyncio.gather(*(asyncio.to_thread(self.start_app, name) for name in self.app_ports))

    async def _token(self) -> str:
        process = await asyncio.create_subprocess_exec(
            *gql_news_command(),
            *("token", "create", "--name", "drill"),
            env=self.env(),
            cwd=self.scratch,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"gql-news token create failed: {(out + err).decode()}")
        return out.decode().strip().splitlines()[-1]

    def start_redis(self) -> None:
        argv = ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no"]
        self.redis = self.processes.start("drill-redis", argv, port=self.redis_port, env=os.environ)
        client = redis.Redis(port=self.redis_port, socket_connect_timeout=1)
        deadline = time.monotonic() + 30
        try:
            while True:
                with suppress(redis.RedisError):
                    if client.ping():
                        return
                if time.monotonic() > deadline or not self.redis.alive():
                    raise RuntimeError(f"redis-server did not start:\n{self.redis.log_tail()}")
                time.sleep(0.05)
        finally:
            client.close()

    def start_app(self, name: str) -> None:
        port = self.app_ports[name]
        argv = [*gql_news_command(), "serve", "--no-demo", "--host", "127.0.0.1", "--port", str(port)]
        self.starts[name] = self.starts.get(name, 0) + 1
        label = f"drill-app-{name}" + (f"-{self.starts[name]}" if self.starts[name] > 1 else "")
        server = self.processes.start(label, argv, port=port, env=self.env(), cwd=self.scratch)
        self.apps[name] = server
        wait_ready(server, readyz, timeout_s=120, interval_s=0.1)

    # The faults: each blocks until the service is back (run in a thread).

    def restart_postgres(self) -> None:
        assert self.cluster is not None
        self.cluster.restart("fast")

    def restart_redis(self, down_s: float) -> None:
        assert self.redis is not None
        with suppress(ProcessLookupError):
            os.killpg(self.redis.process.pid, signal.SIGKILL)
        self.redis.process.wait(10)
        self.processes.stop(self.redis)
        time.sleep(down_s)
        self.start_redis()

    def restart_replica(self, down_s: float) -> None:
        self.processes.stop(self.apps["A"])
        time.sleep(down_s)
        self.start_app("A")

    def stop(self) -> None:
        self.processes.stop_all()
        if self.cluster is not None:
            self.cluster.destroy()


async def _inject(
    args: argparse.Namespace, rig: Rig, writers: Writers, subscriber: Subscriber
) -> dict[str, Any]:
    """Each fault once, when that share of the writes is acknowledged; how long each took."""
    took: dict[str, Any] = {}
    for k, fault in enumerate(args.faults, start=1):
        due = args.imports * k // (len(args.faults) + 1)
        await writers.wait_acknowledged(due)
        rig.log.add(f"fault {fault} at {writers.acknowledged} acknowledged writes")
        started = time.monotonic()
        if fault == "pg":
            await asyncio.to_thread(rig.restart_postgres)
        elif fault == "redis":
            await asyncio.to_thread(rig.restart_redis, args.down_s)
        elif fault == "replica":
            await asyncio.to_thread(rig.restart_replica, args.down_s)
        else:
            subscriber.drop()
        took[f"fault_{fault}_s"] = round(time.monotonic() - started, 2)
        rig.log.add(f"fault {fault} over")
    return took


async def _drain(writers: Writers, subscriber: Subscriber, drain_s: float) -> float:
    """Wait until every acknowledged write's article was received (or `drain_s` passed)."""
    started = time.monotonic()
    wanted = {w.article_id for w in writers.writes if w.article_id is not None}
    while time.monotonic() - started < drain_s:
        if wanted <= {r.article_id for r in subscriber.received}:
            break
        await asyncio.sleep(0.2)
    return round(time.monotonic() - started, 2)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {"imports": args.imports, "faults": ",".join(args.faults)}
    figures["load_average_start"] = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="gql-news-drill-") as scratch:
        log = Log()
        rig = Rig(Path(scratch), log)
        subscriber = Subscriber(rig.ws_urls(), log)
        listening: asyncio.Task[None] | None = None
        try:
            await rig.start()
            listening = asyncio.create_task(subscriber.run())
            writers = Writers(rig.urls(), rig.token, uuid.uuid4().hex[:8], log, give_up_s=args.give_up_s)
            await _warm_up(writers, subscriber)
            log.add("stream starts")
            started = time.monotonic()
            faults = asyncio.create_task(_inject(args, rig, writers, subscriber))
            await writers.stream(1, args.imports, args.concurrency)
            figures["stream_s"] = round(time.monotonic() - started, 2)
            figures |= await faults
            figures["drain_s"] = await _drain(writers, subscriber, args.drain_s)
            figures |= summary(writers, subscriber)
        finally:
            subscriber.stop()
            if listening is not None:
                await listening
            await asyncio.to_thread(rig.stop)
        figures["load_average_end"] = round(os.getloadavg()[0], 2)
        figures["timeline"] = log.lines
    return figures


async def _warm_up(writers: Writers, subscriber: Subscriber) -> None:
    """Import throw-away articles until the subscriber receives one: from then on it is live and
    has an event id to resume from."""
    async with writers.client() as http:
        for n in range(1, 60):
            await writers.write(http, -n)
            with suppress(TimeoutError):
                await asyncio.wait_for(subscriber.live.wait(), 2)
                return
    raise RuntimeError("the subscriber received no event in 2 minutes")


def summary(writers: Writers, subscriber: Subscriber) -> dict[str, Any]:
    """The figures of the stream (warm-up writes left out)."""
    stream = [w for w in writers.writes if w.n > 0]
    acked = {w.article_id: w for w in stream if w.article_id is not None}
    received = [r for r in subscriber.received if r.article_id in acked]
    pairs = {(r.article_id, r.event_id) for r in received}
    first: dict[str, float] = {}
    for r in received:
        first.setdefault(r.article_id, r.at)
    lags = sorted(max(0.0, first[pk] - (w.acked_at or 0)) * 1000 for pk, w in acked.items() if pk in first)
    return {
        "acknowledged_writes": len(acked),
        "not_acknowledged": sum(w.article_id is None for w in stream),
        "write_attempts": sum(w.attempts for w in stream),
        "retries_by_cause": dict(sorted(writers.retries.items())),
        "events_received": len(received),
        "distinct_events": len(pairs),
        "distinct_event_ids": len({r.event_id for r in received}),
        "duplicates_dropped": len(received) - len(pairs),
        "missing": len(set(acked) - set(first)),
        "missing_articles": sorted(set(acked) - set(first))[:20],
        "reconnects": subscriber.reconnects,
        "resumed_with_after_event_id": subscriber.resumes,
        "subscription_losses": dict(sorted(subscriber.losses.items())),
        "received_by_replica": subscriber.by_replica,
        "event_after_answer_ms_p50": round(statistics.median(lags), 1) if lags else None,
        "event_after_answer_ms_p99": round(lags[int(0.99 * (len(lags) - 1))], 1) if lags else None,
        "event_after_answer_ms_max": round(lags[-1], 1) if lags else None,
        "warm_up_writes": sum(w.n < 0 for w in writers.writes),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = options(argv)
    figures = asyncio.run(run(args))
    shown = {key: value for key, value in figures.items() if key not in {"timeline", "missing_articles"}}
    width = max(len(key) for key in shown)
    for key, value in shown.items():
        print(f"{key:<{width}}  {value}")
    met = figures.get("missing") == 0 and figures.get("acknowledged_writes") == args.imports
    print(
        f"\ntarget (every acknowledged write's event received, all {args.imports} acknowledged): "
        f"{'met' if met else 'NOT met'}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
