#!/usr/bin/env bash
# One pytest pass against one database backend, in a process of its own (tests/conftest.py
# explains why each backend needs its own process). Called by `make test-sqlite`,
# `make test-postgres` and scripts/pytest-suite.sh (`make test`); usable alone:
# `UV=uv bash scripts/pytest-backend.sh postgres -k articles`.
#
#   $1                    sqlite | postgres | none (none: the database-free tests, `-m "not db"`,
#                         which give the same answers whatever the backend)
#   $2...                 extra pytest arguments
#   UV                    the uv command to run pytest with (default: uv)
#   CI                    1/true/yes: an unreachable PostgreSQL fails the pass instead of skipping it
#   GQL_NEWS_TEST_PG_URL  admin URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
#
# pytest's exit code 5 ("no tests collected") is a failure here: a pass that ran nothing
# must not look green.
set -euo pipefail

backend=${1:?usage: pytest-backend.sh sqlite|postgres [pytest args...]}
shift
uv=${UV:-uv}
pg_url=${GQL_NEWS_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ci=${CI:-}
case ${ci,,} in 1 | true | yes) in_ci=1 ;; *) in_ci=0 ;; esac

rule='=============================================================================='
banner() { printf '\n%s\n==> %s\n%s\n' "$rule" "$*" "$rule"; }
fail() {
    printf '\n%s\nFAILED: %s\n%s\n' "$rule" "$*" "$rule" >&2
    exit 1
}

# host:port of a postgres://user:pass@host:port/db URL, for messages.
pg_host_port() {
    local rest=${1#*://}
    rest=${rest##*@}
    rest=${rest%%/*}
    rest=${rest%%\?*}
    [[ $rest == *:* ]] || rest="$rest:5432"
    printf '%s' "$rest"
}

# True when the server at $pg_url accepts connections: pg_isready where installed, else a real
# asyncpg connection through the project's venv (asyncpg comes with tortoise-orm[asyncpg]).
pg_reachable() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready --quiet --timeout=5 --dbname="$pg_url"
    else
        "$uv" run --no-sync python -c '
import asyncio, sys
import asyncpg

async def main(url: str) -> None:
    conn = await asyncpg.connect(url, timeout=5)
    await conn.close()

try:
    asyncio.run(main(sys.argv[1]))
except Exception as exc:
    sys.exit(f"asyncpg: {exc!r}")
' "$pg_url"
    fi
}

case $backend in
none) ;;
sqlite) ;;
postgres)
    where=$(pg_host_port "$pg_url")
    if ! pg_reachable; then
        if ((in_ci)); then
            fail "PostgreSQL at $where is not reachable (GQL_NEWS_TEST_PG_URL=$pg_url), and CI=$ci requires the PostgreSQL pass.
Start the local server with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
        fi
        printf '\n%s\n%s\n' "$rule" "$rule"
        printf '!!! SKIPPED: the whole PostgreSQL test pass. PostgreSQL at %s is not reachable.\n' "$where"
        printf '!!! Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n'
        printf '!!! or point GQL_NEWS_TEST_PG_URL at a server. With CI=true this is a failure.\n'
        printf '%s\n%s\n' "$rule" "$rule"
        exit 0
    fi
    ;;
*) fail "unknown test backend '$backend' (expected sqlite, postgres or none)" ;;
esac

# The project's own modules (gql_news/, tests/, bench/) are not compiled by `uv sync`. With
# PYTHONDONTWRITEBYTECODE set (the image sets it, and so may the machine), every pytest process,
# fork server and fresh interpreter would compile them again (about 3 CPU-s each), and pytest would
# rewrite every test module's assertions again on every run (3 more): the passes keep both.
unset PYTHONDONTWRITEBYTECODE

if [[ $backend == none ]]; then
    banner "pytest [database-free]: pytest -m 'not db' $*"
    set +e
    GQL_NEWS_TEST_DB=sqlite "$uv" run --no-sync pytest -m "not db" "$@"
    rc=$?
else
    banner "pytest [$backend]: GQL_NEWS_TEST_DB=$backend pytest $*"
    set +e
    GQL_NEWS_TEST_DB=$backend "$uv" run --no-sync pytest "$@"
    rc=$?
fi
set -e
case $rc in
0) printf '==> pytest [%s]: passed\n' "$backend" ;;
5) fail "pytest [$backend] collected no tests (pytest exit code 5). A pass that runs nothing is not a pass." ;;
*) fail "pytest [$backend] exited with code $rc." ;;
esac
