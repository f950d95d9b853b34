// scripts/lib/bootstrap.mjs: what a fresh clone gets before `npm run pack-all` (and `npm test`,
// `npm run demo`) can build with pnpm. The decision is tested on its own; the install step runs for
// real, with the pnpm on PATH, on a small project with a lockfile and no node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bootstrap,
  bootstrapPlan,
  pinnedPnpm,
  pnpmVersionOnPath,
  workspaceInstalled,
} from '../../../scripts/lib/bootstrap.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('bootstrapPlan', () => {
  it('installs pnpm, then the workspace, on a fresh clone of a machine without pnpm', () => {
    expect(bootstrapPlan({ pinned: '10.34.9', pnpmVersion: undefined, installed: false })).toEqual([
      { step: 'install-pnpm', version: '10.34.9', reason: 'no pnpm on PATH' },
      { step: 'install-workspace', reason: 'node_modules is missing' },
    ]);
  });

  it('replaces a pnpm of another version with the pinned one', () => {
    expect(bootstrapPlan({ pinned: '10.34.9', pnpmVersion: '9.15.0', installed: true })).toEqual([
      { step: 'install-pnpm', version: '10.34.9', reason: 'pnpm 9.15.0 is not the pinned 10.34.9' },
    ]);
  });

  it('only installs the workspace when the pinned pnpm is there', () => {
    expect(bootstrapPlan({ pinned: '10.34.9', pnpmVersion: '10.34.9', installed: false })).toEqual([
      { step: 'install-workspace', reason: 'node_modules is missing' },
    ]);
  });

  it('does nothing on a clone that is ready', () => {
    expect(bootstrapPlan({ pinned: '10.34.9', pnpmVersion: '10.34.9', installed: true })).toEqual(
      [],
    );
  });
});

describe('what the plan is made from', () => {
  it('reads the pinned pnpm from packageManager of the root package.json', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(`pnpm@${pinnedPnpm(repoRoot)}`).toBe(manifest.packageManager);
  });

  it('refuses a packageManager that does not pin pnpm exactly', () => {
    const root = tempProject({ packageManager: 'pnpm@^10' });
    expect(() => pinnedPnpm(root)).toThrow(
      /packageManager must read "pnpm@X.Y.Z", not "pnpm@\^10"/,
    );
  });

  it('tells an installed workspace from a clone without node_modules', () => {
    expect(workspaceInstalled(repoRoot)).toBe(true);
    expect(workspaceInstalled(tempProject({}))).toBe(false);
  });
});

describe('bootstrap', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('installs a clone that has a lockfile but no node_modules, once', () => {
    const pnpm = pnpmVersionOnPath();
    expect(pnpm, 'these tests need pnpm on PATH').toMatch(/^\d+\.\d+\.\d+$/);
    const root = tempProject({ packageManager: `pnpm@${pnpm}`, dependencies: { a: 'file:./a' } });
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'package.json'), '{ "name": "a", "version": "1.0.0" }\n');
    const lock = spawnSync('pnpm', ['install', '--lockfile-only'], { cwd: root, encoding: 'utf8' });
    expect(lock.status, lock.stderr).toBe(0);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);

    const lines = [];
    const log = (line) => lines.push(line);
    expect(bootstrap({ root, log })).toEqual([
      { step: 'install-workspace', reason: 'node_modules is missing' },
    ]);
    expect(lines).toEqual([
      'installing the workspace with pnpm install --frozen-lockfile (node_modules is missing)\n',
    ]);
    expect(existsSync(join(root, 'node_modules', 'a', 'package.json'))).toBe(true);
    expect(workspaceInstalled(root)).toBe(true);

    expect(bootstrap({ root, log })).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('fails loudly when the lockfile does not match (a frozen install never rewrites it)', () => {
    const root = tempProject({
      packageManager: `pnpm@${pnpmVersionOnPath()}`,
      dependencies: { a: 'file:./a' },
    });
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'package.json'), '{ "name": "a", "version": "1.0.0" }\n');
    writeFileSync(join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    expect(() => bootstrap({ root, log: () => undefined })).toThrow(
      /pnpm install --frozen-lockfile failed/,
    );
  });

  it('leaves the workspace alone with workspace: false (scripts/ensure-pnpm.mjs)', () => {
    const root = tempProject({ packageManager: `pnpm@${pnpmVersionOnPath()}` });
    expect(bootstrap({ root, workspace: false, log: () => undefined })).toEqual([]);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
  });
});

const made = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder of its own, outside the workspace, with this package.json. */
function tempProject(fields) {
  const root = mkdtempSync(join(tmpdir(), 'tern-bootstrap-'));
  made.push(root);
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'clone', private: true, ...fields }, null, 2),
  );
  return root;
}
