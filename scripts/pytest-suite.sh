#!/usr/bin/env bash
# The whole test suite as `make test` runs it, with coverage:
#
#   1. the database-free tests (`-m "not db"`: parsing, linking, the CLI's failures, the docs,
#      the browser test...), once;
#   2. the database tests (`-m db`) on SQLite and on PostgreSQL, each in its own process with
#      its own database; on PostgreSQL the fault tests (tests/faults: a cluster of their own,
#      stopped, frozen and restarted, mostly waiting on timeouts) in a process apart, so their
#      waits do not lengthen the longest pass;
#   the four passes at the same time, each one's output kept in artifacts/pytest-<pass>.log
#   and printed when it ends; then
#   3. coverage combined over the passes: a report, and a failure below the floor
#      (`fail_under` in pyproject.toml).
#
#   UV         the uv command (default: uv)
#   GQL_NEWS_TEST_ARTIFACTS  where the passes' logs go (default: artifacts/; the Makefile's own
#              tests run this script with stand-ins and point it elsewhere, so they never
#              overwrite the logs of the run they are part of)
#   $1...      extra pytest arguments for every pass
# CI, GQL_NEWS_TEST_PG_URL: as scripts/pytest-backend.sh reads them.
set -euo pipefail

uv=${UV:-uv}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
artifacts=${GQL_NEWS_TEST_ARTIFACTS:-$root/artifacts}
mkdir -p "$artifacts"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gql-news-suite.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

rule='=============================================================================='
started=$SECONDS

# pytest's temporary directories, coverage data: one of each per pass, in this run's scratch
# directory, so concurrent passes (and runs) never clean up or overwrite each other's.
pass_args() { printf "%s\n" "--basetemp=$scratch/tmp-$1" --cov=gql_news --cov-report= --cov-fail-under=0; }

rm -f "$root"/.coverage
passes=(none sqlite postgres postgres-faults)
# Each pass's backend and selection.
declare -A backend=([none]=none [sqlite]=sqlite [postgres]=postgres [postgres-faults]=postgres)
declare -A select=(
    [none]=""
    [sqlite]="-m db"
    [postgres]="-m db --ignore=$root/tests/faults"
    [postgres-faults]="-m db $root/tests/faults"
)
# The passes at once: much of each is waiting (servers starting, browsers, sockets, faults), so
# side by side they finish in about the time of the longest.
declare -A pids
for pass in "${passes[@]}"; do
    mapfile -t args < <(pass_args "$pass")
    read -r -a selection <<<"${select[$pass]}"
    COVERAGE_FILE="$scratch/.coverage.$pass" bash "$here/pytest-backend.sh" "${backend[$pass]}" \
        ${selection[@]+"${selection[@]}"} "${args[@]}" "$@" >"$artifacts/pytest-$pass.log" 2>&1 &
    pids[$pass]=$!
done
printf '\n%s\n==> pytest: the database-free tests, and the database tests on SQLite and on PostgreSQL,\n' "$rule"
printf '==> running side by side (logs in artifacts/pytest-{%s}.log)\n%s\n' "$(IFS=,; echo "${passes[*]}")" "$rule"

failed=()
for pass in "${passes[@]}"; do
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

printf '\n%s\n==> coverage: the passes combined (the floor is fail_under in pyproject.toml)\n%s\n' "$rule" "$rule"
data=()
for pass in "${passes[@]}"; do
    [[ -e $scratch/.coverage.$pass ]] && data+=("$scratch/.coverage.$pass")
done
(cd "$root" && "$uv" run --no-sync coverage combine --quiet ${data[@]+"${data[@]}"} && "$uv" run --no-sync coverage report)
printf '==> tests: %d s\n' $((SECONDS - started))
