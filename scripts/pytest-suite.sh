#!/usr/bin/env bash
# The whole test suite as `make test` runs it, with coverage:
#
#   1. the database-free tests (`-m "not db"`: parsing, linking, the CLI's failures, the docs,
#      the browser test...), once;
#   2. the database tests (`-m db`) on SQLite and on PostgreSQL, each in its own process with
#      its own database;
#   the three passes at the same time, each one's output kept in artifacts/pytest-<pass>.log
#   and printed when it ends; then
#   3. coverage combined over the three passes: a report, and a failure below the floor
#      (`fail_under` in pyproject.toml).
#
#   UV         the uv command (default: uv)
#   $1...      extra pytest arguments for every pass
# CI, GQL_NEWS_TEST_PG_URL: as scripts/pytest-backend.sh reads them.
set -euo pipefail

uv=${UV:-uv}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
artifacts="$root/artifacts"
mkdir -p "$artifacts"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gql-news-suite.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

rule='=============================================================================='
started=$SECONDS

# pytest's temporary directories, coverage data: one of each per pass, so concurrent passes
# never clean up or overwrite each other's.
pass_args() { printf "%s\n" "--basetemp=$scratch/tmp-$1" --cov=gql_news --cov-report= --cov-fail-under=0; }

rm -f "$root"/.coverage "$root"/.coverage.*
# The three passes at once: much of each is waiting (servers starting, browsers, sockets), so
# side by side they finish in about the time of the longest.
declare -A pids
for pass in none sqlite postgres; do
    mapfile -t args < <(pass_args "$pass")
    if [[ $pass != none ]]; then args=(-m db "${args[@]}"); fi
    COVERAGE_FILE="$root/.coverage.$pass" bash "$here/pytest-backend.sh" "$pass" "${args[@]}" "$@" \
        >"$artifacts/pytest-$pass.log" 2>&1 &
    pids[$pass]=$!
done
printf '\n%s\n==> pytest: the database-free tests, and the database tests on SQLite and on PostgreSQL,\n' "$rule"
printf '==> running side by side (logs in artifacts/pytest-{none,sqlite,postgres}.log)\n%s\n' "$rule"

failed=()
for pass in none sqlite postgres; do
    set +e
    wait "${pids[$pass]}"
    rc=$?
    set -e
    cat "$artifacts/pytest-$pass.log"
    ((rc == 0)) || failed+=("$pass")
done
if ((${#failed[@]})); then
    printf '\n%s\nFAILED: the %s pass(es); see above (and artifacts/pytest-<pass>.log).\n%s\n' \
        "$rule" "${failed[*]}" "$rule" >&2
    exit 1
fi

printf '\n%s\n==> coverage: the three passes combined (the floor is fail_under in pyproject.toml)\n%s\n' "$rule" "$rule"
data=()
for file in "$root"/.coverage.none "$root"/.coverage.sqlite "$root"/.coverage.postgres; do
    [[ -e $file ]] && data+=("$file")
done
(cd "$root" && "$uv" run --no-sync coverage combine --keep --quiet "${data[@]}" && "$uv" run --no-sync coverage report)
printf '==> tests: %d s\n' $((SECONDS - started))
