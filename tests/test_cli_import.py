"""`gql-news import` and `gql-news token`, run as the installed command against a fresh database."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import cast

import pytest

from gql_news.db import database
from gql_news.models import ApiToken, Article, Mention, Person
from gql_news.settings import Settings
from gql_news.tokens import hash_token
from tests.servers import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "gql_news" / "data" / "seed" / "belarus-korea-blockchain.txt"
CATALOGUE = REPO / "gql_news" / "data" / "catalogue.json"


def run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return cli(*args, env={"DATABASE_URL": url}, cwd=REPO, timeout=120, input_text=stdin)


async def migrate_back_to(url: str, target: str) -> None:
    """Undo the migrations after `target` ("models.00NN_name"), then apply all again with
    `gql-news migrate` (what upgrading a database of that release does)."""
    from tortoise import Tortoise
    from tortoise.migrations.api import migrate as tortoise_migrate

    from gql_news.db import tortoise_config

    config = tortoise_config(Settings(database_url=url), statement_timeout=False)
    await tortoise_migrate(config=config, target=target)
    await Tortoise.close_connections()
    migrated = run(url, "migrate")
    assert migrated.returncode == 0, migrated.stderr


async def _mentions(url: str) -> list[tuple[str, int, int, int | None, int | None, int | None]]:
    async with database(Settings(database_url=url)):
        assert await Article.all().count() == 1
        article = await Article.get()
        rows = (
            await Mention.filter(article_id=article.id)
            .order_by("start")
            .values_list("text", "start", "end", "person_id", "organisation_id", "country_id")
        )
        for text, start, end, *_ in rows:
            assert article.body[start:end] == text
        return [tuple(row) for row in rows]


async def test_importing_the_seed_twice_is_one_article_with_the_same_mentions(
    empty_database_url: str,
) -> None:
    first = run(empty_database_url, "import", "--catalogue", str(CATALOGUE), str(SEED))
    assert first.returncode == 0, first.stderr
    assert "imported 1, updated 0, unchanged 0, failed 0" in first.stdout
    mentions = await _mentions(empty_database_url)
    assert len(mentions) == 25
    assert sum(1 for m in mentions if m[3] is not None) == 6  # the three people, linked
    second = run(empty_database_url, "import", str(SEED))
    assert second.returncode == 0, second.stderr
    assert "imported 0, updated 0, unchanged 1, failed 0" in second.stdout
    assert await _mentions(empty_database_url) == mentions


def _write(folder: Path) -> None:
    (folder / "nested").mkdir()
    (folder / "one.txt").write_text("One\n\nNews | May 1, 2024\n\nIran and Belarus met.", encoding="utf-8")
    (folder / "nested" / "two.txt").write_text("Two\n\nNews | May 2, 2024\n\nChad.", encoding="utf-8")
    (folder / "broken.txt").write_text("Only a title, no date line", encoding="utf-8")
    records = [
        {"title": "Three", "body": "Kenya.", "publishedAt": "2024-05-03", "topics": ["Africa"]},
        {"title": "", "body": "No title.", "publishedAt": "2024-05-03"},
    ]
    (folder / "records.json").write_text(json.dumps(records), encoding="utf-8")
    lines = [
        json.dumps(
            {"title": "Four", "body": "Peru.", "published_at": "2024-05-04T10:00:00Z", "byline": "Ann"}
        ),
        "{not json",
        json.dumps({"title": "Five", "body": "Chile.", "publishedAt": "2024-05-05", "sourceUrl": "ftp://x"}),
        "",
        json.dumps({"title": "Six", "body": "Laos.", "publishedAt": "yesterday"}),
    ]
    (folder / "feed.ndjson").write_text("\n".join(lines), encoding="utf-8")
    (folder / "ignored.csv").write_text("a,b", encoding="utf-8")


async def test_directories_globs_json_and_ndjson_with_failures_reported(
    migrated_database_url: str, tmp_path: Path
) -> None:
    _write(tmp_path)
    result = run(
        migrated_database_url, "import", str(tmp_path), str(tmp_path / "nested" / "*.txt"), "/no/such/file"
    )
    assert result.returncode == 1
    out = result.stdout
    assert "imported 4, updated 0, unchanged 1, failed 6" in out, out
    failed = {
        line.split(":", 1)[0].removeprefix("FAILED ")
        for line in out.splitlines()
        if line.startswith("FAILED")
    }
    assert failed == {
        str(tmp_path / "broken.txt"),
        str(tmp_path / "records.json[1]"),
        str(tmp_path / "feed.ndjson"),  # :2 (not JSON), :3 (sourceUrl), :5 (publishedAt) share the prefix
        "/no/such/file",
    }
    assert out.count(f"FAILED {tmp_path / 'feed.ndjson'}") == 3
    assert "title" in next(line for line in out.splitlines() if "records.json[1]" in line)
    async with database(Settings(database_url=migrated_database_url)):
        titles = sorted(cast(list[str], await Article.all().values_list("title", flat=True)))
        assert titles == ["Four", "One", "Three", "Two"]
        four = await Article.get(title="Four")
        assert (four.byline, four.published_at.isoformat()) == ("Ann", "2024-05-04T10:00:00+00:00")


async def test_standard_input(migrated_database_url: str) -> None:
    text = "From stdin\n\nNews | May 1, 2024\n\nSouth Korea and Belarus."
    result = run(migrated_database_url, "import", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert "imported 1," in result.stdout
    records = "\n".join(
        json.dumps({"title": f"Line {n}", "body": "Iran.", "publishedAt": "2024-01-01"}) for n in range(3)
    )
    result = run(migrated_database_url, "import", "-", stdin=records)
    assert "imported 3, updated 0, unchanged 0, failed 0" in result.stdout, result.stdout + result.stderr
    async with database(Settings(database_url=migrated_database_url)):
        assert await Article.all().count() == 4
        assert await Person.all().count() == 0


async def test_token_commands(migrated_database_url: str) -> None:
    created = run(migrated_database_url, "token", "create", "--name", "ci")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert len(token) >= 40
    assert token not in created.stderr
    duplicate = run(migrated_database_url, "token", "create", "--name", "ci")
    assert duplicate.returncode == 1
    listed = run(migrated_database_url, "token", "list")
    assert "ci" in listed.stdout
    assert token not in listed.stdout
    assert hash_token(token) not in listed.stdout
    async with database(Settings(database_url=migrated_database_url)):
        stored = await ApiToken.get(name="ci")
        assert stored.token_hash == hash_token(token)
        assert stored.revoked_at is None
    revoked = run(migrated_database_url, "token", "revoke", "ci")
    assert revoked.returncode == 0, revoked.stderr
    assert run(migrated_database_url, "token", "revoke", "nobody").returncode == 1
    async with database(Settings(database_url=migrated_database_url)):
        assert (await ApiToken.get(name="ci")).revoked_at is not None


@pytest.mark.parametrize("args", [["import"], ["token"]])
def test_usage_errors(args: list[str]) -> None:
    result = cli(*args, env={}, cwd=REPO)
    assert result.returncode != 0
