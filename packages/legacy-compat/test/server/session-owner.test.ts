// A legacy (2025-era) session belongs to the principal that opened it: behind the transport's
// `authorization` option, another principal's valid token on that session id is refused exactly
// like an unknown session (404), and a request without a token never reaches the layer (401).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizedServer } from './helpers/authorized-server.js';
import type { AuthorizedServer } from './helpers/authorized-server.js';

let server: AuthorizedServer;
let url = '';

beforeAll(async () => {
  server = await startAuthorizedServer(
    { 'alice-token': { subject: 'alice', scopes: ['mcp'] }, 'bob-token': { subject: 'bob', scopes: ['mcp'] } },
    (mcp) => mcp.registerTool('whoami', {}, (_args, ctx) => ctx.auth?.principal ?? 'nobody'),
  );
  url = server.url;
});
afterAll(() => server.close());

const post = (body: unknown, headers: Record<string, string>) => server.post(body, headers);

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
