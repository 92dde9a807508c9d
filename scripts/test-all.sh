#!/usr/bin/env bash
# Runs every check CI runs (except installing system packages): typecheck, lint, unit tests,
# build, end-to-end tests. Keeps going after a failure so one run shows everything, then prints
# one summary line `N passed, N failed` summed over all suites and exits non-zero on any failure.
#
# Node versions (README "Supported Node versions"): the suite runs on Node 24 LTS, provisioned by
# scripts/node24.sh from the npm registry. When the machine's own Node is another major (Node 20
# here), the built CLI runs on it as a user runs it (validate, a forward run on the simulator).
set -uo pipefail
cd "$(dirname "$0")/.."
REPORTS="$PWD/.reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

SYSTEM_PATH="$PATH"
SYSTEM_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
if NODE24_BIN="$(scripts/node24.sh)"; then
  export PATH="$NODE24_BIN:$PATH"
else
  echo "::: Node 24 could not be provisioned; running on the machine's Node $SYSTEM_MAJOR only"
fi
MAIN_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
echo "::: Node $(node --version) (machine's: $SYSTEM_MAJOR)"

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

# Runs its arguments with the machine's own Node first on PATH.
on_system_node() { PATH="$SYSTEM_PATH" "$@"; }

# Node 20's code cache of the CLI's vendored libraries (apps/cli/src/cli/vendor-code.ts): a run
# writes one for the SDK and one for zod, and a second run still succeeds with them in place.
check_code_cache() {
  local dir status=0
  dir="$(mktemp -d)"
  for _ in 1 2; do
    NODE_COMPILE_CACHE="$dir" node apps/cli/dist/backflow.mjs run packages/sim/fixtures/diamond-spread/workflow.json \
      --data packages/sim/fixtures/diamond-spread/val.jsonl --provider sim --limit 2 --quiet >/dev/null || status=1
  done
  ls "$dir"/vendor-openai-*.v8 "$dir"/vendor-zod-*.v8 || status=1
  rm -rf "$dir"
  return "$status"
}

step typecheck pnpm run -s typecheck
step lint pnpm run -s lint
step unit pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
step build pnpm run -s build
step cli-build pnpm run -s build:cli
step e2e pnpm exec playwright test

# On the machine's own Node (Node 20 here, past its end of life but what these machines ship): the
# built CLI as a user runs it. The unit tests ran a second time here once; with the grown suite
# that no longer fits CI's time budget on 2 cores (README, "Supported Node versions").
if [ "$SYSTEM_MAJOR" != "$MAIN_MAJOR" ]; then
  step "cli-node$SYSTEM_MAJOR-validate" on_system_node node apps/cli/dist/backflow.mjs validate \
    packages/sim/fixtures/diamond-spread/workflow.json
  step "cli-node$SYSTEM_MAJOR-run" on_system_node node apps/cli/dist/backflow.mjs run \
    packages/sim/fixtures/diamond-spread/workflow.json --data packages/sim/fixtures/diamond-spread/val.jsonl \
    --provider sim --limit 4 --quiet
  step "cli-node$SYSTEM_MAJOR-code-cache" on_system_node check_code_cache
fi

node scripts/summarize-reports.mjs "$REPORTS"
