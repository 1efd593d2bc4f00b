"""Triggers for the write side.

- entity_candidate bumps data_version like the other graph tables (0004), so cached answers
  listing candidates go stale when an editor confirms or dismisses one;
- person, organisation and country set catalogue_version to a fresh random value, the key under
  which the linker caches its compiled gazetteer. A random value (not a counter) is never
  reused by a later transaction after a rollback, nor shared by two databases.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

CATALOGUE_TABLES = ("person", "organisation", "country")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION gql_news_new_catalogue_version() RETURNS trigger AS $$
BEGIN
  UPDATE catalogue_version SET version = floor(random() * 9.2e18)::bigint WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def _statements(dialect: str) -> list[str]:
    if dialect == "postgres":
        out = [
            "INSERT INTO catalogue_version (id, version) VALUES (1, floor(random() * 9.2e18)::bigint)",
            _PG_FUNCTION,
            "CREATE TRIGGER entity_candidate_bumps_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            " ON entity_candidate FOR EACH STATEMENT EXECUTE FUNCTION gql_news_bump_data_version()",
        ]
        for table in CATALOGUE_TABLES:
            out.append(
                f"CREATE TRIGGER {table}_new_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION gql_news_new_catalogue_version()"
            )
        return out
    out = ["INSERT INTO catalogue_version (id, version) VALUES (1, random())"]
    for event in ("INSERT", "UPDATE", "DELETE"):
        out.append(
            f"CREATE TRIGGER entity_candidate_{event.lower()}_bumps_data_version AFTER {event}"
            " ON entity_candidate BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
        )
        for table in CATALOGUE_TABLES:
            out.append(
                f"CREATE TRIGGER {table}_{event.lower()}_new_catalogue_version AFTER {event} ON {table}"
                " BEGIN UPDATE catalogue_version SET version = random() WHERE id = 1; END"
            )
    return out


async def forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    for statement in _statements(client.capabilities.dialect):
        await client.execute_script(statement)


async def backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "postgres":
        await client.execute_script(
            "DROP TRIGGER IF EXISTS entity_candidate_bumps_data_version ON entity_candidate"
        )
        for table in CATALOGUE_TABLES:
            await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_new_catalogue_version ON {table}")
        await client.execute_script("DROP FUNCTION IF EXISTS gql_news_new_catalogue_version()")
    else:
        for event in ("insert", "update", "delete"):
            await client.execute_script(f"DROP TRIGGER IF EXISTS entity_candidate_{event}_bumps_data_version")
            for table in CATALOGUE_TABLES:
                await client.execute_script(f"DROP TRIGGER IF EXISTS {table}_{event}_new_catalogue_version")
    await client.execute_script("DELETE FROM catalogue_version")


class Migration(migrations.Migration):
    dependencies = [("models", "0005_write_side")]

    initial = False

    operations = [ops.RunPython(forward, backward)]
