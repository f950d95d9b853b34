// introspectionVerifier: RFC 7662 against a real introspection endpoint over HTTP, with client
// authentication, the audience check (RFC 8707) and a cache that never outlives the token.
import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier } from '@tern/server-http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { introspectionVerifier } from '../src/index.js';
import type { IntrospectionVerifierOptions } from '../src/index.js';
import { RESOURCE } from './helpers/issuer.js';
import { listen } from './helpers/local-server.js';
import type { LocalServer } from './helpers/local-server.js';

const CLIENT = 'mcp-server';
const SECRET = 'se cret:&=';
const expected = `Basic ${Buffer.from(`${CLIENT}:${encodeURIComponent(SECRET).replaceAll('%20', '+')}`).toString('base64')}`;
const now = (): number => Math.floor(Date.now() / 1000);

/** What the endpoint answers for each token. */
const answers = new Map<string, () => Record<string, unknown>>([
  ['active', () => ({ active: true, sub: 'alice', aud: RESOURCE, scope: 'mcp files:read', client_id: 'client-1', exp: now() + 600 })],
  ['short', () => ({ active: true, sub: 'alice', aud: [RESOURCE], scope: 'mcp', exp: now() + 2 })],
  ['no-exp', () => ({ active: true, sub: 'alice', aud: RESOURCE, scope: 'mcp' })],
  ['other-resource', () => ({ active: true, sub: 'alice', aud: 'https://other.example.test/mcp', scope: 'mcp', exp: now() + 600 })],
  ['revoked', () => ({ active: false })],
]);
let mode: 'ok' | 'error' | 'hang' | 'not-json' = 'ok';
let calls = 0;
let endpoint: LocalServer;

beforeAll(async () => {
  endpoint = await listen((req, res) => {
    calls += 1;
    if (mode === 'hang') return;
    if (mode === 'error') return void res.writeHead(500).end('down');
    if (req.headers.authorization !== expected) return void res.writeHead(401).end();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const answer = answers.get(form.get('token') ?? '')?.() ?? { active: false };
      res.writeHead(200, { 'content-type': 'application/json' }).end(mode === 'not-json' ? '<html>' : JSON.stringify(answer));
    });
  });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  mode = 'ok';
  calls = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

const verifier = (options: Partial<IntrospectionVerifierOptions> = {}): TokenVerifier =>
  introspectionVerifier({ endpoint: `${endpoint.url}/introspect`, clientId: CLIENT, clientSecret: SECRET, ...options });
const context = { resource: RESOURCE };

async function refusal(from: TokenVerifier, token: string): Promise<TokenVerificationError> {
  const error: unknown = await from.verify(token, context).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenVerificationError);
  return error as TokenVerificationError;
}

describe('introspectionVerifier', () => {
  it('accepts an active token for this resource, authenticating with client_secret_basic', async () => {
    expect(await verifier().verify('active', context)).toMatchObject({
      subject: 'alice',
      clientId: 'client-1',
      scopes: ['mcp', 'files:read'],
      audience: [RESOURCE],
    });
  });

  it('refuses an inactive token and one for another resource', async () => {
    expect(await refusal(verifier(), 'revoked')).toMatchObject({ kind: 'invalid_token', message: 'the access token is not active' });
    expect(await refusal(verifier(), 'other-resource')).toMatchObject({
      kind: 'invalid_token',
      message: 'the access token was not issued for this resource',
    });
  });

  it('reuses an active answer, never past the token expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cached = verifier();
    await cached.verify('short', context);
    await cached.verify('short', context);
    expect(calls).toBe(1);
    vi.setSystemTime(Date.now() + 2500);
    await cached.verify('short', context);
    expect(calls).toBe(2);
  });

  it('reuses an answer for at most cacheMaxMs, so a revocation takes effect', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cached = verifier({ cacheMaxMs: 1000 });
    await cached.verify('active', context);
    vi.setSystemTime(Date.now() + 500);
    await cached.verify('active', context);
    expect(calls).toBe(1);
    vi.setSystemTime(Date.now() + 600);
    await cached.verify('active', context);
    expect(calls).toBe(2);
  });

  it('never caches a token without exp, nor anything with cacheMaxMs 0, nor refusals', async () => {
    const cached = verifier();
    await cached.verify('no-exp', context);
    await cached.verify('no-exp', context);
    await refusal(cached, 'revoked');
    await refusal(cached, 'revoked');
    expect(calls).toBe(4);
    const uncached = verifier({ cacheMaxMs: 0 });
    await uncached.verify('active', context);
    await uncached.verify('active', context);
    expect(calls).toBe(6);
  });

  it('keeps at most cacheMaxEntries answers', async () => {
    const small = verifier({ cacheMaxEntries: 1 });
    await small.verify('active', context);
    await small.verify('short', context);
    await small.verify('active', context);
    expect(calls).toBe(3);
  });

  it.each(['error', 'not-json', 'hang'] as const)('reports an endpoint that answers %s as unavailable', async (failure) => {
    mode = failure;
    expect(await refusal(verifier({ timeoutMs: 200 }), 'active')).toMatchObject({
      kind: 'unavailable',
      message: 'the introspection endpoint cannot be reached',
    });
  });

  it('reports wrong client credentials (the endpoint answers 401) and an unreachable endpoint as unavailable', async () => {
    expect((await refusal(verifier({ clientSecret: 'wrong' }), 'active')).kind).toBe('unavailable');
    const gone = introspectionVerifier({ endpoint: 'http://127.0.0.1:9/introspect', clientId: CLIENT, clientSecret: SECRET });
    expect((await refusal(gone, 'active')).kind).toBe('unavailable');
  });

  it('refuses bad limits', () => {
    expect(() => verifier({ cacheMaxMs: -1 })).toThrow(RangeError);
    expect(() => verifier({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => verifier({ cacheMaxEntries: 1.5 })).toThrow(RangeError);
  });
});
