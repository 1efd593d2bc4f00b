"""Triggers that bump data_version.version on every write to the news graph's tables."""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

TABLES = (
    "article",
    "article_topic",
    "mention",
    "person",
    "organisation",
    "person_organisation",
    "topic",
    "country",
)

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION gql_news_bump_data_version() RETURNS trigger AS $$
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def _statements(dialect: str) -> list[str]:
    out = ["INSERT INTO data_version (id, version) VALUES (1, 0)"]
    if dialect == "postgres":
        out.append(_PG_FUNCTION)
        for table in TABLES:
            out.append(
                f"CREATE TRIGGER {table}_bumps_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION gql_news_bump_data_version()"
            )
        return out
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            out.append(
                f"CREATE TRIGGER {table}_{event.lower()}_bumps_data_version AFTER {event} ON {table}"
                " BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
            )
    return out


async def forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in _statements(client.capabilities.dialect):
        await client.execute_script(statement)


async def backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for table in TABLES:
        if postgres:
            await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_bumps_data_version ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_data_version")
    if postgres:
        await client.execute_script("DROP FUNCTION IF EXISTS gql_news_bump_data_version()")
    await client.execute_script("DELETE FROM data_version")


class Migration(migrations.Migration):
    dependencies = [("models", "0003_data_version")]

    initial = False

    operations = [ops.RunPython(forward, backward)]
