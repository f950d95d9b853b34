// The official MCP TypeScript SDK client (@modelcontextprotocol/client, pinned to 2026-07-28)
// against a Tern McpServer over real sockets on 127.0.0.1, served once through Express 5
// (createExpressHandler mounted at /mcp next to an ordinary route) and once through plain
// node:http (createNodeHandler). The official client is a black box used through its documented
// API; a recording fetch shows what actually crossed the wire.
import type { RequestListener } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { McpServer, ToolError } from '@tern/core-protocol';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDeferred, within } from './helpers/deferred.js';
import type { Deferred } from './helpers/deferred.js';
import { listen } from './helpers/listen.js';
import type { Listening } from './helpers/listen.js';
import { callsOf, createRecordingFetch, paramsOf, responseOf } from './helpers/recording-fetch.js';
import type { RecordingFetch } from './helpers/recording-fetch.js';

const STATE_KEY = { id: 'e2e', secret: new Uint8Array(32).fill(42) };

/** What the Tern server reports back to the test. */
interface Probe {
  warnings: string[];
  handlerErrors: unknown[];
  /** Resolves when the `wait` tool has started. */
  waitStarted: Deferred<void>;
  /** Resolves with the abort reason of the `wait` tool's signal. */
  waitAborted: Deferred<unknown>;
}

/** Builds the Tern server every case talks to. */
function createTernServer(probe: Probe): McpServer {
  const server = new McpServer(
    { name: 'tern-e2e', version: '1.2.3' },
    {
      requestState: { keys: [STATE_KEY] },
      logger: { warn: (message) => probe.warnings.push(message) },
      onError: (error) => probe.handlerErrors.push(error),
    },
  );

  server.registerTool(
    'add',
    {
      title: 'Add',
      description: 'Adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      outputSchema: z.object({ sum: z.number() }),
    },
    ({ a, b }) => ({
      content: [{ type: 'text', text: String(a + b) }],
      structuredContent: { sum: a + b },
    }),
  );

  // Two asks in a straight line: the official client has to answer two input_required rounds
  // and echo the sealed requestState of each round on the next.
  server.registerTool(
    'book',
    { description: 'Books a stay', inputSchema: z.object({ city: z.string() }) },
    async ({ city }, ctx) => {
      const stay = await ctx.elicit(
        `How many nights in ${city}?`,
        z.object({ nights: z.number().int().min(1) }),
      );
      if (stay.action !== 'accept') return `No booking (${stay.action}).`;
      const sure = await ctx.elicit(
        `Book ${String(stay.content.nights)} nights in ${city}?`,
        z.object({ confirm: z.boolean() }),
      );
      if (sure.action !== 'accept' || !sure.content.confirm) return 'Nothing was booked.';
      return `Booked ${String(stay.content.nights)} nights in ${city}.`;
    },
  );

  // An x-mcp-header argument: the client must mirror it into Mcp-Param-Region, or Tern refuses
  // the request with -32020 (spec streamable-http.md §4-§5).
  server.registerTool<{ region: string; query: string }>(
    'search',
    {
      description: 'Searches one region',
      inputSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', 'x-mcp-header': 'Region' },
          query: { type: 'string' },
        },
        required: ['region', 'query'],
      },
    },
    ({ region, query }) => `${query} in ${region}`,
  );

  server.registerTool('refuse', { description: 'Fails for the model' }, () => {
    throw new ToolError('The warehouse is closed on Sundays.');
  });

  server.registerTool('crash', { description: 'Fails unexpectedly' }, () => {
    throw new Error('database password is hunter2');
  });

  server.registerTool(
    'count',
    { description: 'Counts to three, reporting progress', inputSchema: z.object({}) },
    async (_args, ctx) => {
      for (let step = 1; step <= 3; step += 1) {
        ctx.progress(step, 3, `step ${String(step)}`);
        // A macrotask between reports, so each one goes out as its own SSE event.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return 'counted to 3';
    },
  );

  server.registerTool('wait', { description: 'Waits until cancelled' }, async (_args, ctx) => {
    probe.waitStarted.resolve();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        probe.waitAborted.resolve(ctx.signal.reason);
        resolve();
      });
    });
    return 'waited';
  });

  server.registerResource(
    { uri: 'tern://notes/welcome', name: 'welcome', mimeType: 'text/plain' },
    (uri) => ({ contents: [{ uri, mimeType: 'text/plain', text: 'Welcome to Tern.' }] }),
  );

  // resources/read may ask too (MRTR is allowed on tools/call, prompts/get, resources/read).
  server.registerResource(
    { uri: 'tern://notes/private', name: 'private', mimeType: 'text/plain' },
    async (uri, ctx) => {
      const who = await ctx.elicit('Who is reading?', z.object({ name: z.string() }));
      const name = who.action === 'accept' ? who.content.name : 'nobody';
      return { contents: [{ uri, mimeType: 'text/plain', text: `For ${name} only.` }] };
    },
  );

  server.registerPrompt(
    'review',
    { description: 'Reviews code', arguments: z.object({ language: z.string() }) },
    ({ language }) => ({
      messages: [
        { role: 'user', content: { type: 'text', text: `Review this ${language} code.` } },
      ],
    }),
  );

  server.registerPrompt(
    'tone',
    { description: 'Asks for a tone first', arguments: z.object({ topic: z.string() }) },
    async ({ topic }, ctx) => {
      const tone = await ctx.elicit(
        'Which tone?',
        z.object({ tone: z.enum(['formal', 'casual']) }),
      );
      const chosen = tone.action === 'accept' ? tone.content.tone : 'neutral';
      return {
        messages: [
          { role: 'user', content: { type: 'text', text: `Write about ${topic}, ${chosen}.` } },
        ],
      };
    },
  );

  return server;
}

