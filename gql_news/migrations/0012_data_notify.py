"""PostgreSQL: writes announce themselves at commit instead of bumping the `data_version` row.

Every write to the news graph's tables used to update one counter row, so concurrent writers
queued on its lock until they committed. Now a statement-level trigger calls
`pg_notify('gql_news_data', <transaction id>)`: PostgreSQL sends it when (and only if) the
transaction commits, once per transaction (identical notifications are merged), to every app
process listening (`graphql.versions`). The response caches compare their entries with the
last transaction announced. SQLite keeps the counter: its writers are serialised anyway.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

# Every trigger calling the counter function is replaced, whichever table it is on (the graph's
# tables, quotes, entity candidates, and any later table wired the same way before this runs).
_BUMPING = """
SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
WHERE p.proname = $1 AND NOT t.tgisinternal ORDER BY c.relname
"""

_FUNCTION = """
CREATE OR REPLACE FUNCTION gql_news_data_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('gql_news_data', pg_current_xact_id()::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


async def _swap(client: Any, old: str, new: str, suffix: str) -> None:
    """Replace every statement trigger calling function `old` by one calling `new`."""
    for row in await client.execute_query_dict(_BUMPING, [old]):
        table = row["tbl"]
        await client.execute_script(f'DROP TRIGGER "{row["name"]}" ON "{table}"')
        await client.execute_script(
            f'CREATE TRIGGER "{table}_{suffix}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE'
            f' ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {new}()'
        )


async def _forward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    await client.execute_script(_FUNCTION)
    await _swap(client, "gql_news_bump_data_version", "gql_news_data_changed", "announces_data")


async def _backward(_apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect != "postgres":
        return
    await _swap(client, "gql_news_data_changed", "gql_news_bump_data_version", "bumps_data_version")
    await client.execute_script("DROP FUNCTION IF EXISTS gql_news_data_changed()")


class Migration(migrations.Migration):
    dependencies = [("models", "0011_event_outbox")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
