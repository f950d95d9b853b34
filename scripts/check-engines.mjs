#!/usr/bin/env node
// Holds the supported Node range (docs/node-support.md) true everywhere it is stated or implied:
//   1. every workspace package.json says exactly the root's engines.node;
//   2. every Node release CI runs on (scripts/node-versions.json) is inside it, and the whole suite
//      runs on its lowest major;
//   3. every runtime dependency of a published package, transitively, supports the whole range
//      (an install with engine-strict must not fail on any Node we claim).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const range = readJson(join(root, 'package.json')).engines.node;
const problems = [];

const workspaceDirs = ['packages', 'apps', 'tests', 'tooling']
  .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)))
  .concat(join(root, 'bench'))
  .filter((dir) => existsSync(join(dir, 'package.json')));
for (const dir of workspaceDirs) {
  const manifest = readJson(join(dir, 'package.json'));
  if (manifest.engines?.node !== range)
    problems.push(`${manifest.name}: engines.node is "${manifest.engines?.node}", not "${range}"`);
}

const versions = readJson(join(root, 'scripts', 'node-versions.json'));
for (const version of [versions.full, ...versions.unit])
  if (!semver.satisfies(version, range))
    problems.push(`scripts/node-versions.json: Node ${version} is outside "${range}"`);
if (semver.major(versions.full) !== semver.minVersion(range).major)
  problems.push(
    `scripts/node-versions.json: the full suite must run on the lowest supported major`,
  );

/** The directory of package `name` as Node resolves it from `fromDir` (pnpm's layout included). */
function resolvePackage(fromDir, name) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

const seen = new Set();
function checkDependencies(dir, via) {
  const manifest = readJson(join(dir, 'package.json'));
  const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    const depDir = resolvePackage(dir, name);
    if (!depDir) {
      if (!optional.has(name)) problems.push(`${via}: ${name} is not installed (run pnpm install)`);
      continue;
    }
    if (seen.has(depDir)) continue;
    seen.add(depDir);
    const dep = readJson(join(depDir, 'package.json'));
    const needs = dep.engines?.node;
    if (needs && !semver.subset(range, needs))
      problems.push(
        `${via} > ${dep.name}@${dep.version} needs Node "${needs}", narrower than "${range}"`,
      );
    if (!dep.name.startsWith('@tern/')) checkDependencies(depDir, `${via} > ${dep.name}`);
  }
}
const published = workspaceDirs.filter(
  (dir) => readJson(join(dir, 'package.json')).private !== true,
);
for (const dir of published) checkDependencies(dir, readJson(join(dir, 'package.json')).name);

if (problems.length > 0) {
  process.stderr.write(
    `engines: the supported Node range "${range}" is not true:\n  ${problems.join('\n  ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `engines: ${workspaceDirs.length} packages say "${range}"; ${seen.size} runtime dependencies of ${published.length} published packages agree; CI runs Node ${versions.full} (all) and ${versions.unit.join(', ')} (unit)\n`,
);
