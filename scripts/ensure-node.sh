#!/usr/bin/env bash
# Sourced by scripts/test-all.sh: puts a Node that satisfies engines.node first on PATH. A machine
# with an older Node (Node 20 is end of life) gets the release CI pins, from the npm registry.
node_bin=$(node scripts/ensure-node.mjs)
export PATH="$node_bin:$PATH"
echo "node $(node --version) ($node_bin)"
