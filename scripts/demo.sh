#!/usr/bin/env bash
# Sets up the workspace on a fresh machine (Node >= 20.19 and npm only) and runs the main demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
pnpm install --frozen-lockfile
pnpm turbo run build --output-logs=errors-only
if [ -f apps/demo-server/package.json ]; then
  exec pnpm --filter @tern-demo/demo-server start
fi
cat <<'TXT'

Tern's workspace is installed and built. The demo apps (a server mounted in Express and a client that
walks through a multi-round conversation) are not written yet: today this command stops here. Run
`npm test` to run the test suite.
TXT
