import { McpServer } from '@tern/core-protocol';
import { createFetchHandler } from '@tern/server-http';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLegacyLayer } from '../../src/server/legacy-layer.js';
import { ACCEPT_BOTH, SseReader } from './helpers/legacy-client.js';

const URL_ = 'http://localhost/mcp';

describe('createLegacyLayer with the fetch adapter', () => {
  it('serves a legacy session with a server-to-client request through web Request/Response', async () => {
    const mcp = new McpServer(
      { name: 'f', version: '1' },
      { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32) }] } },
    );
    mcp.registerTool('ask', { description: 'asks' }, async (_args, ctx) => {
      const answer = await ctx.elicit('Name?', z.object({ name: z.string() }));
      return answer.action === 'accept' ? `hi ${answer.content.name}` : 'nobody';
    });
    const layer = createLegacyLayer(mcp);
    const handle = createFetchHandler(mcp, { fallback: layer });
    const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
      handle(
        new Request(URL_, {
          method: 'POST',
          headers: {
            host: 'localhost',
            'content-type': 'application/json',
            accept: ACCEPT_BOTH,
            ...headers,
          },
          body: JSON.stringify(body),
        }),
      );

    const init = await post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: { elicitation: {} },
        clientInfo: { name: 'c', version: '1' },
      },
    });
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    expect(sessionId).not.toBe('');
    const session = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    expect(
      (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session)).status,
    ).toBe(202);

    const call = await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'ask' } },
      session,
    );
    const reader = new SseReader(call);
    const ask = await reader.message();
    expect(ask['method']).toBe('elicitation/create');
    expect(
      (
        await post(
          { jsonrpc: '2.0', id: ask.id, result: { action: 'accept', content: { name: 'Ada' } } },
          session,
        )
      ).status,
    ).toBe(202);
    expect(await reader.message()).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { content: [{ type: 'text', text: 'hi Ada' }] },
    });
    layer.close();
  });
});
