"""The event outbox: one row per committed write's article event, with an increasing id.

Writes insert their rows in their own transaction (`events.publish.write_transaction`), so an
event exists exactly when its write committed; every app instance reads the table after a
wake-up (NOTIFY or Redis) or a timed poll and hands new rows to its subscribers. Rows older
than the retention window are pruned, always keeping the newest expired one as the horizon a
resuming subscriber is checked against. `created_at` is the database's clock in seconds since
the epoch, taken when the row is inserted (just before the commit).

PostgreSQL rows also keep their transaction's id (`txid`) and the snapshot taken when they
were inserted (`snapshot`): an event with a lower id commits after this one only if its
transaction is not visible in that snapshot, so a subscriber resuming after this event is sent
exactly those besides the later ones. On SQLite writes are serialised, so ids commit in order.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

_PG = [
    """
    CREATE TABLE event_outbox (
      id BIGSERIAL PRIMARY KEY,
      reason VARCHAR(16) NOT NULL CHECK (reason IN ('created', 'updated', 'relinked')),
      article_ids TEXT NOT NULL,
      created_at DOUBLE PRECISION NOT NULL DEFAULT extract(epoch FROM clock_timestamp()),
      txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      snapshot pg_snapshot NOT NULL DEFAULT pg_current_snapshot()
    )
    """,
    "CREATE INDEX event_outbox_created_at ON event_outbox (created_at)",
]

_SQLITE = [
    """
    CREATE TABLE event_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      reason VARCHAR(16) NOT NULL CHECK (reason IN ('created', 'updated', 'relinked')),
      article_ids TEXT NOT NULL,
      created_at REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
    )
    """,
    "CREATE INDEX event_outbox_created_at ON event_outbox (created_at)",
]


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in _PG if client.capabilities.dialect == "postgres" else _SQLITE:
        await client.execute_script(statement)


async def _backward(_apps: Any, schema_editor: Any) -> None:
    await schema_editor.client.execute_script("DROP TABLE IF EXISTS event_outbox")


class Migration(migrations.Migration):
    dependencies = [("models", "0010_quote_speaker_candidate")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