/** Express 5: the MCP endpoint mounted at /mcp next to an ordinary route. */
function expressApp(server: McpServer): RequestListener {
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/mcp', ...createExpressHandler(server));
  return app;
}

/** node:http: route /mcp to the Tern listener, everything else is 404. */
function nodeListener(server: McpServer): RequestListener {
  const mcp = createNodeHandler(server);
  return (req, res) => {
    if (req.url === '/mcp') mcp(req, res);
    else res.writeHead(404).end();
  };
}

interface Elicited {
  message: string;
  requestedSchema: unknown;
}

describe.each([
  { adapter: 'express', serve: expressApp },
  { adapter: 'node:http', serve: nodeListener },
])('official client → Tern McpServer over $adapter', ({ adapter, serve }) => {
  let http: Listening;
  let server: McpServer;
  let client: Client;
  let probe: Probe;
  let elicited: Elicited[];
  let wire: RecordingFetch;

  async function connect(options: { elicitation: boolean }): Promise<Client> {
    const official = new Client(
      { name: 'official-e2e', version: '0.0.1' },
      {
        capabilities: options.elicitation ? { elicitation: { form: {} } } : {},
        versionNegotiation: { mode: { pin: '2026-07-28' }, probe: { timeoutMs: 5_000 } },
      },
    );
    await official.connect(
      new StreamableHTTPClientTransport(new URL(`${http.origin}/mcp`), { fetch: wire.fetch }),
    );
    return official;
  }

  beforeEach(async () => {
    probe = {
      warnings: [],
      handlerErrors: [],
      waitStarted: createDeferred(),
      waitAborted: createDeferred(),
    };
    elicited = [];
    wire = createRecordingFetch();
    server = createTernServer(probe);
    http = await listen(serve(server));
    client = await connect({ elicitation: true });
    // The handler the official client uses for pushed elicitations; on a 2026-07-28 connection
    // it calls the same handler for each entry of an input_required result's inputRequests.
    client.setRequestHandler('elicitation/create', (request) => {
      const params = request.params;
      if (params.mode === 'url') return { action: 'decline' };
      elicited.push({ message: params.message, requestedSchema: params.requestedSchema });
      if (params.message.startsWith('How many nights'))
        return { action: 'accept', content: { nights: 3 } };
      if (params.message === 'Who is reading?')
        return { action: 'accept', content: { name: 'Ada' } };
      if (params.message === 'Which tone?')
        return { action: 'accept', content: { tone: 'casual' } };
      return { action: 'accept', content: { confirm: true } };
    });
  });

  afterEach(async () => {
    await client.close();
    await http.close();
    expect(probe.warnings).toEqual([]);
  });

  it('negotiates 2026-07-28 through server/discover, without initialize', async () => {
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getServerVersion()).toEqual({ name: 'tern-e2e', version: '1.2.3' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
    expect(wire.exchanges.map((exchange) => (exchange.body as { method?: string }).method)).toEqual(
      ['server/discover'],
    );
    const discover = wire.exchanges[0];
    expect(discover?.status).toBe(200);
    expect(discover?.headers.get('mcp-protocol-version')).toBe('2026-07-28');
    expect(await responseOf(discover)).toMatchObject({
      result: { resultType: 'complete', supportedVersions: ['2026-07-28'], cacheScope: 'private' },
    });
  });

  it('lists the tools with their schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'add',
      'book',
      'search',
      'refuse',
      'crash',
      'count',
      'wait',
    ]);
    const add = tools.find((tool) => tool.name === 'add');
    expect(add?.title).toBe('Add');
    expect(add?.inputSchema).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    });
    expect(add?.outputSchema).toMatchObject({
      type: 'object',
      properties: { sum: { type: 'number' } },
    });
  });

  it('calls a plain tool and gets content and validated structured content', async () => {
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(result.isError ?? false).toBe(false);
    expect(result.content).toEqual([{ type: 'text', text: '42' }]);
    expect(result.structuredContent).toEqual({ sum: 42 });
    const [call] = callsOf(wire, 'tools/call');
    expect(call?.contentType).toMatch(/^application\/json/);
    expect(call?.headers.get('mcp-name')).toBe('add');
  });

  it('completes a two-round elicitation over MRTR with the client elicitation handler', async () => {
    const result = await client.callTool({ name: 'book', arguments: { city: 'Lisbon' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Booked 3 nights in Lisbon.' }]);
    expect(elicited.map((entry) => entry.message)).toEqual([
      'How many nights in Lisbon?',
      'Book 3 nights in Lisbon?',
    ]);
    expect(elicited[0]?.requestedSchema).toEqual({
      type: 'object',
      properties: { nights: { type: 'integer', minimum: 1 } },
      required: ['nights'],
    });

    // On the wire: three tools/call POSTs. Rounds 1 and 2 are answered input_required with a
    // sealed requestState, and each retry echoes the previous round's state byte for byte.
    const calls = callsOf(wire, 'tools/call');
    expect(calls).toHaveLength(3);
    const results = await Promise.all(
      calls.map(async (call) => (await responseOf(call))['result'] as Record<string, unknown>),
    );
    const params = calls.map(paramsOf);
    expect(results.map((entry) => entry['resultType'])).toEqual([
      'input_required',
      'input_required',
      'complete',
    ]);
    // Keys are derived from each question (docs/mrtr.md): one per round, never the same twice.
    const [firstKey = ''] = Object.keys(results[0]?.['inputRequests'] as object);
    const [secondKey = ''] = Object.keys(results[1]?.['inputRequests'] as object);
    expect(firstKey).toMatch(/^elicitation-[\w-]{10}$/);
    expect(secondKey).toMatch(/^elicitation-[\w-]{10}$/);
    expect(secondKey).not.toBe(firstKey);
    expect(params[0]).not.toHaveProperty('requestState');
    expect(params[1]?.['requestState']).toBe(results[0]?.['requestState']);
    expect(params[2]?.['requestState']).toBe(results[1]?.['requestState']);
    expect(params[1]?.['inputResponses']).toEqual({
      [firstKey]: { action: 'accept', content: { nights: 3 } },
    });
    expect(params.map((entry) => entry['arguments'])).toEqual([
      { city: 'Lisbon' },
      { city: 'Lisbon' },
      { city: 'Lisbon' },
    ]);
    // Every round is its own request with a new id (spec mrtr.md: retries are new requests).
    expect(new Set(calls.map((call) => (call.body as { id: unknown }).id)).size).toBe(3);
  });

  it('passes a declined elicitation on to the Tern handler', async () => {
    client.setRequestHandler('elicitation/create', () => ({ action: 'decline' }));
    const result = await client.callTool({ name: 'book', arguments: { city: 'Oslo' } });
    expect(result.content).toEqual([{ type: 'text', text: 'No booking (decline).' }]);
  });

  it('asks over MRTR from prompts/get and resources/read as well', async () => {
    const prompt = await client.getPrompt({ name: 'tone', arguments: { topic: 'tides' } });
    expect(prompt.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Write about tides, casual.' } },
    ]);
    const resource = await client.readResource({ uri: 'tern://notes/private' });
    expect(resource.contents).toEqual([
      { uri: 'tern://notes/private', mimeType: 'text/plain', text: 'For Ada only.' },
    ]);
    expect(elicited.map((entry) => entry.message)).toEqual(['Which tone?', 'Who is reading?']);
    expect(callsOf(wire, 'prompts/get')).toHaveLength(2);
    expect(callsOf(wire, 'resources/read')).toHaveLength(2);
  });

  it('refuses an ask the client did not declare with -32021 (HTTP 400)', async () => {
    const bare = await connect({ elicitation: false });
    try {
      await expect(
        bare.callTool({ name: 'book', arguments: { city: 'Rome' } }),
      ).rejects.toMatchObject({
        code: -32021,
        data: { requiredCapabilities: { elicitation: { form: {} } } },
      });
    } finally {
      await bare.close();
    }
    const refused = callsOf(wire, 'tools/call').at(-1);
    expect(refused?.status).toBe(400);
  });

  it('mirrors an x-mcp-header argument after recovering from -32020 by re-listing', async () => {
    // The client has not listed tools yet, so its first call carries no Mcp-Param-Region: Tern
    // refuses it with 400/-32020, and the official client re-lists and retries (spec
    // streamable-http.md §4.4 step 3). Non-ASCII values travel in the base64 sentinel form.
    const result = await client.callTool({
      name: 'search',
      arguments: { region: 'Zürich', query: 'cafés' },
    });
    expect(result.content).toEqual([{ type: 'text', text: 'cafés in Zürich' }]);

    const calls = callsOf(wire, 'tools/call');
    expect(calls.map((call) => call.status)).toEqual([400, 200]);
    expect(await responseOf(calls[0])).toMatchObject({ error: { code: -32020 } });
    expect(calls[1]?.headers.get('mcp-param-region')).toBe(
      `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
    );
    expect(callsOf(wire, 'tools/list')).toHaveLength(1);

    const plain = await client.callTool({
      name: 'search',
      arguments: { region: 'eu-west', query: 'bars' },
    });
    expect(plain.content).toEqual([{ type: 'text', text: 'bars in eu-west' }]);
    expect(callsOf(wire, 'tools/call').at(-1)?.headers.get('mcp-param-region')).toBe('eu-west');
  });

  it('delivers a ToolError as an isError result the model can read', async () => {
    const result = await client.callTool({ name: 'refuse', arguments: {} });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'The warehouse is closed on Sundays.' }],
    });
  });

  it('turns an unexpected tool error into a generic isError result without leaking its message', async () => {
    // Tern's documented choice (requirements.md #253): a tool failure is an isError result, but
    // only a ToolError's own message reaches the model; anything else gets a generic text and the
    // real error goes to onError. The official server returns any thrown message as isError text.
    const result = await client.callTool({ name: 'crash', arguments: {} });
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Tool crash failed with an internal error' }] });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(probe.handlerErrors).toHaveLength(1);
  });

  it('rejects a call to an unknown tool with -32602', async () => {
    await expect(client.callTool({ name: 'missing', arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('reads a resource', async () => {
    const result = await client.readResource({ uri: 'tern://notes/welcome' });
    expect(result.contents).toEqual([
      { uri: 'tern://notes/welcome', mimeType: 'text/plain', text: 'Welcome to Tern.' },
    ]);
  });

  it('reports an unknown resource as resource-not-found (-32602 with data.uri)', async () => {
    await expect(client.readResource({ uri: 'tern://notes/missing' })).rejects.toMatchObject({
      code: -32602,
      data: { uri: 'tern://notes/missing' },
    });
  });

  it('gets a prompt with its arguments', async () => {
    const result = await client.getPrompt({ name: 'review', arguments: { language: 'Rust' } });
    expect(result.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Review this Rust code.' } },
    ]);
  });

  it('receives progress notifications before the result', async () => {
    const progress: unknown[] = [];
    const result = await client.callTool(
      { name: 'count', arguments: {} },
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
    expect(progress).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
    // Notifications before the result turn Tern's answer into an SSE stream.
    expect(callsOf(wire, 'tools/call')[0]?.contentType).toMatch(/^text\/event-stream/);
  });

  it('delivers change notifications on a subscriptions/listen stream', async () => {
    const events: { method: string; uri?: string }[] = [];
    const twoEvents = createDeferred<void>();
    const record = (method: string, uri?: string): void => {
      events.push(uri === undefined ? { method } : { method, uri });
      if (events.length === 2) twoEvents.resolve();
    };
    client.setNotificationHandler('notifications/tools/list_changed', () => {
      record('notifications/tools/list_changed');
    });
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      record('notifications/resources/updated', notification.params.uri);
    });
    const subscription = await client.listen({
      toolsListChanged: true,
      resourceSubscriptions: ['tern://notes/welcome'],
    });
    try {
      expect(subscription.honoredFilter).toEqual({
        toolsListChanged: true,
        resourceSubscriptions: ['tern://notes/welcome'],
      });
      server.notifyToolsListChanged();
      server.notifyResourceUpdated('tern://notes/welcome');
      await within(twoEvents.promise, 2_000, 'two change notifications');
      expect(events).toEqual([
        { method: 'notifications/tools/list_changed' },
        { method: 'notifications/resources/updated', uri: 'tern://notes/welcome' },
      ]);
    } finally {
      await subscription.close();
    }
    expect(await subscription.closed).toBe('local');
  });

  it('cancels the Tern handler when the client aborts the call', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, { signal: controller.signal });
    await within(probe.waitStarted.promise, 2_000, 'the wait tool starting');
    controller.abort();
    await expect(call).rejects.toBeDefined();
    // 2026-07-28: closing the response stream is the cancellation (spec streamable-http.md).
    await within(probe.waitAborted.promise, 2_000, 'the Tern handler seeing the abort');
  });

  if (adapter === 'express') {
    it('leaves the ordinary Express route next to /mcp working', async () => {
      const response = await fetch(`${http.origin}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
    });
  }
});
