// McpClient + StreamableHttpTransport against McpServer behind @tern/server-http's node:http
// adapter, over real sockets on 127.0.0.1: the two halves of Tern talking Streamable HTTP.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpClient, McpServer } from '@tern/core-protocol';
import type { SubscriptionEvent } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamableHttpTransport } from '../../src/index.js';

const KEY = { id: 'test-key', secret: new Uint8Array(32).fill(7) };

interface Running {
  client: McpClient;
  server: McpServer;
  aborted: (string | number)[];
}

let http: Server | undefined;

afterEach(async () => {
  const current = http;
  http = undefined;
  if (current === undefined) return;
  current.closeAllConnections();
  await new Promise<void>((resolve) => current.close(() => resolve()));
});

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

async function start(): Promise<Running> {
  const aborted: (string | number)[] = [];
  const server = new McpServer(
    { name: 'integration', version: '1.0.0' },
    { requestState: { keys: [KEY] }, logger: { warn: () => undefined } },
  );
  server.registerTool<{ region?: string; limit?: number }>(
    'search',
    {
      inputSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', 'x-mcp-header': 'Region' },
          limit: { type: 'integer', 'x-mcp-header': 'Limit' },
        },
      },
    },
    (args) => `region=${String(args.region)} limit=${String(args.limit)}`,
  );
  server.registerTool<{ city?: string }>(
    'book',
    {
      inputSchema: {
        type: 'object',
        properties: { city: { type: 'string', 'x-mcp-header': 'City' } },
      },
    },
    async (args, ctx) => {
      const answer = await ctx.elicit<{ nights: number }>(
        `How many nights in ${String(args.city)}?`,
        {
          type: 'object',
          properties: { nights: { type: 'integer' } },
          required: ['nights'],
        },
      );
      return answer.action === 'accept'
        ? `Booked ${answer.content.nights} nights in ${String(args.city)}`
        : 'No booking';
    },
  );
  server.registerTool<{ steps?: number }>(
    'progress',
    { inputSchema: { type: 'object', properties: { steps: { type: 'integer' } } } },
    async (args, ctx) => {
      const steps = args.steps ?? 3;
      for (let step = 1; step <= steps; step += 1) {
        ctx.progress(step, steps, `step ${step}`);
        await waitOrAbort(10, ctx.signal);
      }
      return `done after ${steps} steps`;
    },
  );
  server.registerTool('slow', {}, async (_args, ctx) => {
    await waitOrAbort(10_000, ctx.signal);
    if (ctx.signal.aborted) aborted.push(ctx.requestId);
    return 'slow done';
  });
  const handler = createNodeHandler(server);
  http = createServer(handler);
  const listening = http;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as AddressInfo;
  const client = new McpClient(
    { name: 'integration-client', version: '1.0.0' },
    {
      transport: new StreamableHttpTransport({ url: `http://127.0.0.1:${port}/mcp` }),
      handlers: { elicitForm: () => ({ action: 'accept', content: { nights: 3 } }) },
    },
  );
  return { client, server, aborted };
}

describe('McpClient + StreamableHttpTransport against @tern/server-http', () => {
  it('discovers the server and lists its tools', async () => {
    const { client } = await start();
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain(client.protocolVersion);
    const tools = await client.listAllTools();
    expect(tools.map((tool) => tool.name)).toEqual(['search', 'book', 'progress', 'slow']);
  });

  it('passes the server header validation with mirrored x-mcp-header arguments, including base64 values', async () => {
    const { client } = await start();
    await client.listAllTools();
    const result = await client.callTool('search', { region: ' Zürich ', limit: 7 });
    expect(result.content).toEqual([{ type: 'text', text: 'region= Zürich  limit=7' }]);
  });

  it('runs a tool call with an MRTR elicitation round', async () => {
    const { client } = await start();
    await client.listAllTools();
    const rounds: number[] = [];
    const result = await client.callTool(
      'book',
      { city: 'Lisbon' },
      { onRound: (event) => rounds.push(event.round) },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'Booked 3 nights in Lisbon' }]);
    expect(rounds).toEqual([1]);
  });

  it('receives progress over SSE before the result', async () => {
    const { client } = await start();
    const progress: number[] = [];
    const result = await client.callTool(
      'progress',
      { steps: 3 },
      { onProgress: (event) => progress.push(event.progress) },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('cancels a call on the server by closing the stream', async () => {
    const { client, aborted } = await start();
    const controller = new AbortController();
    const pending = client.callTool('slow', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await expect.poll(() => aborted.length).toBe(1);
  });

  it('delivers notifyToolsListChanged to a listen stream', async () => {
    const { client, server } = await start();
    const subscription = client.listen({ toolsListChanged: true });
    const events: SubscriptionEvent[] = [];
    const reading = (async () => {
      for await (const event of subscription) {
        events.push(event);
        if (event.type === 'notification') subscription.close();
      }
    })();
    await subscription.acknowledged;
    server.notifyToolsListChanged();
    await reading;
    expect(events.map((event) => event.type)).toEqual(['acknowledged', 'notification']);
    expect(events[1]).toMatchObject({
      notification: { method: 'notifications/tools/list_changed' },
    });
  });
});
