"""The `Broker` interface, the wake-up message, and the in-process implementation.

Events live in the outbox table (`events.outbox`), written by the writing transaction. A
broker carries only wake-ups: `publish(last_id)` tells every instance sharing the database (or
the Redis server) that events up to that id committed; each instance's `OutboxReader` then
reads the new rows and hands them to its local subscribers (`subscribe`). A lost wake-up (a
listener reconnecting, Redis restarting) delays an event until the next timed read, it never
loses one. Events carry article ids only, never documents: receivers read the articles
themselves, so nothing stale travels.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson

from gql_news.events.event import REASONS, ArticleEvent, Reason
from gql_news.events.outbox import OutboxReader
from gql_news.tasks import stop

__all__ = [
    "REASONS",
    "ArticleEvent",
    "Broker",
    "FellBehind",
    "InProcessBroker",
    "ListeningBroker",
    "Reason",
    "Subscriber",
]

logger = logging.getLogger("gql_news.events")

_QUEUE_SIZE = 1000
DEFAULT_POLL_S = 2.0
DEFAULT_GAP_WAIT_S = 30.0


def encode(last_id: int) -> str:
    """The wake-up message: events up to `last_id` committed."""
    return orjson.dumps({"outbox": last_id}).decode()


def decode(message: str | bytes) -> int | None:
    """The id a wake-up announces; None (and a log line) for anything else on the channel."""
    try:
        last = orjson.loads(message)["outbox"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        logger.warning("ignored a malformed event message: %.200r", message)
        return None
    if not isinstance(last, int) or isinstance(last, bool) or last < 1:
        logger.warning("ignored an event message announcing %.50r", last)
        return None
    return last


class FellBehind(Exception):
    """A subscriber's queue filled up: the events after the ones it holds were not kept for it."""


class Subscriber:
    """One consumer's queue of events, bounded: a consumer that falls `_QUEUE_SIZE` events behind
    gets the events already queued, then `FellBehind`, and nothing newer. Events past the queue are
    never dropped silently from the middle of a feed: the consumer ends, and its client resumes
    from the last event it received (the outbox still holds the rest)."""

    def __init__(self, size: int = _QUEUE_SIZE) -> None:
        self._queue: asyncio.Queue[ArticleEvent | None] = asyncio.Queue(maxsize=size)
        self._behind = False

    def put(self, event: ArticleEvent | None) -> None:
        if self._behind:
            return
        if self._queue.full():
            self._behind = True
            logger.warning("a subscriber fell %d events behind: its feed ends", self._queue.maxsize)
            return
        self._queue.put_nowait(event)

    def __aiter__(self) -> AsyncIterator[ArticleEvent]:
        return self._events()

    async def _events(self) -> AsyncIterator[ArticleEvent]:
        while True:
            if self._behind and self._queue.empty():
                raise FellBehind
            event = await self._queue.get()
            if event is None:  # the broker closed
                return
            yield event


class Broker(abc.ABC):
    """Publishes events to every instance and delivers received ones to local subscribers."""

    def __init__(self, *, poll_s: float = DEFAULT_POLL_S, gap_wait_s: float = DEFAULT_GAP_WAIT_S) -> None:
        self._subscribers: set[Subscriber] = set()
        self.closed = False
        self.reader = OutboxReader(
            self.deliver,
            lambda: bool(self._subscribers),
            lambda: self.connected,
            poll_s=poll_s,
            gap_wait_s=gap_wait_s,
        )

    async def start(self) -> None:
        """Begin receiving (a publish-only broker, as the CLI uses, is never started)."""
        self.reader.start()

    async def close(self) -> None:
        """Stop receiving and end every local subscription."""
        self.closed = True
        await self.reader.close()
        for subscriber in list(self._subscribers):
            subscriber.put(None)

    @property
    def connected(self) -> bool:
        """Wake-ups arrive (while they do not, the outbox is read four times as often)."""
        return True

    @abc.abstractmethod
    async def publish(self, last_id: int) -> None:
        """Wake every instance, this one included: events up to `last_id` committed."""

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Subscriber]:
        """Receive the events committed from now on until the block exits or the broker closes.
        Raises when the outbox cannot be read (the database is away)."""
        subscriber = Subscriber()
        if self.closed:
            subscriber.put(None)
        first = not self._subscribers
        self._subscribers.add(subscriber)
        try:
            if not self.closed:
                await self.reader.activate(fresh=first)
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
        """A wake-up arrived: read the outbox now."""
        if decode(message) is not None:
            self.reader.wake()


class InProcessBroker(Broker):
    """One process (SQLite): publishing wakes this process's reader; writes of other processes
    (`gql-news import`) are found by the timed read."""

    async def publish(self, last_id: int) -> None:
        self.deliver_message(encode(last_id))  # the same round trip as the networked brokers


class ListeningBroker(Broker):
    """A broker receiving on one connection of its own, re-established with backoff when lost.

    Subclasses implement `_receive`: connect, subscribe, call `_ready()`, and return (or raise
    one of `_errors`) when the connection is gone.
    """

    _errors: tuple[type[BaseException], ...] = (OSError, TimeoutError)
    _START_WAIT_S = 3.0
    _BACKOFF_MIN_S = 0.2
    _BACKOFF_MAX_S = 10.0

    def __init__(self, **reader: float) -> None:
        super().__init__(**reader)
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
        await super().start()
        self._task = asyncio.create_task(self._listen_forever(), name=f"gql_news-{type(self).__name__}")
        try:
            await asyncio.wait_for(self._first_attempt.wait(), self._START_WAIT_S)
        except TimeoutError:
            logger.warning("%s is not receiving yet; retrying in the background", type(self).__name__)

    async def close(self) -> None:
        await super().close()  # sets `closed`, which ends the loops
        task, self._task = self._task, None
        if task is not None:
            await stop(task, f"the {type(self).__name__} listener", self._cut)

    def _cut(self) -> None:
        """Cut the receiving connection, so a read in flight fails at once (see `stop`)."""

    @property
    def listening(self) -> bool:
        """Subscribed right now (False while reconnecting)."""
        return self._listening.is_set()

    @property
    def connected(self) -> bool:
        return self.listening

    def _ready(self) -> None:
        self.connections_made += 1
        self._backoff = self._BACKOFF_MIN_S
        self._listening.set()
        self._first_attempt.set()
        self.reader.wake()  # what committed while the channel was down

    @abc.abstractmethod
    async def _receive(self) -> None:
        """Receive until the connection is lost."""

    async def _listen_forever(self) -> None:
        while not self.closed:
            try:
                await self._receive()
                logger.warning("%s lost its connection; reconnecting", type(self).__name__)
            except self._errors as exc:
                if self.closed:  # its connection was cut to stop it
                    return
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
