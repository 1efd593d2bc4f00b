"""How many worker processes `gql-news serve` starts, and the metrics directory they share.

SQLite is served by one worker only: every worker would open the same file, and SQLite lets one
writer in at a time, so concurrent writes from several processes fail with "database is locked"
instead of queueing as they do inside one process. PostgreSQL takes any number.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gql_news.ops.metrics import MULTIPROC_ENV
from gql_news.settings import Settings


class WorkersError(ValueError):
    """A worker count the database cannot be served with."""


def resolve_workers(requested: int | None, settings: Settings) -> int:
    """The worker count: `--workers`, else WORKERS; 0 means one per CPU (one on SQLite)."""
    workers = settings.workers if requested is None else requested
    if workers == 0:
        return (os.cpu_count() or 1) if settings.is_postgres else 1
    if workers > 1 and not settings.is_postgres:
        raise WorkersError(
            f"SQLite is served by one worker ({workers} requested): several processes writing one "
            "SQLite file fail with 'database is locked'. Use PostgreSQL (DATABASE_URL) for more workers."
        )
    return workers


@contextmanager
def shared_metrics(workers: int) -> Iterator[Path | None]:
    """With several workers, a PROMETHEUS_MULTIPROC_DIR for their samples, empty at start.

    A directory given in the environment is used (and emptied of old samples, as the Prometheus
    client requires); otherwise a temporary one is made and removed when the server stops.
    """
    given = os.environ.get(MULTIPROC_ENV)
    if workers == 1 and not given:
        yield None
        return
    directory = Path(given) if given else Path(tempfile.mkdtemp(prefix="gql-news-metrics-"))
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROC_ENV] = str(directory)  # inherited by the spawned workers
    try:
        yield directory
    finally:
        if not given:
            del os.environ[MULTIPROC_ENV]
            shutil.rmtree(directory, ignore_errors=True)
