// Which Node scripts/ensure-node.mjs runs a suite on (scripts/lib/install-node.mjs), and the check
// of @tern/vitest-config that fails a Vitest run on a major CI did not mean (node-major.js).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitestConfig } from '@tern/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import checkNodeMajor from '../../../tooling/vitest-config/node-major.js';
import { installNode, pickNode } from '../../../scripts/lib/install-node.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const versions = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'node-versions.json'), 'utf8'));
const range = '>=22.12';

describe('pickNode', () => {
  it('runs the whole suite on this Node when it is of the pinned major', () => {
    expect(pickNode({ current: '22.15.0', range, full: '22.23.5' })).toEqual({ use: 'this' });
  });

  it('runs the whole suite on the pinned 22 on a Node 24 or 26 host, saying why', () => {
    for (const current of ['24.22.3', '26.1.0'])
      expect(pickNode({ current, range, full: '22.23.5' })).toEqual({
        install: '22.23.5',
        reason: `Node ${current} is supported, but the whole suite runs on Node 22 (scripts/node-versions.json)`,
      });
  });

  it('replaces a Node outside the range, for the suite and for the demo alike', () => {
    for (const mode of ['full-suite', 'any-supported']) {
      for (const current of ['20.20.2', '22.11.0'])
        expect(pickNode({ current, range, full: '22.23.5', mode })).toEqual({
          install: '22.23.5',
          reason: `Node ${current} does not satisfy engines.node "${range}"`,
        });
    }
  });

  it('keeps any supported Node for the demo', () => {
    for (const current of ['22.12.0', '24.22.3', '26.1.0'])
      expect(pickNode({ current, range, full: '22.23.5', mode: 'any-supported' })).toEqual({
        use: 'this',
      });
  });
});

describe('scripts/ensure-node.mjs', () => {
  it('prints the bin folder of the Node that pickNode chose, in both modes', () => {
    const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node;
    for (const mode of ['full-suite', 'any-supported']) {
      const args = mode === 'any-supported' ? ['--any-supported'] : [];
      const run = spawnSync(
        process.execPath,
        [join(repoRoot, 'scripts', 'ensure-node.mjs'), ...args],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const pick = pickNode({
        current: process.versions.node,
        range: engines,
        full: versions.full,
        mode,
      });
      // Under CI (Node 22) that is this Node; elsewhere the pinned release, installed once by the run.
      const chosen =
        pick.use === 'this'
          ? process.execPath
          : installNode({ version: pick.install, cacheRoot: join(repoRoot, '.tools') });
      expect(run.stdout).toBe(`${dirname(chosen)}\n`);
    }
  }, 120_000);
});

describe('the Node major check of every Vitest run', () => {
  const saved = process.env.TERN_EXPECT_NODE_MAJOR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TERN_EXPECT_NODE_MAJOR;
    else process.env.TERN_EXPECT_NODE_MAJOR = saved;
  });

  it('is the global setup of the shared config', () => {
    const config = createVitestConfig();
    expect(config.test?.globalSetup).toEqual([
      fileURLToPath(new URL('../../../tooling/vitest-config/node-major.js', import.meta.url)),
    ]);
  });

  it('fails a run on another major, naming both', () => {
    process.env.TERN_EXPECT_NODE_MAJOR = '21';
    expect(() => checkNodeMajor()).toThrow(
      `this test run is on Node ${process.version} (${process.execPath}), but CI meant it for Node 21`,
    );
  });

  it('lets a run on the expected major, or one without the variable, through', () => {
    process.env.TERN_EXPECT_NODE_MAJOR = process.versions.node.split('.')[0];
    expect(checkNodeMajor()).toBeUndefined();
    delete process.env.TERN_EXPECT_NODE_MAJOR;
    expect(checkNodeMajor()).toBeUndefined();
  });
});
