#!/usr/bin/env bash
# The README's first command (`npm run demo`). On a fresh machine (Node >= 22.12 and npm only) it
# installs the workspace, builds the demo apps, starts the travel desk demo server and runs the
# terminal client's scripted tour against it, printing every round of each conversation.
#
# In a terminal, the server then keeps running (open it in a browser, or try the interactive
# client) until Ctrl-C. In CI or without a terminal (CI set, stdin or stdout not a TTY) the server
# is stopped after the tour and the exit status is the tour's, so this never waits for anyone.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh --any-supported
source scripts/ensure-pnpm.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

pnpm install --frozen-lockfile
echo "building the demo apps and the packages they use…"
pnpm turbo run build --filter @tern-demo/demo-server... --filter @tern-demo/demo-client... --output-logs=errors-only

case "${CI:-}" in '' | 0 | false) ci=no ;; *) ci=yes ;; esac
if [ "$ci" = yes ] || [ ! -t 0 ] || [ ! -t 1 ]; then
  # Unattended: a free port, a bounded run, the server stopped by PID afterwards.
  exec node scripts/demo-tour.mjs --port "${PORT:-0}" --timeout 120
fi
exec node scripts/demo-tour.mjs --port "${PORT:-3030}" --keep-server
