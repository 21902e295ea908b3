#!/usr/bin/env bash
# Runs the whole suite several times in a row (default 3) while stress-ng keeps every core busy, the way a shared CI
# runner is busy: a test that depends on timing or on a random fault firing fails here first. Prints one line per run
# with its wall time and its "N passed, N failed" count; exits non-zero when any run failed.
#   bash scripts/test-under-load.sh [runs]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v stress-ng >/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng
} || { echo "installing stress-ng failed"; exit 1; }

dotnet build Tarnfui.sln -c Release || exit 1
stress-ng --cpu "$(nproc)" --timeout 0 --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null; wait "$hog" 2>/dev/null' EXIT

status=0
for run in $(seq 1 "$runs"); do
  results=$(mktemp -d)
  started=$(date +%s)
  bash scripts/test.sh -c Release --no-build --logger trx --results-directory "$results" >"$results/output.log" 2>&1
  exit_code=$?
  summary=$(python3 scripts/trx-summary.py "$results"/*.trx 2>/dev/null || echo "no results")
  echo "run $run of $runs: $(( $(date +%s) - started )) s, $summary"
  if [ "$exit_code" -ne 0 ]; then
    status=1
    grep -E -A8 '^\s+Failed ' "$results/output.log" | head -60
  fi
  rm -rf "$results"
done
exit $status
