"""Where a gql_news worker spends its time on Q1-Q3, sampled with py-spy under wrk load.

    uv run python -m bench --keep            # leaves the gql_news_bench database in place
    uv run python -m bench.profile           # one worker, cache off, each query for --duration s

Prints, per query, the share of samples by layer (HTTP stack, strawberry, graphql-core's
executor, gql_news's own code, asyncpg and the SQL wait, the event loop) and the hottest
functions, and writes bench/results/profile.json plus py-spy's raw stacks in bench/.cache/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import cast

import httpx

from bench import wrk
from bench.queries import post_body, queries
from bench.servers import LOG_DIR, free_port, gql_news_command

RESULTS = Path(__file__).resolve().parent / "results" / "profile.json"
LAYERS = (
    ("graphql-core", ("graphql/",)),
    ("strawberry", ("strawberry/",)),
    ("gql_news", ("gql_news/",)),
    ("asyncpg / SQL", ("asyncpg/", "tortoise/")),
    ("HTTP (uvicorn, starlette, httptools)", ("uvicorn/", "starlette/", "httptools/", "h11/")),
    ("JSON", ("orjson",)),
)


def _path(frame: str) -> str:
    """The file of a py-spy frame, `function (path:line)`: path relative to site-packages or the project."""
    return frame.rpartition(" (")[2].rstrip(")")


def _layer(frames: list[str]) -> str:
    """The layer of the innermost frame that belongs to one (the event loop otherwise).

    Matched at the start of the frame's path, so gql_news's own `gql_news/graphql/` modules are
    gql_news's, not graphql-core's. A sample whose innermost Python frame is asyncio's
    `Runner.run` is in the event loop itself (uvloop's C code: polling, socket I/O, callbacks).
    """
    if frames and frames[-1].startswith("Runner.run (asyncio/"):
        return "event loop (uvloop: I/O, callbacks)"
    for frame in reversed(frames):
        path = _path(frame)
        for layer, needles in LAYERS:
            if any(path.startswith(needle) for needle in needles):
                return layer
    return "event loop / other"


def summarise(raw: Path, top: int = 12) -> dict[str, object]:
    layers: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        layers[_layer(frames)] += n
        functions[frames[-1]] += n
    share = {name: round(100 * n / total, 1) for name, n in layers.most_common()} if total else {}
    hot = [(name, round(100 * n / total, 1)) for name, n in functions.most_common(top)] if total else []
    return {"samples": total, "layers_pct": share, "hottest_pct": hot}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/gql_news_bench")
    parser.add_argument("--slug", help="Q1's article (default: the bench's pick, most-mentioned)")
    parser.add_argument("--country", help="Q3's country code (default: the most-mentioned)")
    parser.add_argument("--duration", type=float, default=10.0)
    args = parser.parse_args()
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    slug, code = args.slug, args.country
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        "DATABASE_URL": args.database_url,
        "RESPONSE_CACHE_BYTES": "0",
        "GRAPHIQL": "false",
        "LOG_LEVEL": "warning",
    }
    log = (LOG_DIR / "profile-server.log").open("wb")
    server = subprocess.Popen(
        [*gql_news_command(), "serve", "--no-demo", "--port", str(port), "--workers", "1"],
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=5) as client:
            for _ in range(200):
                try:
                    if client.get("/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            if slug is None or code is None:
                picked = client.post(
                    "/graphql",
                    json={"query": "{ articles(first: 1) { edges { node { slug } } } }"},
                ).json()
                slug = slug or picked["data"]["articles"]["edges"][0]["node"]["slug"]
                code = code or "BW"
        results: dict[str, object] = {"database_url": args.database_url, "duration_s": args.duration}
        wrk_bin = wrk.executable()
        with tempfile.TemporaryDirectory() as tmp:
            for query in queries(slug, code):
                script = Path(tmp) / f"{query.name}.lua"
                script.write_text(wrk.lua_script("POST", post_body(query.text("gql_news"))))
                raw = LOG_DIR.parent / f"profile-{query.name}.txt"
                load = subprocess.Popen(
                    [
                        wrk_bin,
                        "-t1",
                        "-c16",
                        f"-d{round(args.duration + 2)}s",
                        "-s",
                        str(script),
                        f"{base}/graphql",
                    ],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                time.sleep(1)
                subprocess.run(
                    [
                        py_spy,
                        "record",
                        "-p",
                        str(server.pid),
                        "-d",
                        str(round(args.duration)),
                        "-f",
                        "raw",
                        "-o",
                        str(raw),
                    ],
                    check=True,
                    capture_output=True,
                )
                out, _ = load.communicate()
                summary = summarise(raw)
                summary["rps"] = wrk.parse(out).rps
                results[query.name] = summary
                print(f"\n{query.name}: {summary['rps']} req/s on one worker; {summary['samples']} samples")
                for layer, pct in cast(dict[str, float], summary["layers_pct"]).items():
                    print(f"  {pct:5.1f}%  {layer}")
                print("  hottest functions:")
                for name, pct in cast(list[tuple[str, float]], summary["hottest_pct"]):
                    print(f"  {pct:5.1f}%  {name}")
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    finally:
        server.terminate()
        server.wait(20)
        log.close()


if __name__ == "__main__":
    main()
