// OAuthProvider's refusals, each against a small scripted server on 127.0.0.1 that plays the MCP
// endpoint and its authorization server: every failure is a typed AuthError, bounded, and its
// message holds no token or secret.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthProvider } from '../src/index.js';
import type { OAuthProviderOptions } from '../src/index.js';

type Route = (req: IncomingMessage, res: ServerResponse, base: string) => void;

let server: Server | undefined;
afterEach(async () => {
  const current = server;
  server = undefined;
  if (current === undefined) return;
  current.closeAllConnections();
  await new Promise<void>((resolve) => current.close(() => resolve()));
});

/** One server for the MCP endpoint and its authorization server; `routes` by path, counted. */
async function serve(routes: Record<string, Route>): Promise<{ base: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    req.on('end', () => route(req, res, base));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits };
}

/** Answers `status` with `body` as JSON; a `headers` key of `body` becomes response headers. */
function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const { headers, ...rest } = body as { headers?: Record<string, string> } & Record<string, unknown>;
  res.writeHead(status, { 'content-type': 'application/json', ...(headers ?? {}) });
  res.end(JSON.stringify(rest));
}

const challenge = (base: string, extra = ''): Record<string, string> => ({
  'www-authenticate': `Bearer resource_metadata="${base}/prm"${extra}`,
});

/** A well-behaved authorization server at `base`, with a token endpoint answering `token`. */
function authorizationServer(token: (base: string) => Record<string, unknown>): Record<string, Route> {
  return {
    '/prm': (_req, res, base) => json(res, 200, { resource: `${base}/mcp`, authorization_servers: [base] }),
    '/.well-known/oauth-authorization-server': (_req, res, base) =>
      json(res, 200, {
        issuer: base,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
      }),
    '/token': (_req, res, base) => json(res, 200, token(base)),
  };
}

/** Sends one MCP POST through a provider whose `authorize` answers at once with a code. */
async function call(base: string, options: Partial<OAuthProviderOptions> = {}): Promise<unknown> {
  const provider = new OAuthProvider({
    redirectUri: 'http://127.0.0.1:1/cb',
    client: { clientId: 'c1' },
    authorize: (url) => Promise.resolve(`http://127.0.0.1:1/cb?code=abc&state=${url.searchParams.get('state') ?? ''}`),
    ...options,
  });
  const body = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
  return provider
    .fetch(`${base}/mcp`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }, (url, init) => fetch(url, init))
    .then(async (response) => ({ status: response.status, text: await response.text() }))
    .catch((error: unknown) => error);
}

describe('OAuthProvider refuses', () => {
  it('authorization server metadata of another issuer (RFC 8414 §3.3), before any other request to it', async () => {
    const { base, hits } = await serve({
      ...authorizationServer(() => ({})),
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
      '/.well-known/oauth-authorization-server': (_req, res, base) =>
        json(res, 200, { issuer: 'https://attacker.example.com', token_endpoint: `${base}/token`, code_challenge_methods_supported: ['S256'] }),
    });
    expect(await call(base)).toMatchObject({ name: 'AuthError', reason: 'issuer_mismatch' });
    expect(hits.get('/token')).toBeUndefined();
  });

  it('protected resource metadata for another resource (RFC 9728 §3.3)', async () => {
    const { base, hits } = await serve({
      ...authorizationServer(() => ({})),
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
      '/prm': (_req, res, base) => json(res, 200, { resource: 'https://evil.example.com/mcp', authorization_servers: [base] }),
    });
    expect(await call(base)).toMatchObject({ reason: 'resource_mismatch' });
    expect(hits.get('/.well-known/oauth-authorization-server')).toBeUndefined();
  });

  it('a token response without access_token, without echoing the response', async () => {
    const { base } = await serve({
      ...authorizationServer(() => ({ token_type: 'Bearer', refresh_token: 'SECRET-REFRESH' })),
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
    });
    const error = (await call(base)) as Error & { reason?: string; cause?: unknown };
    expect(error).toMatchObject({ reason: 'token_request_failed', code: 'AUTHORIZATION_FAILED' });
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: error.cause })).not.toContain('SECRET-REFRESH');
  });

  it('a loop of 401s: at most maxAuthorizations authorizations, then too_many_attempts', async () => {
    const { base, hits } = await serve({
      ...authorizationServer(() => ({ access_token: 'SECRET-ACCESS', token_type: 'Bearer', expires_in: 3600 })),
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
    });
    const error = (await call(base)) as Error;
    expect(error).toMatchObject({ reason: 'too_many_attempts' });
    expect(error.message).not.toContain('SECRET-ACCESS');
    expect(hits.get('/token')).toBe(2);
    expect(hits.get('/mcp')).toBe(3);
  });

  it('a 403 insufficient_scope for scopes the token already has, at once', async () => {
    const { base, hits } = await serve({
      ...authorizationServer(() => ({ access_token: 't', token_type: 'Bearer', scope: 'mcp:admin' })),
      '/mcp': (req, res, base) =>
        req.headers.authorization === undefined
          ? json(res, 401, { headers: challenge(base, ', scope="mcp:admin"') })
          : json(res, 403, { headers: challenge(base, ', error="insufficient_scope", scope="mcp:admin"') }),
    });
    expect(await call(base)).toMatchObject({ reason: 'insufficient_scope' });
    expect(hits.get('/token')).toBe(1);
  });

  it('a redirect of an authorized request to another origin: the token does not follow', async () => {
    const { base } = await serve({
      ...authorizationServer(() => ({ access_token: 't', token_type: 'Bearer' })),
      '/mcp': (req, res, base) => {
        if (req.headers.authorization === undefined) return json(res, 401, { headers: challenge(base) });
        res.writeHead(307, { location: 'https://elsewhere.example.com/mcp' }).end();
      },
    });
    expect(await call(base)).toMatchObject({ reason: 'cross_origin_redirect' });
  });

  it('an authorization server that is not https (and not loopback), before contacting it', async () => {
    const { base } = await serve({
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
      '/prm': (_req, res, base) => json(res, 200, { resource: `${base}/mcp`, authorization_servers: ['http://as.example.com'] }),
    });
    expect(await call(base)).toMatchObject({ reason: 'insecure_url' });
  });

  it('a denial in the authorization response, as access_denied', async () => {
    const { base, hits } = await serve({
      ...authorizationServer(() => ({})),
      '/mcp': (_req, res, base) => json(res, 401, { headers: challenge(base) }),
    });
    const error = await call(base, {
      authorize: (url) => Promise.resolve(`http://127.0.0.1:1/cb?error=access_denied&state=${url.searchParams.get('state') ?? ''}`),
    });
    expect(error).toMatchObject({ reason: 'access_denied' });
    expect(hits.get('/token')).toBeUndefined();
  });
});

describe('OAuthProvider passes through', () => {
  it('a response without an OAuth challenge, untouched', async () => {
    const { base } = await serve({ '/mcp': (_req, res) => json(res, 200, { ok: true }) });
    expect(await call(base)).toEqual({ status: 200, text: '{"ok":true}' });
  });
});
