#!/usr/bin/env bash
# The whole test suite as `make test` runs it, with coverage:
#
#   1. the database-free tests (`-m "not db"`: parsing, linking, the CLI's failures, the docs,
#      the browser test...), once;
#   2. the database tests (`-m db`) on SQLite and on PostgreSQL, the two passes at the same
#      time, each in its own process with its own database, output kept in
#      artifacts/pytest-<backend>.log and printed when the pass ends;
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
mapfile -t none_args < <(pass_args none)
COVERAGE_FILE="$root/.coverage.none" bash "$here/pytest-backend.sh" none "${none_args[@]}" "$@"

declare -A pids
for backend in sqlite postgres; do
    mapfile -t args < <(pass_args "$backend")
    COVERAGE_FILE="$root/.coverage.$backend" bash "$here/pytest-backend.sh" "$backend" -m db "${args[@]}" "$@" \
        >"$artifacts/pytest-$backend.log" 2>&1 &
    pids[$backend]=$!
done
printf '\n%s\n==> pytest [sqlite] and pytest [postgres] running side by side (logs in artifacts/)\n%s\n' "$rule" "$rule"

failed=()
for backend in sqlite postgres; do
    set +e
    wait "${pids[$backend]}"
    rc=$?
    set -e
    cat "$artifacts/pytest-$backend.log"
    ((rc == 0)) || failed+=("$backend")
done
if ((${#failed[@]})); then
    printf '\n%s\nFAILED: the %s pass(es); see above (and artifacts/pytest-<backend>.log).\n%s\n' \
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
