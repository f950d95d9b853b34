// Finds a Node >= 22 for the suite (it uses fs.globSync) without any network but the npm registry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from './fail.mjs';

/**
 * Returns a Node >= 22: this one, $TERN_CONFORMANCE_NODE, or `node-<platform>-<arch>@version`
 * installed once with npm into `<cacheRoot>/node-<version>/` and reused.
 */
export function ensureNode({ cacheRoot, version: NODE_VERSION, root }) {
  const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);
  if (major(process.versions.node) >= 22)
    return { path: process.execPath, version: process.versions.node };
  const override = process.env['TERN_CONFORMANCE_NODE'];
  if (override) return { path: override, version: versionOf(override) };

  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const cacheDir = join(cacheRoot, `node-${NODE_VERSION}`);
  const binary = join(
    cacheDir,
    'node_modules',
    pkg,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (!existsSync(binary)) {
    process.stdout.write(
      `conformance: installing ${pkg}@${NODE_VERSION} into ${relative(root, cacheDir)} (once)\n`,
    );
    mkdirSync(cacheDir, { recursive: true });
    // A manifest of its own keeps npm from treating a parent folder as the project.
    writeFileSync(join(cacheDir, 'package.json'), '{ "private": true }\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        cacheDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `${pkg}@${NODE_VERSION}`,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (install.status !== 0 || !existsSync(binary))
      fail(`could not install ${pkg}@${NODE_VERSION} from the npm registry`);
  }
  const version = versionOf(binary);
  if (major(version) < 22) fail(`${binary} is Node ${version}; the suite needs Node >= 22`);
  return { path: binary, version };
}

function versionOf(binary) {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) fail(`${binary} --version failed`);
  return run.stdout.trim().replace(/^v/, '');
}
