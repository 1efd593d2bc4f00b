"""Fan-out over Redis pub/sub, chosen when `REDIS_URL` is set.

One client per process publishes; one pub/sub connection per process receives and is
re-established (with backoff) when Redis goes away. As with LISTEN/NOTIFY, a wake-up sent
during a gap is lost, its events are not: they are read from the outbox once it is back.
"""

from __future__ import annotations

import logging

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from gql_news.events.broker import ListeningBroker, encode

logger = logging.getLogger("gql_news.events")


class RedisBroker(ListeningBroker):
    """PUBLISH to send, SUBSCRIBE on one connection per process to receive."""

    _errors = (RedisError, OSError, TimeoutError)

    def __init__(self, url: str, channel: str, **reader: float) -> None:
        super().__init__(**reader)
        self.channel = channel
        # Named, so an operator can tell the app's connections apart in CLIENT LIST.
        self._client = aioredis.Redis.from_url(
            url, socket_connect_timeout=5, health_check_interval=15, client_name=f"gql_news:{channel}"
        )

    async def publish(self, last_id: int) -> None:
        await self._client.publish(self.channel, encode(last_id))

    async def close(self) -> None:
        await super().close()
        await self._client.aclose()

    async def _receive(self) -> None:
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
            self._ready()
            logger.info("listening for events on Redis channel %r", self.channel)
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    self.deliver_message(message["data"])
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
