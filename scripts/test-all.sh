#!/usr/bin/env bash
# Runs every check CI runs (except installing system packages): typecheck, lint, unit tests,
# build, end-to-end tests. Keeps going after a failure so one run shows everything, then prints
# one summary line `N passed, N failed` summed over all suites and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
REPORTS="$PWD/.reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

step() {
  local name="$1"; shift
  echo "::: $name: $*"
  local started=$SECONDS
  if "$@"; then
    echo "{\"name\":\"$name\",\"ok\":true,\"seconds\":$((SECONDS - started))}" >> "$REPORTS/steps.jsonl"
  else
    echo "{\"name\":\"$name\",\"ok\":false,\"seconds\":$((SECONDS - started))}" >> "$REPORTS/steps.jsonl"
    echo "::: $name FAILED"
  fi
}

step typecheck pnpm run -s typecheck
step lint pnpm run -s lint
step unit pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
step build pnpm run -s build
step cli-build pnpm run -s build:cli
step e2e pnpm exec playwright test

node scripts/summarize-reports.mjs "$REPORTS"
