#!/usr/bin/env bash
# The whole test suite as `make test` runs it, with coverage:
#
#   1. the database-free tests (`-m "not db"`: parsing, linking, the CLI's failures, the docs,
#      the browser test...), once;
#   2. the database tests (`-m db`) on SQLite and on PostgreSQL (on each, tests/graphql/ and the
#      rest in two processes), each process with its own database; on PostgreSQL the fault tests
#      (tests/faults: a cluster of their own, stopped, frozen and restarted, mostly waiting on
#      timeouts) in a process apart, so their waits do not lengthen the longest pass;
#   the six passes at the same time, each one's output kept in artifacts/pytest-<pass>.log
#   and printed when it ends; then
#   3. coverage combined over the passes: a report, and a failure below the floor
#      (`fail_under` in pyproject.toml).
# With --checks first (what `make test` passes), the static checks (ruff check, ruff format
# --check, mypy, mkdocs build --strict) run one after another while the passes start, in
# this process: on two cores they fill the time the passes spend waiting, instead of running
# before them. Any failure, of a check or a pass, fails the run once everything has ended.
#
#   UV         the uv command (default: uv)
#   GQL_NEWS_TEST_ARTIFACTS  where the passes' logs go (default: artifacts/; the Makefile's own
#              tests run this script with stand-ins and point it elsewhere, so they never
#              overwrite the logs of the run they are part of)
#   $1...      extra pytest arguments for every pass
# CI, GQL_NEWS_TEST_PG_URL: as scripts/pytest-backend.sh reads them.
set -euo pipefail

checks=0
if [[ ${1:-} == --checks ]]; then
    checks=1
    shift
fi
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
# Coverage is measured in every pass but PostgreSQL's main one: on Python 3.11 its tracer adds
# about 40% to whatever runs in the pytest process, and that pass runs the same tests as SQLite's
# (the lines only PostgreSQL reaches, about 1% of gql_news, are reported as missed).
uncovered_pass=postgres
pass_args() {
    printf "%s\n" "--basetemp=$scratch/tmp-$1"
    [[ $1 == "$uncovered_pass" || $1 == "$uncovered_pass-graphql" ]] ||
        printf "%s\n" --cov=gql_news --cov-report= --cov-fail-under=0
}

rm -f "$root"/.coverage
# The project's own modules compiled once, before four processes each compile them at the same
# time (see scripts/pytest-backend.sh: the passes keep bytecode even under PYTHONDONTWRITEBYTECODE).
(cd "$root" && PYTHONDONTWRITEBYTECODE= "$uv" run --no-sync python -m compileall -q gql_news tests bench >/dev/null)
passes=(none sqlite sqlite-graphql postgres postgres-graphql postgres-faults)
# Each pass's backend and selection (one argument a line). The tests marked
# `backend_independent` (tests/conftest.py) need a database but not a particular one: SQLite's
# passes run them. Each backend's database tests are two processes, tests/graphql/ and the rest:
# in one they were the longest pass by far, the one the whole run waited for (PostgreSQL's, 301 s
# of a 309 s run, while the pytest processes used 43% of the two cores).
declare -A backend=([none]=none [sqlite]=sqlite [sqlite-graphql]=sqlite [postgres]=postgres
    [postgres-graphql]=postgres [postgres-faults]=postgres)
declare -A select=(
    [none]=""
    [sqlite]=$'-m\ndb\n'"--ignore=$root/tests/graphql"
    [sqlite-graphql]=$'-m\ndb\n'"$root/tests/graphql"
    [postgres]=$'-m\ndb and not backend_independent\n'"--ignore=$root/tests/faults"$'\n'"--ignore=$root/tests/graphql"
    [postgres-graphql]=$'-m\ndb and not backend_independent\n'"$root/tests/graphql"
    [postgres-faults]=$'-m\ndb\n'"$root/tests/faults"
)
# The passes at once: much of each is waiting (servers starting, browsers, sockets, faults), so
# side by side they finish in about the time of the longest.
declare -A pids
for pass in "${passes[@]}"; do
    mapfile -t args < <(pass_args "$pass")
    selection=()
    [[ -z ${select[$pass]} ]] || mapfile -t selection <<<"${select[$pass]}"
    COVERAGE_FILE="$scratch/.coverage.$pass" bash "$here/pytest-backend.sh" "${backend[$pass]}" \
        ${selection[@]+"${selection[@]}"} "${args[@]}" "$@" >"$artifacts/pytest-$pass.log" 2>&1 &
    pids[$pass]=$!
done
printf '\n%s\n==> pytest: the database-free tests, and the database tests on SQLite and on PostgreSQL,\n' "$rule"
printf '==> running side by side (logs in artifacts/pytest-{%s}.log)\n%s\n' "$(IFS=,; echo "${passes[*]}")" "$rule"

failed=()
failed_checks=()
if ((checks)); then
    check() {
        local name=$1
        shift
        printf '\n%s\n==> %s\n%s\n' "$rule" "$name" "$rule"
        (cd "$root" && "$uv" run --no-sync "$@") || failed_checks+=("${name%%:*}")
    }
    check "lint: ruff check" ruff check .
    check "format-check: ruff format --check" ruff format --check .
    check "typecheck: mypy" mypy
    NO_MKDOCS_2_WARNING=1 check "docs: mkdocs build --strict" mkdocs build --strict
    printf '\n%s\n==> static checks done; waiting for the pytest passes\n%s\n' "$rule" "$rule"
fi
for pass in "${passes[@]}"; do
    set +e
    wait "${pids[$pass]}"
    rc=$?
    set -e
    cat "$artifacts/pytest-$pass.log"
    ((rc == 0)) || failed+=("$pass")
done
if ((${#failed_checks[@]})); then
    printf '\n%s\nFAILED: the %s check(s); see above.\n%s\n' "$rule" "${failed_checks[*]}" "$rule" >&2
fi
if ((${#failed[@]})); then
    printf '\n%s\nFAILED: the %s pass(es); see above (and artifacts/pytest-<pass>.log).\n%s\n' \
        "$rule" "${failed[*]}" "$rule" >&2
fi
((${#failed_checks[@]} + ${#failed[@]} == 0)) || exit 1

printf '\n%s\n==> coverage: the passes combined but %s and %s-graphql (the floor is fail_under in pyproject.toml)\n%s\n' \
    "$rule" "$uncovered_pass" "$uncovered_pass" "$rule"
data=()
for pass in "${passes[@]}"; do
    [[ -e $scratch/.coverage.$pass ]] && data+=("$scratch/.coverage.$pass")
done
(cd "$root" && "$uv" run --no-sync coverage combine --quiet ${data[@]+"${data[@]}"} && "$uv" run --no-sync coverage report)
printf '==> tests: %d s\n' $((SECONDS - started))
