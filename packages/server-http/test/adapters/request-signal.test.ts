// The request's signal behind every adapter, over real sockets (requirements.md #86, #114): the
// node:http and Express adapters hand the core a LazyAbortSignal instead of an AbortController per
// request, so what a handler reads as `ctx.signal` must still be a real AbortSignal that the
// platform accepts, aborted when the client goes away, and a listen stream must still end.
import { McpServer } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, startAdapter } from '../helpers/adapters.js';
import type { RunningServer } from '../helpers/adapters.js';
import { mcpHeaders, meta, openStream, toolCall, waitFor, withMeta } from '../helpers/http-client.js';

interface Seen {
  real: boolean;
  aborted: boolean;
  reasonName: string | undefined;
}

const QUIET = { logger: { warn: () => undefined } };

function signalServer(seen: Seen[]): McpServer {
  const server = new McpServer({ name: 'signals', version: '1.0.0' }, QUIET);
  server.registerTool('hold', { inputSchema: { type: 'object', properties: {} } }, (_args, ctx) => {
    const record: Seen = { real: ctx.signal instanceof AbortSignal, aborted: false, reasonName: undefined };
    seen.push(record);
    ctx.progress(1, 2); // switches the answer to SSE, so the client can close a stream it has
    return new Promise<string>((resolve) => {
      // AbortSignal.any refuses anything but a real AbortSignal.
      AbortSignal.any([ctx.signal]).addEventListener(
        'abort',
        () => {
          record.aborted = true;
          record.reasonName = (ctx.signal.reason as { name?: string } | undefined)?.name;
          resolve('aborted');
        },
        { once: true },
      );
    });
  });
  return server;
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(ADAPTERS)('the request signal on %s', (adapter) => {
  it('is a real AbortSignal to the handler, aborted with an AbortError when the client leaves', async () => {
    const seen: Seen[] = [];
    running = await startAdapter(adapter, signalServer(seen));
    const stream = await openStream(running.port, withMeta(toolCall(1, 'hold', {}), { progressToken: 'p' }));
    await waitFor(() => stream.messages.length === 1);
    stream.destroy();
    await waitFor(() => seen[0]?.aborted === true);
    expect(seen).toEqual([{ real: true, aborted: true, reasonName: 'AbortError' }]);
  });

  it('ends a listen stream when its client leaves, and frees its slot', async () => {
    const server = new McpServer({ name: 'signals', version: '1.0.0' }, { ...QUIET, limits: { maxListenStreams: 1 } });
    running = await startAdapter(adapter, server);
    const listen = {
      headers: mcpHeaders('subscriptions/listen'),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'l1',
        method: 'subscriptions/listen',
        params: { _meta: meta(), notifications: { toolsListChanged: true } },
      }),
    };
    const first = await openStream(running.port, listen);
    await waitFor(() => first.messages.length === 1);
    first.destroy();
    // The only slot is given back once the server heard the client leave.
    let second = await openStream(running.port, listen);
    for (let attempt = 0; second.status !== 200 && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      second = await openStream(running.port, listen);
    }
    expect(second.status).toBe(200);
    second.destroy();
  });
});
