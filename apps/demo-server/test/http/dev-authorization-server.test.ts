// Authorization mode of the demo: the Express app behind the transport's `authorization` option,
// and the local development authorization server next to it. A user logs in through the
// authorization server's own login and consent pages (authorization code + PKCE, registered
// dynamically), and the token then opens /mcp, as a terminal or browser client would do it.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerifier } from '@tern/server-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTravelDeskServer } from '../../src/create-travel-desk-server.js';
import { TravelDesk } from '../../src/desk/travel-desk.js';
import { createDemoApp } from '../../src/http/create-demo-app.js';
import type { DevAuthorizationServer } from '../../src/http/dev-authorization-server.js';

const REDIRECT = 'http://127.0.0.1:1/callback';
const LIST = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/list',
  params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
});
const mcpHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/list',
  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
});

let http: Server;
let base: string;
let auth: DevAuthorizationServer;

beforeAll(async () => {
  // oidc-provider warns (Node 20, in-memory storage, dev interactions) when loaded and started.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const { startDevAuthorizationServer } = await import('../../src/http/dev-authorization-server.js');
    http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    auth = await startDevAuthorizationServer(0, `${base}/mcp`, [base]);
  } finally {
    warn.mockRestore();
  }
  const desk = new TravelDesk();
  const mcp = createTravelDeskServer({ desk, stateKeys: [{ id: 't', secret: randomBytes(32) }], siteUrl: () => base });
  const host = new URL(base).host;
  http.on(
    'request',
    createDemoApp({
      mcp,
      desk,
      siteUrl: base,
      allowedHosts: [host],
      allowedOrigins: [base],
      authorization: {
        resource: `${base}/mcp`,
        authorizationServers: [auth.issuer],
        requiredScopes: ['mcp'],
        verifier: jwtVerifier({ issuer: auth.issuer, jwksUri: auth.jwksUri }),
      },
    }),
  );
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await auth.close();
});

/** A user agent with cookies that submits the login and consent forms of the dev pages. */
async function logIn(authorizationUrl: URL): Promise<URLSearchParams> {
  const cookies = new Map<string, string>();
  const go = async (url: URL, form?: Record<string, string>): Promise<Response> => {
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.href.startsWith(REDIRECT)) return url.searchParams;
    const response = await go(url);
    const location = response.headers.get('location');
    if (location !== null) {
      url = new URL(location, url);
      continue;
    }
    // A page of the dev interactions: the login form, then the consent form.
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (action === undefined) throw new Error(`no form on ${url.pathname}`);
    const submitted = await go(new URL(action, url), page.includes('name="password"') ? { prompt: 'login', login: 'alice', password: 'any' } : { prompt: 'consent' });
    url = new URL(submitted.headers.get('location') ?? '', url);
  }
  throw new Error('too many redirects');
}

describe('the demo in authorization mode', () => {
  it('refuses /mcp without a token, pointing at its metadata and the development authorization server', async () => {
    const response = await fetch(`${base}/mcp`, { method: 'POST', headers: mcpHeaders(), body: LIST });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="mcp"`,
    );
    const metadata = await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(metadata).toMatchObject({ resource: `${base}/mcp`, authorization_servers: [auth.issuer] });
  });

  it('lets the pages of the demo, and no other origin, register a client and get tokens from a browser (CORS)', async () => {
    const preflight = (origin: string, path: string) =>
      fetch(`${auth.issuer}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(base, '/reg');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(base);
    expect((await preflight('http://evil.example', '/reg')).headers.get('access-control-allow-origin')).toBeNull();
    const registration = await fetch(`${auth.issuer}/reg`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [`${base}/app/`], token_endpoint_auth_method: 'none', application_type: 'native' }),
    });
    expect(registration.status).toBe(201);
    expect(registration.headers.get('access-control-allow-origin')).toBe(base);
    const { client_id: clientId } = (await registration.json()) as { client_id: string };
    // The token endpoint: the client's own page origin is allowed, another origin is refused.
    const tokenRequest = (origin: string) =>
      fetch(`${auth.issuer}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: clientId, redirect_uri: `${base}/app/`, code_verifier: 'x'.repeat(43) }).toString(),
      });
    const own = await tokenRequest(base);
    expect(own.headers.get('access-control-allow-origin')).toBe(base);
    expect(((await own.json()) as { error: string }).error).toBe('invalid_grant');
    const other = await tokenRequest('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await other.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('lets a user log in (dynamic registration, authorization code + PKCE) and then opens /mcp', async () => {
    const discovery = (await (await fetch(`${auth.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const registration = (await (
      await fetch(discovery['registration_endpoint'] ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', application_type: 'native', scope: 'mcp' }),
      })
    ).json()) as { client_id: string };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(discovery['authorization_endpoint'] ?? '');
    for (const [key, value] of Object.entries({
      client_id: registration.client_id,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'mcp',
      resource: `${base}/mcp`,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'demo',
    })) {
      authorize.searchParams.set(key, value);
    }
    const callback = await logIn(authorize);
    expect(callback.get('state')).toBe('demo');
    const tokens = (await (
      await fetch(discovery['token_endpoint'] ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: callback.get('code') ?? '',
          redirect_uri: REDIRECT,
          code_verifier: verifier,
          client_id: registration.client_id,
          resource: `${base}/mcp`,
        }).toString(),
      })
    ).json()) as { access_token: string };
    const response = await fetch(`${base}/mcp`, { method: 'POST', headers: mcpHeaders(tokens.access_token), body: LIST });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('book_trip');
  });
});
