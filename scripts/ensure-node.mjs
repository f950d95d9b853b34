#!/usr/bin/env node
// Prints the bin directory of a Node that CI may run on, installing one when needed (npm registry).
//
//   node scripts/ensure-node.mjs          this Node when it satisfies engines.node, else the `full`
//                                         release of scripts/node-versions.json
//   node scripts/ensure-node.mjs 24.22.3  exactly that release
//
// Plain ESM that runs on any Node >= 18: it is what gets an older machine onto a supported Node.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installNode, satisfiesFloor } from './lib/install-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const versions = JSON.parse(readFileSync(join(root, 'scripts', 'node-versions.json'), 'utf8'));
const cacheRoot = join(root, '.tools');

const wanted = process.argv[2];
let binary;
if (wanted) binary = installNode({ version: wanted, cacheRoot });
else if (satisfiesFloor(process.versions.node, range)) binary = process.execPath;
else {
  process.stderr.write(
    `Node ${process.versions.node} does not satisfy engines.node "${range}"; CI uses Node ${versions.full}\n`,
  );
  binary = installNode({ version: versions.full, cacheRoot });
}
process.stdout.write(`${dirname(binary)}\n`);
