"""A target is one server asked one query one way; verified once, then loaded with wrk."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import wrk
from bench.queries import Query, compare, get_path, post_body

_ACCEPT = {"Accept": "application/json"}
_POST = {**_ACCEPT, "Content-Type": "application/json"}


@dataclass(frozen=True)
class Target:
    """POST with a JSON body, or GET with the query in the URL (the same URL every time)."""

    server: str  # "gql_news" | "postgraphile4" | "postgraphile5"
    base_url: str
    query: Query
    method: str = "POST"

    @property
    def text(self) -> str:
        return self.query.text(self.server)

    def url(self) -> str:
        return self.base_url + (get_path(self.text) if self.method == "GET" else "/graphql")

    def _check(self, response: httpx.Response) -> None:
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(
                f"{self.server} {self.query.name} {self.method}: HTTP {response.status_code}: {response.text[:800]}"
            )

    def request(self, client: httpx.Client) -> Any:
        if self.method == "GET":
            response = client.get(self.url(), headers=_ACCEPT)
        else:
            response = client.post(self.url(), content=post_body(self.text), headers=_POST)
        if response.status_code != 200:
            self._check(response)
        return response.json()

    async def arequest(self, client: httpx.AsyncClient) -> None:
        if self.method == "GET":
            response = await client.get(self.url(), headers=_ACCEPT)
        else:
            response = await client.post(self.url(), content=post_body(self.text), headers=_POST)
        self._check(response)

    def script(self, directory: Path) -> Path:
        path = directory / f"{self.server}-{self.query.name}-{self.method}.lua"
        body = post_body(self.text) if self.method == "POST" else None
        path.write_text(wrk.lua_script(self.method, body))
        return path


def verify(targets: list[Target], page: int) -> None:
    """Ask each target once: no errors, substantial data, and every server the same data (else Mismatch)."""
    with httpx.Client(timeout=30.0) as client:
        answers = {t.server: t.request(client) for t in targets}
    compare(targets[0].query, answers, page)


@dataclass(frozen=True)
class Load:
    """wrk with the run's settings: a warm-up run (discarded), then the measured run."""

    wrk_path: str
    scripts: Path
    duration_s: float
    warmup_s: float
    connections: int
    threads: int
    log: Callable[[str], None]

    def _run(self, target: Target, duration_s: float) -> wrk.WrkResult:
        return wrk.run(
            self.wrk_path,
            target.url(),
            target.script(self.scripts),
            duration_s=duration_s,
            connections=self.connections,
            threads=self.threads,
        )

    def measure(self, target: Target) -> wrk.WrkResult:
        if self.warmup_s > 0:
            self._run(target, self.warmup_s)
        result = self._run(target, self.duration_s)
        flag = f"  ({result.non_2xx} non-2xx, errors {result.errors})" if any(result.errors.values()) else ""
        self.log(
            f"  {target.query.name:3} {target.method:4} {target.server:12} {result.rps:8,.1f} req/s"
            f"  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms{flag}"
        )
        return result


def median_result(results: list[wrk.WrkResult]) -> dict[str, Any]:
    """One result for several rounds: the median of each figure, errors summed."""
    if len(results) == 1:
        return results[0].as_json()
    merged = results[len(results) // 2].as_json()
    for key in ("rps", "p50_ms", "p90_ms", "p99_ms", "mean_ms"):
        merged[key] = round(statistics.median(getattr(r, key) for r in results), 3)
    merged["requests"] = sum(r.requests for r in results)
    merged["non_2xx"] = sum(r.non_2xx for r in results)
    merged["errors"] = {k: sum(r.errors[k] for r in results) for k in results[0].errors}
    return merged
