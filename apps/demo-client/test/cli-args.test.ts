import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('parseCliArgs', () => {
  it('reads the options', () => {
    expect(parseCliArgs(['--url', 'http://127.0.0.1:3000/mcp', '--interactive'])).toEqual({
      url: 'http://127.0.0.1:3000/mcp',
      interactive: true,
    });
  });

  it('ignores the `--` that pnpm 10 and npm pass on from `start -- --url ...`', () => {
    expect(parseCliArgs(['--', '--url', 'http://127.0.0.1:3000/mcp'])).toEqual({
      url: 'http://127.0.0.1:3000/mcp',
    });
  });

  it('reads the login options, and refuses a login timeout that is not a sane number of seconds', () => {
    expect(parseCliArgs(['--token-file', '/tmp/t.json', '--login-timeout', '60'])).toEqual({
      tokenFile: '/tmp/t.json',
      loginTimeoutSeconds: 60,
    });
    for (const bad of ['0', '1.5', 'soon', '3601']) {
      expect(() => parseCliArgs(['--login-timeout', bad])).toThrow(/--login-timeout must be/);
    }
  });

  it('still refuses unknown options and stray arguments', () => {
    expect(() => parseCliArgs(['--nope'])).toThrow(/--nope/);
    expect(() => parseCliArgs(['--', '--url', 'x', 'stray'])).toThrow(/stray/);
  });
});

describe('the command the banner, home page, tour and README print', () => {
  it('runs through pnpm with `-- --url` (the dev script: same pnpm argument passing as start)', () => {
    const run = spawnSync(
      'pnpm',
      [
        '--filter',
        '@tern-demo/demo-client',
        'dev',
        '--',
        '--url',
        'http://127.0.0.1:9/mcp',
        '--help',
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).not.toContain('Unexpected argument');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: demo-client');
  }, 60_000);
});
