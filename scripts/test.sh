#!/usr/bin/env bash
# Runs every test: the fast tier, then the integration tier against the SQLite pair, against two
# real MariaDB servers (+ Redis) and against a 3-node MariaDB Galera cluster, which this script installs, starts and stops. Ends with one line
# "N passed, N failed" counted from the TRX result files.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
results="$repo/TestResults"
rm -rf "$results"; mkdir -p "$results"
services="$repo/scripts/services.sh"

cleanup() { bash "$services" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

started=$(date +%s)
# The run must leave the work tree as it found it (a fresh clone stays clean); checked at the end.
tree_state() { git -C "$repo" status --porcelain --untracked-files=all 2>&1; git -C "$repo" diff HEAD --binary 2>&1 | sha256sum; }
tree_before="$(tree_state)"
bash "$services" install || { echo "0 passed, 1 failed"; exit 1; }
bash "$services" start || { echo "0 passed, 1 failed"; exit 1; }
eval "$(bash "$services" env)"

dotnet build ReadingTracker.slnx -c Release > "$results/build.log" 2>&1
if [ $? -ne 0 ]; then
  grep -E "error" "$results/build.log" | sort -u | head -30
  echo "0 passed, 1 failed"; exit 1
fi

run() { # name project [VAR=value...] [-- extra dotnet test arguments]
  local name="$1" project="$2"; shift 2
  local vars=() extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ "${1:-}" = "--" ] && { shift; extra=("$@"); }
  echo "== $name"
  env "${vars[@]}" dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" "${extra[@]}" 2>&1 \
    | awk '/Passed!|Failed!|\[FAIL\]/ { print; next } /Error Message/ { print; getline; print; next }' | head -80
}

run fast tests/ReadingTracker.Api.Tests
run integration-sqlite tests/ReadingTracker.Api.IntegrationTests RT_TEST_PROVIDER=Sqlite -- --filter "Category!=Faults&Category!=BothProviders&Category!=Cluster"
run integration-mariadb tests/ReadingTracker.Api.IntegrationTests RT_TEST_PROVIDER=MySql -- --filter "Category!=Cluster"
# The cluster fault test (issue 15): the Galera nodes start only for it, and stop with the other services.
if bash "$services" galera-start > "$results/galera.log" 2>&1; then
  run integration-galera tests/ReadingTracker.Api.IntegrationTests RT_TEST_PROVIDER=MySql -- --filter "Category=Cluster"
  bash "$services" galera-stop >/dev/null 2>&1
else
  echo "== integration-galera: the cluster did not start (its missing results count as one failure):"; tail -15 "$results/galera.log"
fi
run browser tests/ReadingTracker.Api.BrowserTests

echo "== client (vitest)"
( cd client-tests && npm ci --no-audit --no-fund --loglevel=error >"$results/npm.log" 2>&1 \
    && npx vitest run --reporter=default --reporter=junit --outputFile="$results/vitest.xml" 2>&1 | grep -E "Test Files|Tests |FAIL" ) \
  || { echo "client tests could not run:"; tail -5 "$results/npm.log"; }

# ESLint over the client and its tests; its JUnit file counts as one test (trx-summary.py).
echo "== client (eslint)"
( cd client-tests && npm run --silent lint -- -f ./client-tests/node_modules/eslint-formatter-junit/index.js \
    -o "$results/eslint.xml" >/dev/null 2>&1 || npm run --silent lint 2>&1 | tail -30 )

echo "wall time: $(( $(date +%s) - started )) s"
tree_changed=()
if [ "$(tree_state)" != "$tree_before" ]; then
  echo "the test run changed the work tree (counted as one failure):"; git -C "$repo" status --porcelain --untracked-files=all | head -20
  tree_changed=(--tree-changed)
fi
python3 "$repo/scripts/trx-summary.py" "$results" "${tree_changed[@]}"
