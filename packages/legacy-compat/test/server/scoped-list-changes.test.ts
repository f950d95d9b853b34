// A 2025-era session's GET stream hears a list change only when its lists would show what
// changed, the rule listen streams follow (docs/protecting-a-server.md): a tool registered with
// `scopes: ['files:write']` is announced to the session whose GET stream was opened with a token
// holding that scope, not to one whose token lacks it. A change that names no registration
// (`notifyToolsListChanged()`) reaches both.
import type { McpServer } from '@tern/core-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizedServer } from './helpers/authorized-server.js';
import type { AuthorizedServer } from './helpers/authorized-server.js';

let server: AuthorizedServer;
let url = '';
let mcp: McpServer;

beforeAll(async () => {
  server = await startAuthorizedServer(
    { 'writer-token': { subject: 'writer', scopes: ['mcp', 'files:write'] }, 'reader-token': { subject: 'reader', scopes: ['mcp'] } },
    (created) => created.registerTool('read', {}, () => 'read'),
  );
  ({ url, mcp } = server);
});
afterAll(() => server.close());

const post = (body: unknown, headers: Record<string, string>) => server.post(body, headers);

/** Opens and confirms a session, then its GET stream; returns the methods heard on it, live. */
async function listen(token: string): Promise<{ heard: string[]; stop: () => void }> {
  const auth = { authorization: `Bearer ${token}` };
  const opened = await post(
    { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'legacy', version: '1' } } },
    auth,
  );
  expect(opened.status).toBe(200);
  await opened.body?.cancel();
  const session = opened.headers.get('mcp-session-id') ?? '';
  expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { ...auth, 'mcp-session-id': session })).status).toBe(202);
  const controller = new AbortController();
  const stream = await fetch(url, {
    headers: { ...auth, accept: 'text/event-stream', 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': session },
    signal: controller.signal,
  });
  expect(stream.status).toBe(200);
  const heard: string[] = [];
  const reader = stream.body?.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (chunk === undefined || chunk.done) return;
      for (const line of chunk.value.split('\n')) {
        if (line.startsWith('data: ') && line.length > 6) heard.push((JSON.parse(line.slice(6)) as { method: string }).method);
      }
    }
  })();
  return { heard, stop: () => controller.abort() };
}

describe('list changes on 2025-era GET streams, by scope', () => {
  it('announce a tool that needs files:write only to the stream whose token holds it', async () => {
    const writer = await listen('writer-token');
    const reader = await listen('reader-token');
    try {
      // Both streams are attached once a change for everyone reaches both.
      mcp.notifyToolsListChanged();
      await expect.poll(() => writer.heard.length, { timeout: 5000 }).toBe(1);
      await expect.poll(() => reader.heard.length, { timeout: 5000 }).toBe(1);

      const scoped = mcp.registerTool('write', { scopes: ['files:write'] }, () => 'written');
      scoped.remove();
      mcp.registerTool('public', {}, () => 'public');
      // The public tool's change reaches both; the scoped tool's two changes only the writer.
      await expect.poll(() => reader.heard.length, { timeout: 5000 }).toBe(2);
      await expect.poll(() => writer.heard.length, { timeout: 5000 }).toBe(4);
      expect(reader.heard).toEqual(['notifications/tools/list_changed', 'notifications/tools/list_changed']);
      expect(new Set(writer.heard)).toEqual(new Set(['notifications/tools/list_changed']));
    } finally {
      writer.stop();
      reader.stop();
    }
  });
});
