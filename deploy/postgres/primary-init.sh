#!/bin/sh
# Run once by the postgres image's entrypoint, when the primary's data directory is first made
# (/docker-entrypoint-initdb.d): the role the replica streams as, its replication slot (the
# primary keeps the WAL the replica has not received yet, across the replica's restarts), and
# the pg_hba.conf line that lets that role connect for replication from the compose network.
set -eu

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set user="$REPLICATION_USER" --set password="$REPLICATION_PASSWORD" --set slot="$REPLICATION_SLOT" <<'SQL'
CREATE ROLE :"user" WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot(:'slot');
SQL

echo "host replication $REPLICATION_USER all scram-sha-256" >>"$PGDATA/pg_hba.conf"
