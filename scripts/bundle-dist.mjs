#!/usr/bin/env node
// Run by each package's build after `tsc`: bundles the package's own built modules into one file
// per entry point (`dist/bundle/`), for the `node` export condition. Node loads a few files per
// package instead of one per source module, which is most of an unbundled server's start-up time
// beyond zod (bench/README.md, "Start-up targets met and missed"). Browser bundlers, which do
// not pick `node`, keep the per-module files and their tree-shaking.
//
// Everything imported by a bare specifier (sibling @tern packages, zod, express, node:*) stays an
// import, so each package still exists once at run time and `instanceof` holds across packages.
// Entry points of one package share their modules through chunks (code splitting), so a class
// is one class whichever entry it was imported from.
//
//   node ../../scripts/bundle-dist.mjs        (in a package folder, after tsc)
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/** The bundle of each entry sits here, under the same path as its per-module file in dist/. */
export const BUNDLE_DIR = 'dist/bundle';

/** `[subpath, default file]` of every export that has a per-module file. */
function* fileExports(exportsField) {
  for (const [subpath, target] of Object.entries(exportsField)) {
    if (typeof target === 'object' && target !== null && typeof target.default === 'string')
      yield [subpath, target];
  }
}

/** `{ 'index': 'dist/index.js', 'node/index': 'dist/node/index.js' }` from package.json exports. */
export function entryPointsOf(exportsField) {
  const entries = {};
  for (const [subpath, target] of fileExports(exportsField)) {
    const file = target.default.replace(/^\.\//, '');
    if (!file.startsWith('dist/') || !file.endsWith('.js')) {
      throw new Error(
        `exports["${subpath}"].default must be a .js file under dist/, got ${target.default}`,
      );
    }
    entries[file.slice('dist/'.length, -'.js'.length)] = file;
  }
  return entries;
}

/** Checks that every entry with a per-module file also names its bundle under `node`. */
export function missingNodeConditions(exportsField) {
  const missing = [];
  for (const [subpath, target] of fileExports(exportsField)) {
    const expected = `./${BUNDLE_DIR}/${target.default.replace(/^\.\/dist\//, '')}`;
    if (target.node !== expected)
      missing.push(`exports["${subpath}"].node should be "${expected}"`);
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const missing = missingNodeConditions(manifest.exports);
  if (missing.length > 0) throw new Error(`${manifest.name}: ${missing.join('; ')}`);
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  await build({
    entryPoints: entryPointsOf(manifest.exports),
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Bare specifiers are other packages (and node:* builtins): they stay imports.
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    // tsc's per-module source maps are followed, so stack traces point into src/.
    sourcemap: true,
    logLevel: 'warning',
  });
}
