"""The `Broker` interface, the wire format of an event, and the in-process implementation.

A broker has two halves: `publish` sends an event to every instance sharing the database
(or the Redis server), and each instance hands what it receives to its local subscribers
(`subscribe`). Events carry article ids only, never documents: receivers read the articles
themselves, so a message stays small and nothing stale travels.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

logger = logging.getLogger("gql_news.events")

Reason = Literal["created", "updated", "relinked"]
REASONS: tuple[Reason, ...] = ("created", "updated", "relinked")
_IDS_PER_MESSAGE = 500  # ~5 KB of JSON: under PostgreSQL's 8000-byte NOTIFY payload limit
_QUEUE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class ArticleEvent:
    """These articles were created, updated or re-linked by a committed write.

    `shared` lets the receivers of one event in one process share work derived from it
    (e.g. one statement per distinct filter instead of one per subscriber).
    """

    article_ids: tuple[int, ...]
    reason: Reason
    shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


def encode(event: ArticleEvent) -> Iterator[str]:
    """The event as one or more small JSON messages (long id lists are split)."""
    ids = event.article_ids
    for first in range(0, len(ids), _IDS_PER_MESSAGE):
        chunk = list(ids[first : first + _IDS_PER_MESSAGE])
        yield orjson.dumps({"reason": event.reason, "articles": chunk}).decode()


def decode(message: str | bytes) -> ArticleEvent | None:
    """The event in a message; None (and a log line) for anything else on the channel."""
    try:
        data = orjson.loads(message)
        reason = data["reason"]
        ids = tuple(int(pk) for pk in data["articles"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        logger.warning("ignored a malformed event message: %.200r", message)
        return None
    if reason not in REASONS or not ids:
        logger.warning("ignored an event message with reason %.50r", reason)
        return None
    return ArticleEvent(ids, reason)


class Subscriber:
    """One consumer's queue of events. A consumer that falls `_QUEUE_SIZE` events behind loses
    the oldest ones (logged) rather than holding memory without bound."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[ArticleEvent | None] = asyncio.Queue(maxsize=_QUEUE_SIZE)

    def put(self, event: ArticleEvent | None) -> None:
        if self._queue.full():
            self._queue.get_nowait()
            logger.warning("a subscriber fell behind: dropped its oldest event")
        self._queue.put_nowait(event)

    def __aiter__(self) -> AsyncIterator[ArticleEvent]:
        return self._events()

    async def _events(self) -> AsyncIterator[ArticleEvent]:
        while True:
            event = await self._queue.get()
            if event is None:  # the broker closed
                return
            yield event


class Broker(abc.ABC):
    """Publishes events to every instance and delivers received ones to local subscribers."""

    def __init__(self) -> None:
        self._subscribers: set[Subscriber] = set()
        self.closed = False

    async def start(self) -> None:  # noqa: B027 - receiving needs nothing in-process
        """Begin receiving (a publish-only broker, as the CLI uses, is never started)."""

    async def close(self) -> None:
        """Stop receiving and end every local subscription."""
        self.closed = True
        for subscriber in list(self._subscribers):
            subscriber.put(None)

    @abc.abstractmethod
    async def publish(self, event: ArticleEvent) -> None:
        """Send the event to every instance, this one included."""

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Subscriber]:
        """Receive the events published from now on until the block exits or the broker closes."""
        subscriber = Subscriber()
        if self.closed:
            subscriber.put(None)
        self._subscribers.add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def deliver(self, event: ArticleEvent) -> None:
        """Hand a received event to every local subscriber (they share one `shared` dict)."""
        for subscriber in list(self._subscribers):
            subscriber.put(event)

    def deliver_message(self, message: str | bytes) -> None:
        event = decode(message)
        if event is not None:
            self.deliver(event)


class InProcessBroker(Broker):
    """One process (SQLite): publishing is delivering."""

    async def publish(self, event: ArticleEvent) -> None:
        for message in encode(event):  # the same round trip as the networked brokers
            self.deliver_message(message)


class ListeningBroker(Broker):
    """A broker receiving on one connection of its own, re-established with backoff when lost.

    Subclasses implement `_receive`: connect, subscribe, call `_ready()`, and return (or raise
    one of `_errors`) when the connection is gone.
    """

    _errors: tuple[type[BaseException], ...] = (OSError, TimeoutError)
    _START_WAIT_S = 3.0
    _BACKOFF_MIN_S = 0.2
    _BACKOFF_MAX_S = 10.0

    def __init__(self) -> None:
        super().__init__()
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()
        self._first_attempt = asyncio.Event()
        self._backoff = self._BACKOFF_MIN_S
        self.connections_made = 0

    async def start(self) -> None:
        """Start receiving. Waits for the first attempt to subscribe (a few seconds at most), so
        events published right after start-up are not missed; a failed attempt does not stop
        the app from starting (it reports not ready while the database is away), retries go on
        in the background."""
        self._task = asyncio.create_task(self._listen_forever(), name=f"gql_news-{type(self).__name__}")
        try:
            await asyncio.wait_for(self._first_attempt.wait(), self._START_WAIT_S)
        except TimeoutError:
            logger.warning("%s is not receiving yet; retrying in the background", type(self).__name__)

    async def close(self) -> None:
        await super().close()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    @property
    def listening(self) -> bool:
        """Subscribed right now (False while reconnecting)."""
        return self._listening.is_set()

    def _ready(self) -> None:
        self.connections_made += 1
        self._backoff = self._BACKOFF_MIN_S
        self._listening.set()
        self._first_attempt.set()

    @abc.abstractmethod
    async def _receive(self) -> None:
        """Receive until the connection is lost."""

    async def _listen_forever(self) -> None:
        while not self.closed:
            try:
                await self._receive()
                logger.warning("%s lost its connection; reconnecting", type(self).__name__)
            except self._errors as exc:
                logger.warning(
                    "%s could not receive (%s); retrying in %.1f s",
                    type(self).__name__,
                    type(exc).__name__,
                    self._backoff,
                )
            finally:
                self._listening.clear()
                self._first_attempt.set()
            await asyncio.sleep(self._backoff)
            self._backoff = min(self._backoff * 2, self._BACKOFF_MAX_S)
