#!/usr/bin/env node
// Builds every published @tern/* package and packs them all into one folder, so that a project
// outside this repository can install Tern before it is on the npm registry. From a fresh clone,
// with only Node and npm:
//
//   npm run pack-all [-- --out <folder>]          (default: .packs/ in the repository)
//   npm install <folder>/*.tgz zod                (in your project; add express for its adapter)
//
// It installs what the clone lacks first (scripts/lib/bootstrap.mjs): the pinned pnpm from the
// npm registry, and the workspace with `pnpm install --frozen-lockfile`.
// All tarballs are needed: each package depends on its siblings at the same version, and npm finds
// those only among the tarballs installed together.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bootstrap } from './lib/bootstrap.mjs';
import { satisfiesFloor } from './lib/install-node.mjs';
import { packPackages, publishedPackages, repoRoot } from './release/workspace.mjs';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(repoRoot, '.packs'));

const range = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node;
if (!satisfiesFloor(process.versions.node, range)) {
  process.stderr.write(
    `pack-all: Tern needs Node ${range}; this is Node ${process.versions.node}\n`,
  );
  process.exit(1);
}
try {
  bootstrap({ root: repoRoot });
} catch (error) {
  process.stderr.write(`pack-all: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const build = spawnSync(
  'pnpm',
  [
    'turbo',
    'run',
    'build',
    ...publishedPackages().map((p) => `--filter=${p.name}`),
    '--output-logs=errors-only',
  ],
  { cwd: repoRoot, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith('.tgz')) rmSync(join(out, file));
const tarballs = packPackages(publishedPackages(), out);
process.stdout.write(
  `\npacked ${tarballs.length} packages into ${out}\ninstall them in your project with:\n  npm install ${out}/*.tgz zod\n`,
);
