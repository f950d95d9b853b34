import { ResourceNotFoundError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACCEPT_BOTH, LegacyClient, sleep, startServer } from './helpers/legacy-client.js';
import type { TestServer } from './helpers/legacy-client.js';
import { SdkError } from '@tern/jsonrpc';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

function register(server: McpServer): void {
  server.registerTool(
    'echo',
    { inputSchema: z.object({ text: z.string() }) },
    ({ text }) => `echo: ${text}`,
  );
  server.registerTool('logger', { description: 'Logs at three levels.' }, (_args, ctx) => {
    ctx.log('debug', 'debug detail');
    ctx.log('info', 'info message');
    ctx.log('error', 'error message');
    return 'logged';
  });
  server.registerResource({ uri: 'test://doc', name: 'doc' }, (uri) => ({
    contents: [{ uri, text: 'doc' }],
  }));
  server.registerResourceTemplate(
    { uriTemplate: 'test://missing/{id}', name: 'missing' },
    (uri) => {
      throw new ResourceNotFoundError(uri);
    },
  );
}

let subject: TestServer | undefined;
afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

async function start(legacy: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  subject = await startServer(register, legacy);
  return subject;
}

describe('createLegacyLayer', () => {
  it('opens a session on initialize with a visible-ASCII Mcp-Session-Id and a legacy InitializeResult', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: { roots: { listChanged: true }, elicitation: {} },
          clientInfo: { name: 'old-ide', version: '1.4.0' },
        },
      }),
    });
    expect(response.status).toBe(200);
    const sessionId = response.headers.get('mcp-session-id');
    expect(sessionId).toMatch(/^[\x21-\x7E]{32}$/);
    const body = (await response.json()) as { id: number; result: Record<string, unknown> };
    expect(body.id).toBe(1);
    expect(body.result).toEqual({
      protocolVersion: '2025-11-25',
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        logging: {},
      },
      serverInfo: { name: 'legacy-test', version: '1.0.0' },
      instructions: 'Test server.',
    });
  });

  it('echoes a served version and answers an unknown one with the newest legacy version', async () => {
    const { url } = await start();
    const older = new LegacyClient(url, '2025-06-18');
    expect((await older.connect())['protocolVersion']).toBe('2025-06-18');
    const unknown = new LegacyClient(url, '2024-11-05');
    expect((await unknown.connect())['protocolVersion']).toBe('2025-11-25');
  });

  it('mints a different session id for every initialize', async () => {
    const { url, layer } = await start();
    const a = new LegacyClient(url);
    const b = new LegacyClient(url);
    await a.connect();
    await b.connect();
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(layer.sessionCount).toBe(2);
  });

  it('answers ping with an empty result', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    expect(await client.request('ping')).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });

  it('serves tools in the legacy shape: no resultType, caching hints or serverInfo _meta', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const list = await client.request('tools/list');
    expect(list['result']).not.toHaveProperty('resultType');
    expect(list['result']).not.toHaveProperty('ttlMs');
    expect(list['result']).not.toHaveProperty('_meta');
    const call = await client.request('tools/call', { name: 'echo', arguments: { text: 'hi' } });
    expect(call['result']).toEqual({ content: [{ type: 'text', text: 'echo: hi' }] });
  });

  it('answers resource not found with the legacy code -32002 and keeps data.uri', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const unknown = await client.request('resources/read', { uri: 'test://nowhere' });
    expect(unknown['error']).toMatchObject({ code: -32002, data: { uri: 'test://nowhere' } });
    const thrown = await client.request('resources/read', { uri: 'test://missing/7' });
    expect(thrown['error']).toMatchObject({ code: -32002, data: { uri: 'test://missing/7' } });
    const found = await client.request('resources/read', { uri: 'test://doc' });
    expect(found['result']).toEqual({ contents: [{ uri: 'test://doc', text: 'doc' }] });
  });

  it('uses the level of logging/setLevel as the log level of later requests', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    // Before setLevel the session has no level: no log messages, a plain JSON answer.
    const quiet = await client.send('tools/call', { name: 'logger' });
    expect(quiet.response.headers.get('content-type')).toContain('application/json');

    expect(await client.request('logging/setLevel', { level: 'info' })).toMatchObject({
      result: {},
    });
    const { id, response } = await client.send('tools/call', { name: 'logger' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const messages = text
      .split('\n')
      .filter((line) => line.startsWith('data: ') && line.length > 6)
      .map(
        (line) =>
          JSON.parse(line.slice(6)) as { id?: number; method?: string; params?: { level: string } },
      );
    expect(
      messages.filter((m) => m.method === 'notifications/message').map((m) => m.params?.level),
    ).toEqual(['info', 'error']);
    expect(messages.at(-1)).toMatchObject({
      id,
      result: { content: [{ type: 'text', text: 'logged' }] },
    });
  });

  it('refuses an invalid log level with -32602', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    expect((await client.request('logging/setLevel', { level: 'loud' }))['error']).toMatchObject({
      code: -32602,
    });
  });

  it('answers methods 2026-07-28 added with -32601 and HTTP 200 (404 would end the session)', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { response } = await client.send('server/discover', {});
    expect(response.status).toBe(200);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32601);
  });

  it('ends the session on DELETE; later requests with its id get 404', async () => {
    const { url, layer } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    expect((await client.delete()).status).toBe(200);
    expect(layer.sessionCount).toBe(0);
    const { response } = await client.send('ping');
    expect(response.status).toBe(404);
    expect((await client.get()).status).toBe(404);
    expect((await client.delete()).status).toBe(404);
  });

  it('answers 404 for a session id it never issued', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    client.sessionId = 'f'.repeat(32);
    const { response } = await client.send('tools/list');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', id: 1, error: { code: -32600 } });
  });

  it('expires an idle session: requests with its id then get 404', async () => {
    const { url, layer } = await start({ legacy: { idleTimeoutMs: 50 } });
    const client = new LegacyClient(url);
    await client.connect();
    expect((await client.request('ping'))['result']).toEqual({});
    await sleep(120);
    const { response } = await client.send('ping');
    expect(response.status).toBe(404);
    expect(layer.sessionCount).toBe(0);
  });

  it('refuses initialize beyond maxSessions with 503 and a JSON-RPC error, keeping the count bounded', async () => {
    const { url, layer } = await start({ legacy: { maxSessions: 3 } });
    for (let index = 0; index < 3; index += 1) await new LegacyClient(url).connect();
    for (let index = 0; index < 5; index += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 9,
          method: 'initialize',
          params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'x', version: '1' },
          },
        }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('mcp-session-id')).toBeNull();
      expect(await response.json()).toMatchObject({
        id: 9,
        error: { code: -32603, message: expect.stringContaining('Too many open sessions') },
      });
    }
    expect(layer.sessionCount).toBe(3);
  });

  it('makes room under the cap once a session expired', async () => {
    const { url, layer } = await start({ legacy: { maxSessions: 1, idleTimeoutMs: 40 } });
    await new LegacyClient(url).connect();
    await sleep(80);
    await new LegacyClient(url).connect();
    expect(layer.sessionCount).toBe(1);
  });

  it('refuses a request whose MCP-Protocol-Version is not the session version with 400', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const response = await client.post(
      { jsonrpc: '2.0', id: 5, method: 'ping' },
      { 'mcp-protocol-version': '2025-06-18' },
    );
    expect(response.status).toBe(400);
  });

  it('accepts a 2025-03-26 batch and answers it with an array', async () => {
    const { url } = await start();
    const client = new LegacyClient(url, '2025-03-26');
    await client.connect();
    const response = await client.post([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 1, progress: 1 },
      },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'echo', arguments: { text: 'b' } },
      },
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: number }[];
    expect(body.map((entry) => entry.id).sort()).toEqual([1, 2]);
  });

  it('refuses a batch in a 2025-11-25 session', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    expect((await client.post([{ jsonrpc: '2.0', id: 1, method: 'ping' }])).status).toBe(400);
  });

  it('still serves a modern request on the same endpoint statelessly', async () => {
    const { url } = await start();
    await new LegacyClient(url).connect();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: ACCEPT_BOTH,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/list',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { _meta: MODERN_META },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    const body = (await response.json()) as { result: Record<string, unknown> };
    expect(body.result).toMatchObject({ resultType: 'complete', ttlMs: 0 });
  });

  it('leaves a modern initialize to the modern transport (404, -32601)', async () => {
    const { url, layer } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: ACCEPT_BOTH,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'initialize',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { _meta: MODERN_META },
      }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: -32601 } });
    expect(layer.sessionCount).toBe(0);
  });

  it('leaves GET, DELETE and POST without a session id to the modern transport', async () => {
    const { url } = await start();
    expect(
      (await fetch(url, { method: 'GET', headers: { accept: 'text/event-stream' } })).status,
    ).toBe(405);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(post.status).toBe(400);
  });

  it('adds the served legacy versions to server/discover', async () => {
    const { mcp } = await start({ legacy: { versions: ['2025-11-25', '2025-06-18'] } });
    const response = await mcp.handle({
      jsonrpc: '2.0',
      id: 1,
      method: 'server/discover',
      params: { _meta: MODERN_META },
    });
    expect(response).toMatchObject({
      result: { supportedVersions: ['2026-07-28', '2025-11-25', '2025-06-18'] },
    });
  });

  it('checks its limits when it is built', async () => {
    await expect(start({ legacy: { maxSessions: 0 } })).rejects.toThrow(SdkError);
  });
});
