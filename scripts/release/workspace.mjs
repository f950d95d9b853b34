// The published packages of the workspace, and packing them with pnpm (which writes the real
// versions in place of `workspace:*` and `catalog:`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `{ name, version, dir }` of every non-private package under `<root>/packages`. */
export function publishedPackages(root = repoRoot) {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }));
}

/** Runs a command, failing loudly with its output when it exits non-zero; returns its stdout. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  return result.stdout ?? '';
}

/** Packs each package into `out` with `pnpm pack --json`; returns pnpm's report of each. */
export function packPackages(packages, out) {
  return packages.map(({ dir }) =>
    JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', out], { cwd: dir })),
  );
}
