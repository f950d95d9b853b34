// The JWT hostile cases of issue 16 through every adapter of @tern/server-http, with the real
// jwtVerifier and a real JWKS: a fetch handler (web Request in, Response out), node:http and
// Express, each answering byte-identically. The transport's own table (malformed and doubled
// headers, query tokens, scopes) is server-http's authorization-edge-cases test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { createFetchHandler, resourceMetadataPath } from '@tern/server-http';
import type { McpHttpOptions } from '@tern/server-http';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtVerifier } from '../src/index.js';
import { RESOURCE, TestIssuer } from './helpers/issuer.js';

const issuer = new TestIssuer();
const down = new TestIssuer();
const mcpServer = new McpServer({ name: 'protected', version: '1.0.0' }, { logger: { warn: () => undefined } });
mcpServer.registerTool('whoami', {}, (_args, ctx) => `${ctx.auth?.principal} via ${ctx.auth?.clientId}`);

const ADAPTERS = ['fetch', 'node', 'express'] as const;
type Adapter = (typeof ADAPTERS)[number];

interface Answer {
  status: number;
  challenge: string | null;
  retryAfter: string | null;
  body: string;
}

type Send = (token: string | undefined) => Promise<Answer>;

const body = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: {
    name: 'whoami',
    arguments: {},
    _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} },
  },
});
const headers = (token: string | undefined): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'whoami',
  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
});

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

const closers: (() => Promise<void>)[] = [];

async function start(adapter: Adapter, options: McpHttpOptions): Promise<Send> {
  if (adapter === 'fetch') {
    const handler = createFetchHandler(mcpServer, options);
    return async (token) =>
      answerOf(await handler(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: headers(token), body })));
  }
  let listener;
  if (adapter === 'node') listener = createNodeHandler(mcpServer, options);
  else {
    const app = express();
    app.use(['/mcp', resourceMetadataPath(RESOURCE)], createExpressHandler(mcpServer, options));
    listener = app;
  }
  const http = createServer(listener);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  const { port } = http.address() as AddressInfo;
  return async (token) => answerOf(await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'POST', headers: headers(token), body }));
}

const options = (from: TestIssuer): McpHttpOptions => ({
  authorization: {
    resource: RESOURCE,
    authorizationServers: [from.issuer],
    verifier: jwtVerifier({ issuer: from.issuer, jwksUri: from.jwksUri, keysTimeoutMs: 500 }),
  },
});

const METADATA = 'resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp"';
const INVALID = `Bearer error="invalid_token", error_description="the access token is invalid", ${METADATA}`;

interface Row {
  name: string;
  token: () => Promise<string | undefined>;
  status: number;
  challenge: string | null;
  via?: 'down';
}

const ROWS: Row[] = [
  { name: 'a valid token → 200, principal and client in ctx.auth', token: () => issuer.token(), status: 200, challenge: null },
  { name: 'alg none → 401', token: () => Promise.resolve(issuer.unsigned({ scope: 'mcp' })), status: 401, challenge: INVALID },
  { name: 'HS256 signed with the RSA public key → 401', token: () => issuer.hmacWithPublicKey(), status: 401, challenge: INVALID },
  {
    name: 'a token for another resource → 401',
    token: () => issuer.token({ aud: 'https://other.example.test/mcp' }),
    status: 401,
    challenge: `Bearer error="invalid_token", error_description="the access token was not issued for this resource", ${METADATA}`,
  },
  {
    name: 'an expired token → 401',
    token: () => issuer.token({ exp: Math.floor(Date.now() / 1000) - 300 }),
    status: 401,
    challenge: `Bearer error="invalid_token", error_description="the access token expired", ${METADATA}`,
  },
  { name: 'a JWKS that cannot be fetched → 503 with Retry-After', token: () => down.token(), status: 503, challenge: null, via: 'down' },
  { name: 'no token → 401 with resource_metadata', token: () => Promise.resolve(undefined), status: 401, challenge: `Bearer ${METADATA}` },
];

const seen = new Map<string, Map<Adapter, string>>();

beforeAll(async () => {
  await issuer.start();
  await down.start();
  down.mode = 'error';
});
afterAll(async () => {
  for (const close of closers) await close();
  await issuer.stop();
  await down.stop();
});

describe.each(ADAPTERS)('a server protected by jwtVerifier through the %s adapter', (adapter) => {
  let send: Send;
  let sendDown: Send;
  beforeAll(async () => {
    send = await start(adapter, options(issuer));
    sendDown = await start(adapter, options(down));
  });

  it.each(ROWS)('$name', async (row) => {
    const answer = await (row.via === 'down' ? sendDown : send)(await row.token());
    expect(answer.status, answer.body).toBe(row.status);
    expect(answer.challenge).toBe(row.challenge);
    if (row.status === 503) expect(answer.retryAfter).toBe('5');
    if (row.status === 200) expect(answer.body).toContain('alice via client-1');
    else expect(JSON.parse(answer.body)).not.toHaveProperty('id');
    const byAdapter = seen.get(row.name) ?? new Map<Adapter, string>();
    byAdapter.set(adapter, JSON.stringify({ ...answer, body: row.status === 200 ? '' : answer.body }));
    seen.set(row.name, byAdapter);
  });
});

describe('every adapter', () => {
  it('answered every row identically', () => {
    expect(seen.size).toBe(ROWS.length);
    for (const [name, byAdapter] of seen) {
      expect(byAdapter.size, name).toBe(ADAPTERS.length);
      expect(new Set(byAdapter.values()).size, name).toBe(1);
    }
  });
});
