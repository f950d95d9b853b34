// A legacy (2025-era) session belongs to the principal that opened it: behind the transport's
// `authorization` option, another principal's valid token on that session id is refused exactly
// like an unknown session (404), and a request without a token never reaches the layer (401).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier } from '@tern/server-http';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLegacy } from '../../src/server/with-legacy.js';

const RESOURCE = 'https://mcp.example.test/mcp';
const PRINCIPALS: Record<string, string> = { 'alice-token': 'alice', 'bob-token': 'bob' };
const verifier: TokenVerifier = {
  verify(token) {
    const subject = PRINCIPALS[token];
    if (subject === undefined) return Promise.reject(new TokenVerificationError('invalid_token', 'unknown token'));
    return Promise.resolve({ subject, scopes: ['mcp'], audience: [RESOURCE] });
  },
};

let url = '';
let close: () => Promise<void> = () => Promise.resolve();

beforeAll(async () => {
  const mcp = new McpServer({ name: 'owned', version: '1' }, { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(5) }] } });
  mcp.registerTool('whoami', {}, (_args, ctx) => ctx.auth?.principal ?? 'nobody');
  const options = withLegacy(mcp, { authorization: { resource: RESOURCE, authorizationServers: ['https://auth.example.test'], verifier } });
  const http = createServer(createNodeHandler(mcp, options));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  close = async () => {
    options.fallback.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
});
afterAll(() => close());

function post(body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...headers },
    body: JSON.stringify(body),
  });
}

async function openSession(token: string): Promise<string> {
  const response = await post(
    { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'legacy', version: '1' } } },
    { authorization: `Bearer ${token}` },
  );
  expect(response.status).toBe(200);
  await response.body?.cancel();
  const session = response.headers.get('mcp-session-id') ?? '';
  const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { authorization: `Bearer ${token}`, 'mcp-session-id': session });
  expect(initialized.status).toBe(202);
  return session;
}

const whoami = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } };

describe('a legacy session behind the authorization option', () => {
  it('serves the principal that opened it, with ctx.auth', async () => {
    const session = await openSession('alice-token');
    const response = await post(whoami, { authorization: 'Bearer alice-token', 'mcp-session-id': session });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"text":"alice"');
  });

  it("refuses another principal's valid token on that session id as an unknown session (404)", async () => {
    const session = await openSession('alice-token');
    const response = await post(whoami, { authorization: 'Bearer bob-token', 'mcp-session-id': session });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('alice');
  });

  it('answers 401 with the challenge before the layer sees a request without a token', async () => {
    const session = await openSession('alice-token');
    const response = await post(whoami, { 'mcp-session-id': session });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('resource_metadata=');
    const stream = await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-session-id': session, authorization: 'Bearer bob-token' } });
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
  });
});
