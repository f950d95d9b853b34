// Installs an exact Node release from the npm registry's `node-<platform>-<arch>` package (the only
// network CI has) into `<cacheRoot>/node-<version>/`, once, and returns the path of its binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Returns the binary of Node `version`, installing it first when the cache lacks it. */
export function installNode({ version, cacheRoot, log = (line) => process.stderr.write(line) }) {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const cacheDir = join(cacheRoot, `node-${version}`);
  const binary = join(
    cacheDir,
    'node_modules',
    pkg,
    'bin',
    platform === 'win' ? 'node.exe' : 'node',
  );
  if (existsSync(binary)) return binary;
  log(`installing ${pkg}@${version} from the npm registry into ${cacheDir} (once)\n`);
  mkdirSync(cacheDir, { recursive: true });
  // A manifest of its own keeps npm from treating a parent folder as the project.
  writeFileSync(join(cacheDir, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const flags = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'];
  const install = spawnSync(npm, ['install', '--prefix', cacheDir, ...flags, `${pkg}@${version}`], {
    // npm's report goes to stderr: callers print the binary's directory on stdout.
    stdio: ['ignore', 2, 2],
  });
  if (install.status !== 0 || !existsSync(binary))
    throw new Error(`could not install ${pkg}@${version} from the npm registry`);
  return binary;
}

/** The `node --version` of `binary`, without the leading "v". */
export function versionOf(binary) {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${binary} --version failed`);
  return run.stdout.trim().replace(/^v/, '');
}

/**
 * Whether `version` satisfies `range`, for the one range form our engines fields use
 * (`>=MAJOR.MINOR`, scripts/check-engines.mjs holds every package to it).
 */
export function satisfiesFloor(version, range) {
  const floor = /^>=(\d+)\.(\d+)$/.exec(range);
  if (!floor) throw new Error(`engines.node must read ">=MAJOR.MINOR", not "${range}"`);
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const [wantMajor, wantMinor] = [Number(floor[1]), Number(floor[2])];
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/**
 * Which Node a run uses: `{ use: 'this' }` or `{ install: <version>, reason }`.
 *   - `full-suite` (what `npm test` asks for): this Node only when it is of the major the whole
 *     suite is pinned to (`full` of scripts/node-versions.json) and inside `range`; any other
 *     host, a newer one included, gets the pinned release, so the suite always runs on that major.
 *   - `any-supported` (`npm run demo`): this Node whenever it is inside `range`.
 */
export function pickNode({ current, range, full, mode = 'full-suite' }) {
  const inRange = satisfiesFloor(current, range);
  const major = (version) => version.replace(/^v/, '').split('.')[0];
  if (!inRange)
    return { install: full, reason: `Node ${current} does not satisfy engines.node "${range}"` };
  if (mode === 'any-supported' || major(current) === major(full)) return { use: 'this' };
  return {
    install: full,
    reason: `Node ${current} is supported, but the whole suite runs on Node ${major(full)} (scripts/node-versions.json)`,
  };
}
