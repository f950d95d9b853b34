#!/usr/bin/env node
// Prints the bin directory of a Node that CI may run on, installing one when needed (npm registry).
//
//   node scripts/ensure-node.mjs                  for the whole suite: this Node when it is of the
//                                                 major of `full` in scripts/node-versions.json and
//                                                 satisfies engines.node, else that `full` release
//   node scripts/ensure-node.mjs --any-supported  this Node when it satisfies engines.node, else `full`
//   node scripts/ensure-node.mjs 24.22.3          exactly that release
//
// Plain ESM that runs on any Node >= 18: it is what gets an older machine onto a supported Node.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installNode, pickNode } from './lib/install-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const versions = JSON.parse(readFileSync(join(root, 'scripts', 'node-versions.json'), 'utf8'));
const cacheRoot = join(root, '.tools');

const arg = process.argv[2];
let binary;
if (arg && arg !== '--any-supported') binary = installNode({ version: arg, cacheRoot });
else {
  const mode = arg === '--any-supported' ? 'any-supported' : 'full-suite';
  const pick = pickNode({ current: process.versions.node, range, full: versions.full, mode });
  if (pick.use === 'this') binary = process.execPath;
  else {
    process.stderr.write(`${pick.reason}; using Node ${pick.install}\n`);
    binary = installNode({ version: pick.install, cacheRoot });
  }
}
process.stdout.write(`${dirname(binary)}\n`);
