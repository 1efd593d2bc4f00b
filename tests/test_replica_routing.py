"""The pieces of read-replica routing that need no database: WAL positions as clients send them,
the per-token memory of writes, and the settings that turn replicas on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gql_news.replicas import REMEMBER_S, RecentWrites, format_lsn, parse_lsn
from gql_news.settings import Settings


@pytest.mark.parametrize("lsn", [0, 1, 0x16B374D848, (0xFFFFFFFF << 32) | 0xFFFFFFFF])
def test_positions_round_trip_in_postgresql_text(lsn: int) -> None:
    assert parse_lsn(format_lsn(lsn)) == lsn
    assert parse_lsn(f" {format_lsn(lsn).lower()} ") == lsn


@pytest.mark.parametrize(
    "text", [None, "", "16", "16/", "/B3", "-1/0", "+1/0", "0x1/0", "1/2/3", "123456789/0", "g/0"]
)
def test_anything_else_is_no_position(text: str | None) -> None:
    assert parse_lsn(text) is None


def test_recent_writes_are_kept_per_token_bounded_and_for_a_while() -> None:
    now = [1000.0]
    writes = RecentWrites(size=2, clock=lambda: now[0])
    assert not writes
    writes.wrote("a", 10)
    writes.wrote("b", 20)
    writes.wrote("a", 30)  # "a" is now the newest
    writes.wrote("c", 40)  # "b", the oldest, goes
    assert (writes.lsn("a"), writes.lsn("b"), writes.lsn("c")) == (30, 0, 40)
    now[0] += REMEMBER_S + 1
    assert writes.lsn("a") == 0
    assert writes.lsn("c") == 0
    assert not writes


def test_replica_urls_are_a_comma_separated_list_of_postgres_urls() -> None:
    settings = Settings(
        database_url="postgres://u@primary/db",
        database_replica_urls=" postgres://u@r1/db , ,postgresql://u@r2/db",
    )
    assert settings.replica_urls == ["postgres://u@r1/db", "postgresql://u@r2/db"]
    assert Settings(database_url="postgres://u@primary/db").replica_urls == []


def test_replicas_need_postgresql_on_both_ends() -> None:
    with pytest.raises(ValidationError, match="needs a PostgreSQL DATABASE_URL"):
        Settings(database_url="sqlite://x.sqlite3", database_replica_urls="postgres://u@r1/db")
    with pytest.raises(ValidationError, match="is not a postgres:// URL"):
        Settings(
            database_url="postgres://u:secret@primary/db", database_replica_urls="mysql://u:secret@r1/db"
        )
