#!/usr/bin/env bash
# Sourced by scripts/test-all.sh: puts the Node the whole suite runs on first on PATH, a release of
# the `full` major of scripts/node-versions.json (this machine's when it is of that major, else the
# pinned one, from the npm registry), and exports TERN_EXPECT_NODE_MAJOR so that every Vitest run
# fails loudly on any other major (@tern/vitest-config). scripts/demo.sh passes --any-supported:
# any Node inside engines.node will do for the demo.
node_bin=$(node scripts/ensure-node.mjs "$@")
export PATH="$node_bin:$PATH"
if [ "${1:-}" != --any-supported ]; then
  TERN_EXPECT_NODE_MAJOR=$(node -p "require('./scripts/node-versions.json').full.split('.')[0]")
  export TERN_EXPECT_NODE_MAJOR
fi
echo "node $(node --version) ($node_bin)"
