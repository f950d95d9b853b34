// serveStdio at maxConcurrentRequests, in process: requests past the limit wait their turn, but
// what the running ones need from the client still gets through, so the limit cannot deadlock
// the connection: the client's answer to a server-to-client ask of a 2025-era session, and a
// notifications/cancelled for a running request (#263).
import { PassThrough } from 'node:stream';
import { McpServer } from '@tern/core-protocol';
import { describe, expect, it } from 'vitest';
import { serveStdio } from '../../src/index.js';
import { HeldStdout } from '../helpers/held-stdout.js';
import { MODERN_META } from '../helpers/raw-peer.js';

interface Line {
  id?: unknown;
  method?: string;
  result?: Record<string, unknown>;
  error?: { code: number };
}

function serve(maxConcurrentRequests: number) {
  const server = new McpServer(
    { name: 'limit', version: '1.0.0' },
    { requestState: { keys: [{ id: 'test', secret: new Uint8Array(32).fill(5) }] } },
  );
  const aborted: unknown[] = [];
  server.registerTool('ask', {}, async (_args, ctx) => {
    const roots = await ctx.listRoots();
    return roots.map((root) => root.uri).join(',');
  });
  server.registerTool('wait', {}, async (_args, ctx) => {
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        aborted.push(ctx.signal.reason);
        resolve();
      };
      // The cancellation may come before the handler got here.
      if (ctx.signal.aborted) stop();
      else ctx.signal.addEventListener('abort', stop);
    });
    return 'never sent';
  });
  server.registerTool('quick', {}, () => 'quick');
  const stdin = new PassThrough();
  const stdout = new HeldStdout();
  stdout.release();
  const handle = serveStdio(server, {
    stdin,
    stdout,
    stderr: new PassThrough(),
    maxConcurrentRequests,
  });
  const send = (message: object): void => {
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  };
  /** A modern tools/call. */
  const call = (id: number, name: string): void => {
    send({ id, method: 'tools/call', params: { name, arguments: {}, _meta: MODERN_META } });
  };
  const parsed = (): Line[] => stdout.lines.map((line) => JSON.parse(line) as Line);
  const next = async (test: (line: Line) => boolean): Promise<Line> => {
    await expect.poll(() => parsed().some(test), { timeout: 5000 }).toBe(true);
    return parsed().find(test)!;
  };
  return { stdin, send, call, next, parsed, aborted, handle };
}

describe('serveStdio at maxConcurrentRequests', () => {
  it('still reads the answer to a server-to-client ask when the running request is the limit', async () => {
    const { stdin, send, next, handle } = serve(1);
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: { roots: {} },
        clientInfo: { name: 'host', version: '1.0.0' },
      },
    });
    await next((line) => line.id === 1);
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'ask', arguments: {} } });
    // A request past the limit waits; the answer below must not wait behind it.
    send({ id: 3, method: 'tools/call', params: { name: 'quick', arguments: {} } });
    const ask = await next((line) => line.method === 'roots/list');
    send({ id: ask.id, result: { roots: [{ uri: 'file:///a' }] } });
    expect((await next((line) => line.id === 2)).result).toMatchObject({
      content: [{ type: 'text', text: 'file:///a' }],
    });
    expect((await next((line) => line.id === 3)).result).toMatchObject({
      content: [{ type: 'text', text: 'quick' }],
    });
    stdin.end();
    await handle.closed;
  });

  it('still reads a notifications/cancelled for a running request at the limit (#263)', async () => {
    const { stdin, send, call, next, parsed, aborted, handle } = serve(1);
    call(1, 'wait');
    call(2, 'quick');
    send({ method: 'notifications/cancelled', params: { requestId: 1, reason: 'host gave up' } });
    expect((await next((line) => line.id === 2)).result).toMatchObject({
      content: [{ type: 'text', text: 'quick' }],
    });
    expect(aborted).toEqual(['host gave up']);
    expect(parsed().some((line) => line.id === 1)).toBe(false);
    stdin.end();
    await handle.closed;
  });

  it('drops a waiting request the client cancels before it ran, and answers the rest after EOF', async () => {
    const { stdin, send, call, next, parsed, aborted, handle } = serve(2);
    call(1, 'wait');
    call(2, 'wait');
    call(3, 'wait');
    call(4, 'quick');
    send({ method: 'notifications/cancelled', params: { requestId: 3 } });
    send({ method: 'notifications/cancelled', params: { requestId: 1, reason: 'one' } });
    send({ method: 'notifications/cancelled', params: { requestId: 2, reason: 'two' } });
    stdin.end();
    await next((line) => line.id === 4);
    await handle.closed;
    // Request 3 never ran (only 1 and 2 were aborted), and no cancelled request got an answer.
    expect(aborted).toEqual(['one', 'two']);
    expect(parsed().map((line) => line.id)).toEqual([4]);
  });
});
