// What a fresh clone needs before pnpm can build anything: the pnpm that package.json pins (from
// the npm registry, since Corepack's signature check fails on some machines) and the workspace's
// install. Used by scripts/pack-all.mjs and, through scripts/ensure-pnpm.sh, by `npm test` and
// `npm run demo`, so every entry a user runs from a clone bootstraps the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The pnpm version of `packageManager` in `<root>/package.json` ("pnpm@10.34.9" → "10.34.9"). */
export function pinnedPnpm(root) {
  const field = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(field ?? '');
  if (!match)
    throw new Error(`package.json: packageManager must read "pnpm@X.Y.Z", not "${field}"`);
  return match[1];
}

/** Whether `pnpm install` has run in `root` (pnpm writes node_modules/.modules.yaml last). */
export function workspaceInstalled(root) {
  return existsSync(join(root, 'node_modules', '.modules.yaml'));
}

/**
 * The steps a clone still needs, in order, from what is there: pure, so it is tested on its own.
 * `pnpmVersion` is what `pnpm --version` prints on PATH, undefined when there is no pnpm.
 * @returns {Array<{ step: 'install-pnpm', version: string, reason: string } | { step: 'install-workspace', reason: string }>}
 */
export function bootstrapPlan({ pinned, pnpmVersion, installed }) {
  const steps = [];
  if (pnpmVersion !== pinned)
    steps.push({
      step: 'install-pnpm',
      version: pinned,
      reason:
        pnpmVersion === undefined
          ? 'no pnpm on PATH'
          : `pnpm ${pnpmVersion} is not the pinned ${pinned}`,
    });
  if (!installed) steps.push({ step: 'install-workspace', reason: 'node_modules is missing' });
  return steps;
}

/** What `pnpm --version` prints with `env`, or undefined when there is no (working) pnpm. */
export function pnpmVersionOnPath(env = process.env) {
  const result = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The folder a private pnpm goes to when a global npm install is not allowed. */
export function privateBin(root) {
  return join(root, '.tools', 'node_modules', '.bin');
}

function npmInstall(args, log) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const flags = ['--no-fund', '--no-audit', '--loglevel=error'];
  const result = spawnSync(npm, ['install', ...flags, ...args], { stdio: ['ignore', 2, 2] });
  if (result.error) log(`${npm}: ${result.error.message}\n`);
  return result.status === 0;
}

function installPnpm(root, version, log) {
  if (npmInstall(['--global', `pnpm@${version}`], log) && pnpmVersionOnPath() === version) return;
  log(`no global install allowed here: keeping a private pnpm in ${join(root, '.tools')}\n`);
  if (npmInstall(['--no-save', '--prefix', join(root, '.tools'), `pnpm@${version}`], log))
    if (pnpmVersionOnPath() === version) return;
  throw new Error(`could not install pnpm@${version} with npm (is the npm registry reachable?)`);
}

function installWorkspace(root) {
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('pnpm install --frozen-lockfile failed (see above)');
}

/**
 * Carries out `bootstrapPlan` for the clone at `root`: the pinned pnpm becomes the first on
 * `process.env.PATH` (a global npm install, or a private copy in `<root>/.tools` when that is not
 * allowed), then `pnpm install --frozen-lockfile` runs unless it has (`workspace: false` skips it).
 * Says what it does; throws when a step fails. Returns the steps it took.
 */
export function bootstrap({ root, workspace = true, log = (line) => process.stderr.write(line) }) {
  process.env.PATH = `${privateBin(root)}${delimiter}${process.env.PATH ?? ''}`;
  const pinned = pinnedPnpm(root);
  const plan = bootstrapPlan({
    pinned,
    pnpmVersion: pnpmVersionOnPath(),
    installed: !workspace || workspaceInstalled(root),
  });
  for (const step of plan) {
    if (step.step === 'install-pnpm') {
      log(`installing pnpm@${step.version} from the npm registry (${step.reason})\n`);
      installPnpm(root, step.version, log);
    } else {
      log(`installing the workspace with pnpm install --frozen-lockfile (${step.reason})\n`);
      installWorkspace(root);
    }
  }
  return plan;
}
