#!/usr/bin/env bash
# Makes the pinned pnpm available on a machine that has only Node and npm (scripts/ensure-pnpm.mjs:
# from the npm registry, globally or else privately in .tools/). Corepack is not used: its
# signature check fails on some machines.
set -euo pipefail
node scripts/ensure-pnpm.mjs
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
pnpm --version >/dev/null
