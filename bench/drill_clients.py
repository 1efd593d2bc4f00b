"""The two clients of the event drill (bench/event_drill.py): a subscriber that resumes with the
last event id it saw, and writers that import articles and retry what did not succeed.

Both only speak to the app over its public protocols (graphql-transport-ws, HTTP), as any client
of two replicas behind a load balancer would.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.typing import Subprotocol

SUBSCRIPTION = "subscription Drill($after: ID) { articlePublished(afterEventId: $after) { id eventId } }"
IMPORT = "mutation Drill($input: ImportArticleInput!) { importArticle(input: $input) { id } }"
# A write refused for these reasons would be refused again: it is not retried.
FINAL_CODES = frozenset({"BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "GRAPHQL_VALIDATION_FAILED"})
_PROTOCOL = Subprotocol("graphql-transport-ws")


def article_text(run: str, n: int) -> str:
    """A distinct article in the import format (the same text again is the same article)."""
    return (
        f"Drill {run} Report {n}\n\nNews | May 1, 2024\n\n"
        f"Andrei Dapkiunas spoke in Minsk about report {n} of drill {run}.\n\n"
        "Officials in Vilnius answered the next morning."
    )


@dataclass
class Log:
    """What happened when (seconds from the start of the stream), for the report."""

    started: float = field(default_factory=time.monotonic)
    lines: list[tuple[float, str]] = field(default_factory=list)

    def now(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def add(self, line: str) -> None:
        self.lines.append((self.now(), line))


@dataclass
class Received:
    """One `next` message: the article and the event that delivered it."""

    article_id: str
    event_id: int
    at: float


class Subscriber:
    """`articlePublished` on the first replica that answers; on any loss (socket closed, an error
    message, `complete`) it subscribes again, on the next replica if one refuses, with
    `afterEventId` set to the last event id it received."""

    def __init__(self, ws_urls: Sequence[str], log: Log, *, retry_s: float = 0.2) -> None:
        self.ws_urls = list(ws_urls)
        self.log = log
        self.retry_s = retry_s
        self.received: list[Received] = []
        self.last_id: int | None = None
        self.subscriptions = 0  # subscribe messages sent (the first one is not a reconnect)
        self.resumes = 0  # of those, with afterEventId
        self.losses: dict[str, int] = {}
        self.by_replica: dict[str, int] = {}
        self._connection: ClientConnection | None = None
        self._stop = asyncio.Event()
        self.live = asyncio.Event()  # set once a subscription is acknowledged by a first event

    @property
    def reconnects(self) -> int:
        return max(0, self.subscriptions - 1)

    def drop(self) -> bool:
        """Cut the socket as a network failure would (no close handshake)."""
        connection = self._connection
        if connection is None:
            return False
        connection.transport.abort()
        return True

    def stop(self) -> None:
        self._stop.set()
        self.drop()

    async def run(self) -> None:
        target = 0
        while not self._stop.is_set():
            url = self.ws_urls[target % len(self.ws_urls)]
            subscribed = self.subscriptions
            try:
                reason = await self._session(url)
            except (OSError, TimeoutError, WebSocketException) as exc:
                reason = type(exc).__name__
            if self._stop.is_set():
                return
            self.losses[reason] = self.losses.get(reason, 0) + 1
            self.log.add(f"subscriber lost {url} ({reason}); last event id {self.last_id}")
            # Back to the first replica after a subscription ran there; the next one if it refused.
            target = 0 if self.subscriptions > subscribed and not reason.startswith("error") else target + 1
            await asyncio.sleep(self.retry_s)

    async def _session(self, url: str) -> str:
        """One connection: init, subscribe, receive until something ends it; why it ended."""
        async with connect(url, subprotocols=[_PROTOCOL], open_timeout=10, ping_interval=5) as connection:
            self._connection = connection
            try:
                await connection.send(json.dumps({"type": "connection_init"}))
                ack = json.loads(await asyncio.wait_for(connection.recv(), 10))
                if ack.get("type") != "connection_ack":
                    return f"init answered {ack.get('type')}"
                variables = {"after": str(self.last_id)} if self.last_id is not None else {}
                self.subscriptions += 1
                self.resumes += self.last_id is not None
                payload = {"query": SUBSCRIPTION, "variables": variables}
                await connection.send(json.dumps({"id": "drill", "type": "subscribe", "payload": payload}))
                self.log.add(f"subscribed on {url} after event {self.last_id}")
                return await self._receive(connection, url)
            finally:
                self._connection = None

    async def _receive(self, connection: ClientConnection, url: str) -> str:
        async for raw in connection:
            message: dict[str, Any] = json.loads(raw)
            kind = message.get("type")
            if kind == "ping":
                await connection.send(json.dumps({"type": "pong"}))
                continue
            if kind == "complete":
                return "complete"
            payload = message.get("payload")
            if kind == "error" or (isinstance(payload, dict) and payload.get("errors")):
                errors = payload if isinstance(payload, list) else (payload or {}).get("errors", [])
                codes = sorted({str((e.get("extensions") or {}).get("code")) for e in errors})
                return f"error {','.join(codes)}"
            if kind == "next" and isinstance(payload, dict):
                article = payload["data"]["articlePublished"]
                event_id = int(article["eventId"])
                self.received.append(Received(article["id"], event_id, time.monotonic()))
                self.by_replica[url] = self.by_replica.get(url, 0) + 1
                self.last_id = event_id
                self.live.set()
        return "closed"


@dataclass
class Write:
    """One import, from its first attempt to the answer that acknowledged it (if any)."""

    n: int
    attempts: int = 0
    article_id: str | None = None
    acked_at: float | None = None
    failure: str | None = None


class Writers:
    """`concurrency` writers importing articles `0 … count - 1`, each over the replicas in turn.

    A write that fails in any way but a refusal (`FINAL_CODES`) is sent again, to the next
    replica: importing the same text again is idempotent (it returns the stored article), so a
    retry after a write that committed but whose answer was lost stores nothing twice, and its
    event is the first attempt's. A write still failing after `give_up_s` is not acknowledged.
    """

    def __init__(
        self, urls: Sequence[str], token: str, run: str, log: Log, *, give_up_s: float = 120.0
    ) -> None:
        self.urls = list(urls)
        self.token = token
        self.run = run
        self.log = log
        self.give_up_s = give_up_s
        self.writes: list[Write] = []
        self.retries: dict[str, int] = {}
        self.acknowledged = 0
        self._progress = asyncio.Condition()
        self._done = False

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(headers={"Authorization": f"Bearer {self.token}"}, timeout=30)

    async def stream(self, first: int, count: int, concurrency: int) -> None:
        pending = iter(range(first, first + count))
        async with self.client() as http:

            async def worker() -> None:
                for n in pending:
                    await self.write(http, n)

            try:
                await asyncio.gather(*(worker() for _ in range(concurrency)))
            finally:
                async with self._progress:
                    self._done = True
                    self._progress.notify_all()

    async def wait_acknowledged(self, count: int) -> None:
        """Until `count` writes are acknowledged (or every write ended)."""
        async with self._progress:
            await self._progress.wait_for(lambda: self.acknowledged >= count or self._done)

    async def write(self, http: httpx.AsyncClient, n: int) -> Write:
        write = Write(n)
        self.writes.append(write)
        body = {"query": IMPORT, "variables": {"input": {"text": article_text(self.run, n)}}}
        deadline = time.monotonic() + self.give_up_s
        while True:
            url = self.urls[(n + write.attempts) % len(self.urls)]
            write.attempts += 1
            cause = await self._attempt(http, url, body, write)
            if cause is None:
                async with self._progress:
                    self.acknowledged += 1
                    self._progress.notify_all()
                return write
            if cause.startswith("refused") or time.monotonic() > deadline:
                write.failure = cause
                self.log.add(f"write {n} not acknowledged: {cause}")
                return write
            self.retries[cause] = self.retries.get(cause, 0) + 1
            await asyncio.sleep(min(0.05 * write.attempts, 1.0))

    async def _attempt(
        self, http: httpx.AsyncClient, url: str, body: dict[str, Any], write: Write
    ) -> str | None:
        """None when the write is acknowledged; else why it is not."""
        try:
            response = await http.post(f"{url}/graphql", json=body)
        except httpx.TransportError as exc:
            return f"transport {type(exc).__name__}"
        try:
            answer = response.json()
        except ValueError:
            return f"http {response.status_code} (not JSON)"
        data = answer.get("data") or {}
        if response.status_code == 200 and not answer.get("errors") and data.get("importArticle"):
            write.article_id = data["importArticle"]["id"]
            write.acked_at = time.monotonic()
            return None
        codes = sorted({str((e.get("extensions") or {}).get("code")) for e in answer.get("errors") or []})
        if FINAL_CODES.intersection(codes):
            return f"refused {','.join(codes)}: {answer['errors'][0].get('message')}"
        return f"http {response.status_code} {','.join(codes)}"
