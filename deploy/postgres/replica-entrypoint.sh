#!/bin/sh
# A streaming replica of the primary: on its first start, `pg_basebackup -R` copies the
# primary's data directory through the replication slot and writes the standby's settings
# (standby.signal, primary_conninfo); every start then runs it as a hot standby, read-only,
# replaying the primary's WAL as it streams in. Runs as the postgres user (`user:` in compose).
set -eu

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready --host="$PRIMARY_HOST" --username="$REPLICATION_USER" --quiet; do
        echo "waiting for the primary at $PRIMARY_HOST"
        sleep 1
    done
    PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup --host="$PRIMARY_HOST" --username="$REPLICATION_USER" \
        --pgdata="$PGDATA" --wal-method=stream --write-recovery-conf --slot="$REPLICATION_SLOT" \
        --checkpoint=fast --progress
    # The image's data directory is world-writable (1777); PostgreSQL starts on 0700 only.
    chmod 0700 "$PGDATA"
fi

exec postgres -c hot_standby=on -c hot_standby_feedback=on
