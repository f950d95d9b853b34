// Import cost per package entry point: the modules an `import` of the built entry loads (ours,
// and third-party ones by package) and its wall and CPU time, each in a fresh process, the time
// as the median of `runs`. The @tern entries come from the packages' `exports` (the file Node
// picks, under the `node` condition), the official SDK's from this package's node_modules, and
// zod alone as the reference both share.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './cold-start.mjs';
import { ownerOf } from './profile.mjs';
import { BENCH_DIR } from './processes.mjs';

const PACKAGES_DIR = join(BENCH_DIR, '..', 'packages');
const PROBE = join(BENCH_DIR, 'lib', 'import-probe.mjs');

/** The official and shared entries compared with ours, resolved from bench/node_modules. */
const REFERENCE_ENTRIES = [
  'zod',
  '@modelcontextprotocol/server',
  '@modelcontextprotocol/node',
  '@modelcontextprotocol/client',
];

/** Every public entry point of the @tern packages, as `{ name, url }` (test helpers left out). */
export function ternEntries() {
  const entries = [];
  for (const dir of readdirSync(PACKAGES_DIR).sort()) {
    const manifest = JSON.parse(readFileSync(join(PACKAGES_DIR, dir, 'package.json'), 'utf8'));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (subpath === './package.json' || subpath.startsWith('./testing')) continue;
      // What Node itself resolves: the bundle under `node` (scripts/bundle-dist.mjs).
      const file = typeof target === 'string' ? target : (target.node ?? target.default);
      entries.push({
        name: `${manifest.name}${subpath.slice(1)}`,
        url: pathToFileURL(join(PACKAGES_DIR, dir, file)).href,
      });
    }
  }
  return entries;
}

export function referenceEntries() {
  return REFERENCE_ENTRIES.map((name) => ({ name, url: import.meta.resolve(name) }));
}

function probe(url, count) {
  const output = execFileSync(process.execPath, [PROBE, url, ...(count ? ['--count'] : [])], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(output);
}

/** Counts the modules of one entry by owning package ('@tern/…', 'zod', …). */
export function modulesOf(url) {
  const byOwner = {};
  const { modules } = probe(url, true);
  for (const module of modules) {
    const owner = ownerOf(module);
    byOwner[owner] = (byOwner[owner] ?? 0) + 1;
  }
  return { total: modules.length, byOwner };
}

/** Measures every entry: modules once, then `runs` timed imports each, entries interleaved. */
export function runImportStats({ runs, entries = [...ternEntries(), ...referenceEntries()] }) {
  const timings = new Map(entries.map((entry) => [entry.name, []]));
  // A package the bench does not depend on is not built by `pnpm bench`: reported, not timed.
  const built = entries.filter((entry) => existsSync(fileURLToPath(entry.url)));
  for (let index = 0; index < runs; index += 1) {
    for (const entry of built) timings.get(entry.name).push(probe(entry.url, false));
  }
  return entries.map((entry) => {
    if (!built.includes(entry)) return { name: entry.name, status: 'not built' };
    const samples = timings.get(entry.name);
    return {
      name: entry.name,
      ...modulesOf(entry.url),
      wallMs: median(samples.map((sample) => sample.wallMs)),
      cpuMs: median(samples.map((sample) => sample.cpuMs)),
    };
  });
}
