#!/usr/bin/env bash
# Makes the pinned pnpm available on a machine that has only Node and npm. Corepack is not used:
# its signature check fails on some machines, so pnpm comes from the npm registry instead.
set -euo pipefail
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want" ]; then
  echo "installing pnpm@$want"
  npm install --global --no-fund --no-audit "pnpm@$want" >/dev/null 2>&1 || {
    # No permission for a global install: keep a private copy inside the repo instead.
    npm install --no-save --no-fund --no-audit --prefix .tools "pnpm@$want" >/dev/null
    export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  }
fi
pnpm --version >/dev/null
