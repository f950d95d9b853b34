// The interactive-client command that users are shown (issue 14: it exited 2 with "Unexpected
// argument '--url'"). The demo server's banner and home page, the tour's closing lines and this
// app's README must all print exactly `pnpm --filter @tern-demo/demo-client start -- --url <url>`,
// and that command, run as printed through pnpm's `start` script (dist, as users run it), must
// reach the server it names. Needs the built app: turbo builds it before this test (turbo.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers/processes.js';
import type { Running } from './helpers/processes.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const COMMAND = 'pnpm --filter @tern-demo/demo-client start -- --url';
/** The printed command with its URL: only that form, nothing around it. */
const PRINTED = /pnpm --filter @tern-demo\/demo-client (?:start|dev)\b[^\n<`]*/g;

let server: Running;
let mcpUrl = '';

beforeAll(async () => {
  server = run('demo-server', [], { PORT: '0' });
  mcpUrl = (await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/, 60_000))[1] ?? '';
}, 90_000);

afterAll(async () => {
  server.stop();
  await server.exited;
});

describe('the interactive-client command users are shown', () => {
  it('is the exact working form in the banner and on the home page, with the real endpoint', async () => {
    const banner = (await server.waitFor(/ {2}client {5}(.+)\n/))[1];
    expect(banner).toBe(`${COMMAND} ${mcpUrl}`);
    const page = await (await fetch(mcpUrl.replace(/\/mcp$/, '/'))).text();
    expect(page.match(PRINTED)).toEqual([`${COMMAND} ${mcpUrl}`]);
  });

  it('is the exact working form in the tour script and in the README', () => {
    const tour = readFileSync(join(repoRoot, 'scripts', 'demo-tour.mjs'), 'utf8');
    expect(tour.match(PRINTED)).toEqual([`${COMMAND} \${url}\\n`]);
    const readme = readFileSync(join(repoRoot, 'apps', 'demo-client', 'README.md'), 'utf8');
    expect(readme.match(PRINTED)?.map((line) => line.trim().replace(/\s+#.*$/, ''))).toEqual([
      'pnpm --filter @tern-demo/demo-client start',
      `${COMMAND} http://127.0.0.1:3000/mcp`,
      'pnpm --filter @tern-demo/demo-client dev',
    ]);
  });

  it('runs through the start script, as printed, and connects to the URL it was given', () => {
    const main = join(repoRoot, 'apps', 'demo-client', 'dist', 'main.js');
    expect(
      existsSync(main),
      `${main} is missing: pnpm turbo run build --filter @tern-demo/demo-client...`,
    ).toBe(true);
    const [pnpm, ...args] = `${COMMAND} ${mcpUrl}`.split(' ');
    // --interactive: the menu without a terminal; "q" on stdin quits it after it connected.
    const client = spawnSync(pnpm!, [...args, '--interactive'], {
      cwd: repoRoot,
      input: 'q\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(client.stderr).not.toContain('Unexpected argument');
    expect(client.status, client.stderr).toBe(0);
    expect(client.stdout).toContain(`Tern demo client → ${mcpUrl}`);
    expect(client.stdout).toMatch(/Connected to .*\(2026-07-28\)/);
    expect(client.stdout).toContain('q) quit');
  }, 60_000);
});
