#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this). Needs only Node and npm: a Node
# that is not of the `full` major of scripts/node-versions.json (older or newer) gets that pinned
# release, and every Vitest run checks it is on that major (scripts/ensure-node.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
source scripts/ensure-pnpm.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

step() { printf '\n=== %s\n' "$*"; }

step "install (frozen lockfile)"
pnpm install --frozen-lockfile

step "lint, typecheck, build, package checks"
pnpm turbo run lint typecheck build check:package --output-logs=errors-only

step "dist boundaries"
node scripts/check-dist-boundaries.mjs

step "a build must not change tracked files"
git diff --exit-code --stat

step "Chromium for the browser test (apps/web-client)"
bash scripts/ensure-chromium.sh

bash scripts/ensure-redis.sh

step "unit and integration tests"
pnpm turbo run test --concurrency=1 --output-logs=full

bash scripts/test-node-matrix.sh
node scripts/test-release.mjs

step "demo: the scripted tour against the built demo server (free port, 120 s bound)"
node scripts/demo-tour.mjs --port 0 --timeout 120

node scripts/summarize-tests.mjs
