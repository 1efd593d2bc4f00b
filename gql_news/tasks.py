"""Stopping a background task within a bounded time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

logger = logging.getLogger("gql_news")

# How long stopping waits for a task after cancelling it, twice at most (the second time after
# `cut`): shutdown never waits on a database or a broker.
STOP_WAIT_S = 1.0


async def stop(task: asyncio.Task[None], what: str, cut: Callable[[], None] | None = None) -> None:
    """Cancel `task` and wait for it to end, about two seconds at most.

    A cancellation can be lost: Python 3.11's `asyncio.wait_for` returns the result of what it
    waited for when that finished in the same turn as the cancellation (a heartbeat's wait, a
    statement completing just then), and a loop around it would go on. So the loops also test a
    closing flag, and a task still running after a second has `cut` called (which cuts its
    connection, so an in-flight read fails at once) and is cancelled again."""
    for _attempt in range(2):
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=STOP_WAIT_S)
        if done:
            if not task.cancelled() and task.exception() is not None:
                logger.warning("%s ended with %r", what, task.exception())
            return
        if cut is not None:
            cut()
    logger.warning("%s did not stop; leaving it behind", what)
