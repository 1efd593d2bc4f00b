"""How `Settings` reads its variables: the environment (names in any case) over `.env` in the
working directory, keyword arguments over both, unknown names ignored, every value validated."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from gql_news.settings import Settings


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A working directory without `.env`, and no settings variable in the environment."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_defaults_without_variables(clean: Path) -> None:
    settings = Settings()
    assert settings.database_url == "sqlite://gql_news.sqlite3"
    assert settings.port == 8000
    assert settings.redis_url is None


def test_a_variable_is_its_field_name_in_any_case(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("database_url", "postgres://u@h/db")
    monkeypatch.setenv("Graphiql", "off")
    monkeypatch.setenv("NOT_A_SETTING", "x")
    settings = Settings()
    assert (settings.port, settings.database_url, settings.graphiql) == (9000, "postgres://u@h/db", False)


def test_dotenv_under_the_environment_and_keywords_over_both(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean / ".env").write_text(
        "PORT=8001\nhost=0.0.0.0\nexport LOG_LEVEL=debug\n# a comment\nGRAPHIQL\nUNKNOWN=1\nREDIS_URL=\n"
        "MAX_DEPTH=12\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PORT", "9000")
    settings = Settings(max_depth=3)
    assert settings.port == 9000  # the environment wins over .env
    assert settings.host == "0.0.0.0"
    assert settings.log_level == "debug"
    assert settings.graphiql is True  # a name without a value is unset
    assert settings.redis_url == ""  # an empty value is a value
    assert settings.max_depth == 3  # keyword arguments win over both


def test_values_are_validated(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (clean / ".env").write_text("PORT=abc\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="port"):
        Settings()
    monkeypatch.setenv("PORT", "70000")
    with pytest.raises(ValidationError, match="less than or equal to 65535"):
        Settings()
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("DATABASE_REPLICA_URLS", "postgres://replica/db")
    with pytest.raises(ValidationError, match="needs a PostgreSQL DATABASE_URL"):
        Settings()
