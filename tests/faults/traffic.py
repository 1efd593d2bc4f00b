"""A steady stream of reads and writes against a served app, every request's outcome recorded.

Writes import articles that each link the same set of countries, so "whole or not at all" can
be checked row by row afterwards: an article stored without all its mentions is half-written.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

IMPORT = (
    "mutation($input: ImportArticleInput!) { importArticle(input: $input) "
    "{ slug mentions { text start end } } }"
)
LATEST = "query($n: Int!) { articles(first: $n) { totalCount edges { node { slug title } } } }"
ARTICLE = "query($s: String!) { article(slug: $s) { slug mentions { text start end } } }"
UNAVAILABLE = "SERVICE_UNAVAILABLE"
PACE_S = 0.02  # between a task's requests: steady, without saturating a shared 2-core machine


@dataclass(frozen=True, slots=True)
class Outcome:
    """One request: when it started (monotonic), how long it took and what came back."""

    kind: str  # "read" | "write"
    started: float
    elapsed: float
    status: int | None  # None: no HTTP answer at all
    body: Any
    failure: str | None = None  # transport error or a body that is not JSON

    @property
    def ended(self) -> float:
        return self.started + self.elapsed

    @property
    def codes(self) -> list[str]:
        if not isinstance(self.body, dict):
            return []
        return [str((e.get("extensions") or {}).get("code")) for e in self.body.get("errors") or []]

    @property
    def ok(self) -> bool:
        return (
            self.status == 200
            and isinstance(self.body, dict)
            and not self.body.get("errors")
            and self.body.get("data") is not None
        )

    @property
    def unavailable(self) -> bool:
        """Refused the way the API promises: SERVICE_UNAVAILABLE, HTTP 503 before execution or
        200 with the error on the field (GraphQL-over-HTTP), and nothing else."""
        return self.status in {200, 503} and bool(self.codes) and set(self.codes) == {UNAVAILABLE}


class Traffic:
    """One writer and one reader, looping until stopped."""

    def __init__(self, url: str, token: str, timeout: float = 30) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout
        self.run_id = uuid.uuid4().hex[:8]
        self.outcomes: list[Outcome] = []
        self.acked: dict[str, list[dict[str, Any]]] = {}  # slug -> mentions, as acknowledged
        self._stop = asyncio.Event()

    def text(self, serial: int) -> str:
        return (
            f"Drill {self.run_id} dispatch {serial}\n\nNews | May 1, 2024\n\n"
            f"Envoys of Belarus, Norway and South Korea met for round {serial}.\n\n"
            "The Korean envoy spoke first."
        )

    async def _post(self, http: httpx.AsyncClient, kind: str, payload: dict[str, Any]) -> Outcome:
        headers = {"Authorization": f"Bearer {self.token}"} if kind == "write" else {}
        started = time.monotonic()
        try:
            response = await http.post("/graphql", json=payload, headers=headers)
        except httpx.HTTPError as exc:
            outcome = Outcome(kind, started, time.monotonic() - started, None, None, repr(exc))
        else:
            elapsed = time.monotonic() - started
            try:
                outcome = Outcome(kind, started, elapsed, response.status_code, response.json())
            except ValueError:
                outcome = Outcome(kind, started, elapsed, response.status_code, None, response.text[:200])
        self.outcomes.append(outcome)
        return outcome

    async def _writer(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=self.timeout) as http:
            serial = 0
            while not self._stop.is_set():
                serial += 1
                variables = {"input": {"text": self.text(serial)}}
                outcome = await self._post(http, "write", {"query": IMPORT, "variables": variables})
                if outcome.ok:
                    article = outcome.body["data"]["importArticle"]
                    self.acked[article["slug"]] = article["mentions"]
                await asyncio.sleep(PACE_S)

    async def _reader(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=self.timeout) as http:
            turn = 0
            while not self._stop.is_set():
                turn += 1
                if turn % 2 and self.acked:
                    payload = {"query": ARTICLE, "variables": {"s": next(reversed(self.acked))}}
                else:
                    payload = {"query": LATEST, "variables": {"n": 1 + turn % 5}}
                await self._post(http, "read", payload)
                await asyncio.sleep(PACE_S)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Traffic]:
        tasks = [asyncio.create_task(self._writer()), asyncio.create_task(self._reader())]
        try:
            yield self
        finally:
            self._stop.set()
            await asyncio.gather(*tasks)

    async def first_success(self, kind: str, after: float) -> float:
        """When the first request of `kind` started after `after` succeeded (its end time); waits
        for it (bound the wait with `asyncio.timeout`)."""
        while True:
            for outcome in self.outcomes:
                if outcome.kind == kind and outcome.started >= after and outcome.ok:
                    return outcome.ended
            await asyncio.sleep(0.05)

    def between(self, start: float, end: float) -> list[Outcome]:
        """Requests that started and ended within [start, end]."""
        return [o for o in self.outcomes if o.started >= start and o.ended <= end]
