"""The real `gql-news` commands when they cannot start: one line naming the database (password
masked) or the port and what to try, exit status 2, the traceback only with --debug; start-up
says which migrations ran; `demo --reset` restores the demo content; GET / leads to GraphiQL."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import cast

import httpx
import pytest

from gql_news.db import database
from gql_news.models import Article
from gql_news.ops.startup import masked_url
from gql_news.settings import Settings
from tests.servers import cli, free_port, serve_process

REFUSED = "postgres://reader:s3cret-word@127.0.0.1:{port}/news"
COMMANDS = [
    ("migrate",),
    ("seed",),
    ("import", "-"),
    ("token", "create", "--name", "ci"),
    ("token", "list"),
    ("serve", "--no-demo"),
]


def _closed_port() -> int:
    """A loopback port nothing listens on (bound and released: refused for a while)."""
    return free_port()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_an_unreachable_database_is_one_line_and_exit_status_2(args: tuple[str, ...], tmp_path: Path) -> None:
    url = REFUSED.format(port=_closed_port())
    env = {"DATABASE_URL": url, "LOG_FORMAT": "text", "LOG_LEVEL": "info"}
    if args[0] == "serve":
        args = (*args, "--port", str(free_port()))
    result = cli(*args, env=env, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "ConnectionRefusedError" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1, result.stderr
    line = errors[0]
    assert masked_url(url) in line
    assert "s3cret-word" not in result.stderr + result.stdout
    assert "connection refused" in line
    assert "Start PostgreSQL" in line
    assert "GraphiQL at" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    env = {"DATABASE_URL": REFUSED.format(port=_closed_port())}
    result = cli("--debug", "migrate", env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "ConnectionRefusedError" in result.stderr
    by_level = cli("migrate", env={**env, "LOG_LEVEL": "debug"}, cwd=tmp_path)
    assert "ConnectionRefusedError" in by_level.stderr


def test_a_missing_postgres_database_says_how_to_create_it(tmp_path: Path, empty_database_url: str) -> None:
    if not empty_database_url.startswith("postgres"):
        pytest.skip("a missing database is a PostgreSQL condition (SQLite creates its file)")
    missing = empty_database_url.rsplit("/", 1)[0] + "/gql_news_no_such_database"
    result = cli("token", "create", "--name", "x", env={"DATABASE_URL": missing}, cwd=tmp_path)
    assert result.returncode == 2
    assert "'gql_news_no_such_database' does not exist" in result.stderr
    assert "createdb" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_sqlite_file_in_a_missing_folder_is_refused_at_once(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'no' / 'such' / 'folder' / 'db.sqlite3'}"
    result = cli("migrate", env={"DATABASE_URL": url}, cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert f"the folder {tmp_path / 'no' / 'such' / 'folder'} does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_masked_url() -> None:
    assert masked_url("postgres://u:p%40ss@db.example:5433/news?ssl=true") == (
        "postgres://u:***@db.example:5433/news?ssl=true"
    )
    assert masked_url("postgres://u@db/news") == "postgres://u@db/news"
    assert masked_url("sqlite://gql_news.sqlite3") == "sqlite://gql_news.sqlite3"


def test_a_taken_port_is_said_before_any_url_or_database_work(tmp_path: Path) -> None:
    database = tmp_path / "untouched.sqlite3"
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = cli(
            "serve",
            "--port",
            str(port),
            env={"DATABASE_URL": f"sqlite://{database}", "LOG_FORMAT": "text"},
            cwd=tmp_path,
        )
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "http://" not in result.stderr
    assert not database.exists(), "refused before migrating"


def test_migrate_says_which_migrations_ran(tmp_path: Path, empty_database_url: str) -> None:
    env = {"DATABASE_URL": empty_database_url}
    first = cli("migrate", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    applied = next(line for line in first.stderr.splitlines() if line.startswith("migrations applied:"))
    names = applied.split(":", 1)[1].strip().split(", ")
    migrations = Path(__file__).resolve().parents[2] / "gql_news" / "migrations"
    assert names == sorted(p.stem for p in migrations.glob("[0-9][0-9][0-9][0-9]_*.py"))
    again = cli("migrate", env=env, cwd=tmp_path)
    assert f"database schema is current (latest migration {names[-1]})" in again.stderr


def test_serve_logs_its_migrations_and_one_shutdown(tmp_path: Path, empty_database_url: str) -> None:
    with serve_process(empty_database_url, tmp_path, {"LOG_FORMAT": "text"}) as server:
        home = httpx.get(f"{server.url}/", follow_redirects=False)
        assert home.status_code == 307
        assert home.headers["location"] == "/graphql"
        page = httpx.get(f"{server.url}/", follow_redirects=True, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "GraphiQL" in page.text
        server.stop()
    output = "\n".join(server.lines())
    assert "migrations applied: 0001_initial" in output
    assert output.count("Tortoise-ORM shutdown") <= 1
    assert output.index("migrations applied") < output.index("GraphiQL at")


def test_demo_reset_restores_the_demo_content(tmp_path: Path, migrated_database_url: str) -> None:
    env = {"DATABASE_URL": migrated_database_url}
    assert cli("demo", env=env, cwd=tmp_path).returncode == 0
    demo = asyncio.run(_titles(migrated_database_url))
    assert demo
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "An extra article\n\nNews | March 3, 2026 By: A. Writer\n\n"
        "Ann Example spoke in Paris about the weather on Tuesday.\n",
        encoding="utf-8",
    )
    imported = cli("import", str(extra), env=env, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert asyncio.run(_titles(migrated_database_url)) == sorted([*demo, "An extra article"])
    refused = cli("demo", "--reset", env=env, cwd=tmp_path, input_text="n\n")
    assert refused.returncode != 0, "asks before deleting, and no means no"
    assert "An extra article" in asyncio.run(_titles(migrated_database_url))
    reset = cli("demo", "--reset", "--yes", env=env, cwd=tmp_path)
    assert reset.returncode == 0, reset.stderr
    assert asyncio.run(_titles(migrated_database_url)) == demo


async def _titles(url: str) -> list[str]:
    async with database(Settings(database_url=url)):
        return sorted(cast(list[str], await Article.all().values_list("title", flat=True)))


def test_a_sqlite_import_says_it_published_no_live_event(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("One article\n\nNews | March 3, 2026\n\nA body naming Belarus.\n", encoding="utf-8")
    env = {"DATABASE_URL": f"sqlite://{tmp_path / 'news.sqlite3'}"}
    first = cli("import", str(article), env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "no live event was published" in first.stderr
    again = cli("import", str(article), env=env, cwd=tmp_path)
    assert "no live event" not in again.stderr, "nothing changed, nothing to say"
