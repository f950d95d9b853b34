// The terminal client logs in to the demo in authorization mode (DEMO_AUTH=1), end to end: the
// demo server and its development authorization server (oidc-provider) and the demo client run as
// real processes; the person at the browser is scripted against the real login and consent pages.
// The client shows the authorization URL and a bounded wait, receives the browser on its loopback
// redirect (RFC 8252), and then calls the protected server; a denial ends with a clear message.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLoginFailure } from '../src/login.js';
import { AuthError } from '@tern/client-auth';
import { answerLogin } from './helpers/dev-login-page.js';
import { run } from './helpers/processes.js';
import type { Running } from './helpers/processes.js';

let server: Running;
let mcpUrl: string;
let issuer: string;
let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tern-demo-login-'));
  script = join(dir, 'script.json');
  await writeFile(
    script,
    JSON.stringify({
      name: 'Logged-in check',
      steps: [
        { title: 'List the tools', list: 'tools', expect: { includes: ['search_flights', 'book_trip'] } },
        {
          title: 'Search flights as a 2025-era client, with the same token',
          call: 'search_flights',
          era: 'legacy',
          arguments: { from: 'amsterdam', to: 'lisbon', date: '2026-09-18' },
          expect: { text: ['Amsterdam → Lisbon'] },
        },
      ],
    }),
  );
  server = run('demo-server', [], { DEMO_AUTH: '1', PORT: '0', DEMO_AUTH_PORT: '0' });
  mcpUrl = (await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/, 60_000))[1] ?? '';
  issuer = (await server.waitFor(/auth {7}(http:\/\/127\.0\.0\.1:\d+)/))[1] ?? '';
}, 90_000);

afterAll(async () => {
  server.stop();
  await server.exited;
  await rm(dir, { recursive: true, force: true });
});

/** Runs the client on the script; answers the login in the browser with `choice` when asked. */
async function client(tokenFile: string, choice?: 'approve' | 'deny') {
  const running = run('demo-client', ['--url', mcpUrl, '--script', script, '--token-file', tokenFile, '--login-timeout', '60']);
  try {
    let landing: string | undefined;
    if (choice !== undefined) {
      const url = (await running.waitFor(/Open this address in your browser:\n {2}(\S+)\n/, 60_000))[1] ?? '';
      await running.waitFor(/Waiting for the browser to come back \(up to 60 s; Ctrl-C to give up\)\.\.\./);
      landing = await answerLogin(url, choice);
    }
    const code = await running.exited;
    return { code, stdout: running.stdout(), landing };
  } finally {
    running.stop();
  }
}

describe('the demo client against the demo in authorization mode', () => {
  it('shows the authorization URL, waits, and calls the tools once the person logged in', async () => {
    const tokens = join(dir, 'approve.json');
    const { code, stdout, landing } = await client(tokens, 'approve');
    expect(stdout).toContain('This server needs you to log in. Open this address in your browser:');
    const shown = new URL(/Open this address in your browser:\n {2}(\S+)/.exec(stdout)?.[1] ?? '');
    expect(shown.origin).toBe(issuer);
    expect(shown.searchParams.get('code_challenge_method')).toBe('S256');
    expect(shown.searchParams.get('resource')).toBe(mcpUrl);
    expect(shown.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(landing).toContain('Authorized');
    expect(stdout).toContain('The browser came back; finishing the login.\nLogged in.');
    expect(stdout).not.toContain('✗');
    expect(code).toBe(0);
  }, 120_000);

  it('logs in once: the next run takes the tokens from --token-file and does not ask again', async () => {
    const tokens = join(dir, 'again.json');
    expect((await client(tokens, 'approve')).code).toBe(0);
    const second = await client(tokens);
    expect(second.stdout).not.toContain('log in');
    expect(second.code).toBe(0);
  }, 120_000);

  it('says clearly that the login failed when the person cancels in the browser, and calls nothing', async () => {
    const { code, stdout, landing } = await client(join(dir, 'deny.json'), 'deny');
    expect(landing).toContain('Authorization declined');
    expect(stdout).toContain('Login failed: the authorization was declined in the browser, so the server was not used.');
    expect(stdout).not.toContain('List the tools');
    expect(code).toBe(1);
  }, 120_000);
});

describe('describeLoginFailure', () => {
  it('names the failed step for other authorization errors, and leaves other errors alone', () => {
    expect(describeLoginFailure(new AuthError('interaction_failed', 'No answer from the browser within 60 s'))).toBe(
      'Login failed: No answer from the browser within 60 s',
    );
    expect(describeLoginFailure(new AuthError('issuer_mismatch', 'The metadata of http://a is about http://b'))).toBe(
      'Login failed (issuer_mismatch): The metadata of http://a is about http://b',
    );
    expect(describeLoginFailure(new Error('ECONNREFUSED'))).toBeUndefined();
  });
});
