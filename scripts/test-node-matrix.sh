#!/usr/bin/env bash
# Called by scripts/test-all.sh after the whole suite has run on the lowest supported Node: checks
# that the supported range is true everywhere (scripts/check-engines.mjs), then runs the unit tests
# of the published packages on every other supported major (scripts/node-versions.json), with
# Node binaries from the npm registry. Their JSON reports are left alone (summarize-tests.mjs
# counts the main run); each major prints its own line.
set -euo pipefail
cd "$(dirname "$0")/.."

node scripts/check-engines.mjs
for version in $(node -p "require('./scripts/node-versions.json').unit.join(' ')"); do
  bin=$(node scripts/ensure-node.mjs "$version")
  printf '\n=== unit tests of packages/* on Node %s\n' "$("$bin/node" --version)"
  start=$SECONDS
  # TERN_EXPECT_NODE_MAJOR: each Vitest run fails unless it really runs on this major.
  PATH="$bin:$PATH" TERN_EXPECT_NODE_MAJOR="${version%%.*}" pnpm --filter './packages/*' --workspace-concurrency=1 exec vitest run --reporter=dot
  echo "node-matrix: packages/* passed on Node $version in $((SECONDS - start)) s"
done
