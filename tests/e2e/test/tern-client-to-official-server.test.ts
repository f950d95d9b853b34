// Tern's McpClient + StreamableHttpTransport against the official MCP TypeScript SDK server
// (@modelcontextprotocol/server) in its documented 2026-07-28 stateless setup: a per-request
// factory behind createMcpHandler, adapted to Node with toNodeHandler, mounted on
// createMcpExpressApp (the Express recipe) and on plain node:http behind the localhost guards
// (the node:http recipe). The official server is used as a black box, through its documented API.
import type { RequestListener } from 'node:http';
import { createMcpExpressApp } from '@modelcontextprotocol/express';
import {
  localhostHostValidation,
  localhostOriginValidation,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import type { NodeIncomingMessageLike } from '@modelcontextprotocol/node';
import {
  acceptedContent,
  createMcpHandler,
  createRequestStateCodec,
  inputRequired,
  inputResponse,
  McpServer as OfficialMcpServer,
} from '@modelcontextprotocol/server';
import type {
  CallToolResult,
  InputRequiredResult,
  McpHttpHandler,
} from '@modelcontextprotocol/server';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient, ResourceNotFoundError } from '@tern/core-protocol';
import type { ElicitFormHandler, RoundEvent } from '@tern/core-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDeferred, within } from './helpers/deferred.js';
import type { Deferred } from './helpers/deferred.js';
import { listen } from './helpers/listen.js';
import type { Listening } from './helpers/listen.js';
import { callsOf, createRecordingFetch, paramsOf, responseOf } from './helpers/recording-fetch.js';
import type { RecordingFetch } from './helpers/recording-fetch.js';

interface DeployState {
  step: 'confirmed';
  env: string;
}

const stateCodec = createRequestStateCodec<DeployState>({
  key: new Uint8Array(32).fill(9),
  ttlSeconds: 60,
});

/** What the official server's handlers report back to the test. */
interface Probe {
  /** Resolves when the `wait` tool has started. */
  waitStarted: Deferred<void>;
  /** Resolves with the abort reason of the `wait` tool's signal. */
  waitAborted: Deferred<unknown>;
}

/** The official server's per-request factory: one fresh instance per HTTP request. */
function officialServer(probe: Probe): OfficialMcpServer {
  const server = new OfficialMcpServer(
    { name: 'official-e2e', version: '2.4.0-test' },
    { requestState: { verify: (state, ctx) => stateCodec.verify(state, ctx) } },
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

  // The documented write-once MRTR shape: round 1 asks for a confirmation; round 2 mints a
  // signed requestState that proves it and asks for the strategy; round 3 reads both.
  server.registerTool(
    'deploy',
    { description: 'Deploys after two questions', inputSchema: z.object({ env: z.string() }) },
    async ({ env }, ctx): Promise<CallToolResult | InputRequiredResult> => {
      const state = ctx.mcpReq.requestState<DeployState>();
      if (state?.step !== 'confirmed') {
        const view = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
        if (view.kind === 'elicit' && view.action !== 'accept') {
          return {
            content: [{ type: 'text', text: `Deploy refused (${view.action}).` }],
            isError: true,
          };
        }
        const confirmed = acceptedContent(
          ctx.mcpReq.inputResponses,
          'confirm',
          z.object({ confirm: z.boolean() }),
        );
        if (confirmed?.confirm !== true) {
          return inputRequired({
            inputRequests: {
              confirm: inputRequired.elicit({
                message: `Deploy to ${env}?`,
                requestedSchema: z.object({ confirm: z.boolean() }),
              }),
            },
          });
        }
        return inputRequired({
          inputRequests: {
            strategy: inputRequired.elicit({
              message: 'Which strategy?',
              requestedSchema: z.object({ strategy: z.enum(['canary', 'blue-green']) }),
            }),
          },
          requestState: await stateCodec.mint({ step: 'confirmed', env }),
        });
      }
      const chosen = acceptedContent(
        ctx.mcpReq.inputResponses,
        'strategy',
        z.object({ strategy: z.enum(['canary', 'blue-green']) }),
      );
      return {
        content: [
          { type: 'text', text: `Deployed ${state.env} with ${chosen?.strategy ?? 'nothing'}.` },
        ],
      };
    },
  );

  server.registerTool(
    'count',
    { description: 'Counts to three, reporting progress', inputSchema: z.object({}) },
    async (_args, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (let step = 1; step <= 3; step += 1) {
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken, progress: step, total: 3, message: `step ${String(step)}` },
          });
        }
      }
      return { content: [{ type: 'text', text: 'counted to 3' }] };
    },
  );

  // An x-mcp-header argument, declared the way the official SDK documents it (zod .meta()).
  server.registerTool(
    'search',
    {
      description: 'Searches one region',
      inputSchema: z.object({
        region: z.string().meta({ 'x-mcp-header': 'Region' }),
        query: z.string(),
      }),
    },
    ({ region, query }) => ({ content: [{ type: 'text', text: `${query} in ${region}` }] }),
  );

  server.registerTool('crash', { description: 'Fails', inputSchema: z.object({}) }, () => {
    throw new Error('The warehouse is closed on Sundays.');
  });

  server.registerTool(
    'wait',
    { description: 'Waits until cancelled', inputSchema: z.object({}) },
    async (_args, ctx) => {
      probe.waitStarted.resolve();
      const signal = ctx.mcpReq.signal;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          probe.waitAborted.resolve(signal.reason);
          resolve();
        });
      });
      return { content: [{ type: 'text', text: 'waited' }] };
    },
  );

  server.registerResource(
    'welcome',
    'notes://welcome',
    { mimeType: 'text/plain', description: 'A welcome note' },
    (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Welcome from the official SDK.' }],
    }),
  );

  server.registerPrompt(
    'review',
    { description: 'Reviews code', argsSchema: z.object({ language: z.string() }) },
    ({ language }) => ({
      messages: [
        { role: 'user', content: { type: 'text', text: `Review this ${language} code.` } },
      ],
    }),
  );

  return server;
}

/** The Express recipe: createMcpExpressApp (express.json + Host/Origin checks) and app.all. */
function expressRecipe(handler: McpHttpHandler): RequestListener {
  const app = createMcpExpressApp();
  const node = toNodeHandler(handler);
  app.all('/mcp', (req, res) => void node(req, res, req.body));
  return app;
}

/** The node:http recipe: the localhost guards in front of the wrapped handler. */
function nodeRecipe(handler: McpHttpHandler): RequestListener {
  const node = toNodeHandler(handler);
  const validateHost = localhostHostValidation();
  const validateOrigin = localhostOriginValidation();
  return (req, res) => {
    if (!validateHost(req, res) || !validateOrigin(req, res)) return;
    // Node's IncomingMessage types `method` as `string | undefined`; the official structural
    // NodeIncomingMessageLike has `method?: string`, which our exactOptionalPropertyTypes treats
    // as incompatible. The runtime object is exactly what the official recipe passes.
    void node(req as NodeIncomingMessageLike, res);
  };
}

describe.each([
  { recipe: 'createMcpExpressApp', mount: expressRecipe },
  { recipe: 'node:http', mount: nodeRecipe },
])('Tern McpClient → official server ($recipe)', ({ mount }) => {
  let http: Listening;
  let handler: McpHttpHandler;
  let client: McpClient;
  let wire: RecordingFetch;
  let serverErrors: Error[];
  let clientWarnings: string[];
  let rounds: RoundEvent[];
  let answer: ElicitFormHandler;
  let probe: Probe;

  function createClient(options: { protocolVersion?: string } = {}): McpClient {
    return new McpClient(
      { name: 'tern-e2e', version: '0.0.1' },
      {
        transport: new StreamableHttpTransport({ url: `${http.origin}/mcp`, fetch: wire.fetch }),
        handlers: { elicitForm: (params, info) => answer(params, info) },
        requestTimeoutMs: 5_000,
        conversationTimeoutMs: 10_000,
        onRound: (event) => rounds.push(event),
        onWarning: (message) => clientWarnings.push(message),
        ...options,
      },
    );
  }

  beforeEach(async () => {
    serverErrors = [];
    clientWarnings = [];
    rounds = [];
    wire = createRecordingFetch();
    probe = { waitStarted: createDeferred(), waitAborted: createDeferred() };
    // Modern-only strict endpoint: a request without the 2026-07-28 envelope is refused.
    handler = createMcpHandler(() => officialServer(probe), {
      legacy: 'reject',
      onerror: (error) => serverErrors.push(error),
    });
    http = await listen(mount(handler));
    answer = (params) =>
      params.message === 'Which strategy?'
        ? { action: 'accept', content: { strategy: 'canary' } }
        : { action: 'accept', content: { confirm: true } };
    client = createClient();
  });

  afterEach(async () => {
    await handler.close();
    await http.close();
    expect(clientWarnings).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  it('discovers the server over 2026-07-28', async () => {
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain('2026-07-28');
    // 2026-07-28 has no top-level serverInfo: identity travels in _meta (spec stateless.md).
    expect(discovered._meta?.['io.modelcontextprotocol/serverInfo']).toEqual({
      name: 'official-e2e',
      version: '2.4.0-test',
    });
    expect(typeof discovered.ttlMs).toBe('number');
    expect(discovered.capabilities).toMatchObject({ tools: {}, resources: {}, prompts: {} });
  });

  it('lists the tools with their schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'add',
      'deploy',
      'count',
      'search',
      'crash',
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

  it('calls a plain tool and gets content and structured content', async () => {
    const result = await client.callTool('add', { a: 2, b: 40 });
    expect(result.isError ?? false).toBe(false);
    expect(result.content).toEqual([{ type: 'text', text: '42' }]);
    expect(result.structuredContent).toEqual({ sum: 42 });

    // Tern sends the 2026-07-28 envelope and the headers the body implies.
    const [call] = callsOf(wire, 'tools/call');
    expect(call?.headers.get('mcp-protocol-version')).toBe('2026-07-28');
    expect(call?.headers.get('mcp-name')).toBe('add');
    expect(call?.body).toMatchObject({
      method: 'tools/call',
      params: {
        name: 'add',
        arguments: { a: 2, b: 40 },
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
        },
      },
    });
  });

  it('completes a three-round MRTR conversation, echoing the signed requestState', async () => {
    const result = await client.callTool('deploy', { env: 'prod' });
    expect(result.content).toEqual([{ type: 'text', text: 'Deployed prod with canary.' }]);

    expect(rounds.map((event) => [event.round, Object.keys(event.inputRequests)])).toEqual([
      [1, ['confirm']],
      [2, ['strategy']],
    ]);
    expect(rounds[0]?.inputRequests['confirm']).toMatchObject({
      method: 'elicitation/create',
      params: {
        message: 'Deploy to prod?',
        requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } } },
      },
    });
    expect(rounds[1]?.hasRequestState).toBe(true);

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
    // Round 2 carries only the answer (the server minted no state yet); round 3 echoes the
    // state minted in round 2 byte for byte, with the answer to that round's question.
    expect(params[1]).not.toHaveProperty('requestState');
    expect(params[1]?.['inputResponses']).toEqual({
      confirm: { action: 'accept', content: { confirm: true } },
    });
    expect(typeof results[1]?.['requestState']).toBe('string');
    expect(params[2]?.['requestState']).toBe(results[1]?.['requestState']);
    expect(params[2]?.['inputResponses']).toEqual({
      strategy: { action: 'accept', content: { strategy: 'canary' } },
    });
    expect(new Set(calls.map((call) => (call.body as { id: unknown }).id)).size).toBe(3);
  });

  it('passes a declined elicitation on to the server', async () => {
    answer = () => ({ action: 'decline' });
    const result = await client.callTool('deploy', { env: 'prod' });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'Deploy refused (decline).' }],
    });
    expect(rounds).toHaveLength(1);
  });

  it('reads a resource', async () => {
    const result = await client.readResource('notes://welcome');
    expect(result.contents).toEqual([
      { uri: 'notes://welcome', mimeType: 'text/plain', text: 'Welcome from the official SDK.' },
    ]);
  });

  it('gets a prompt with its arguments', async () => {
    const result = await client.getPrompt('review', { language: 'Rust' });
    expect(result.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Review this Rust code.' } },
    ]);
  });

  it('receives progress notifications through onProgress', async () => {
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool(
      'count',
      {},
      {
        onProgress: ({ progress: value, total, message }) =>
          progress.push({
            progress: value,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          }),
      },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
    expect(progress).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
    const [call] = callsOf(wire, 'tools/call');
    expect(call?.contentType).toMatch(/^text\/event-stream/);
  });
  it('mirrors an x-mcp-header argument after recovering from -32020 by re-listing', async () => {
    // Nothing listed yet, so the first call carries no Mcp-Param-Region: the official server
    // refuses it with 400/-32020, and Tern re-lists and retries with the header (spec
    // streamable-http.md §4.4 step 3). Non-ASCII values travel in the base64 sentinel form.
    const result = await client.callTool('search', { region: 'Zürich', query: 'cafés' });
    expect(result.content).toEqual([{ type: 'text', text: 'cafés in Zürich' }]);

    const calls = callsOf(wire, 'tools/call');
    expect(calls.map((call) => call.status)).toEqual([400, 200]);
    expect(await responseOf(calls[0])).toMatchObject({ error: { code: -32020 } });
    expect(calls[1]?.headers.get('mcp-param-region')).toBe(
      `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
    );
    expect(callsOf(wire, 'tools/list')).toHaveLength(1);

    const plain = await client.callTool('search', { region: 'eu-west', query: 'bars' });
    expect(plain.content).toEqual([{ type: 'text', text: 'bars in eu-west' }]);
    expect(callsOf(wire, 'tools/call').at(-1)?.headers.get('mcp-param-region')).toBe('eu-west');
    // The official server reports the refused first attempt to onerror (reporting only).
    expect(serverErrors.map(String)).toEqual([expect.stringContaining('Mcp-Param-Region')]);
    serverErrors = [];
  });

  it('passes a tool failure through as an isError result', async () => {
    const result = await client.callTool('crash', {});
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'The warehouse is closed on Sundays.' }],
    });
  });

  it('rejects a call to an unknown tool with -32602', async () => {
    await expect(client.callTool('missing', {})).rejects.toMatchObject({ code: -32602 });
  });

  it('maps an unknown resource to ResourceNotFoundError', async () => {
    const failure = await client.readResource('notes://missing').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ResourceNotFoundError);
    expect(failure).toMatchObject({ code: -32602, data: { uri: 'notes://missing' } });
  });

  it('receives change notifications on a subscriptions/listen stream', async () => {
    const subscription = client.listen({
      toolsListChanged: true,
      resourceSubscriptions: ['notes://welcome'],
    });
    try {
      // The official server advertises resources without `subscribe`, so it honours only the
      // list-change part of the filter; a server may narrow the filter (spec stateless.md).
      expect(await within(subscription.acknowledged, 2_000, 'the acknowledgement')).toEqual({
        toolsListChanged: true,
      });
      handler.notify.toolsChanged();
      const events = subscription[Symbol.asyncIterator]();
      const first = await within(events.next(), 2_000, 'the acknowledged event');
      expect(first.value).toMatchObject({ type: 'acknowledged', reconnected: false });
      const second = await within(events.next(), 2_000, 'the list-changed notification');
      expect(second.value).toMatchObject({
        type: 'notification',
        notification: { method: 'notifications/tools/list_changed' },
      });
      // Demultiplexed by subscriptionId, which is the listen request's id (spec stateless.md).
      const [listenCall] = callsOf(wire, 'subscriptions/listen');
      const id = (listenCall?.body as { id: unknown }).id;
      expect(second.value).toMatchObject({
        notification: { params: { _meta: { 'io.modelcontextprotocol/subscriptionId': id } } },
      });
    } finally {
      subscription.close();
    }
  });

  it('cancels the official handler when the Tern call is aborted', async () => {
    const controller = new AbortController();
    const call = client.callTool('wait', {}, { signal: controller.signal });
    await within(probe.waitStarted.promise, 2_000, 'the wait tool starting');
    controller.abort(new Error('the user pressed stop'));
    await expect(call).rejects.toBeDefined();
    // 2026-07-28: closing the response stream is the cancellation (spec streamable-http.md).
    await within(probe.waitAborted.promise, 2_000, 'the official handler seeing the abort');
  });

  it('negotiates down after -32022 from the official server', async () => {
    const future = createClient({ protocolVersion: '2099-01-01' });
    const { tools } = await future.listTools();
    expect(tools.map((tool) => tool.name)).toContain('add');
    expect(future.protocolVersion).toBe('2026-07-28');
    const calls = callsOf(wire, 'tools/list');
    expect(calls.map((call) => call.status)).toEqual([400, 200]);
    expect(await responseOf(calls[0])).toMatchObject({
      error: { code: -32022, data: { supported: ['2026-07-28'], requested: '2099-01-01' } },
    });
    expect(calls[1]?.headers.get('mcp-protocol-version')).toBe('2026-07-28');
    // The official server reports the refused first attempt to onerror (reporting only).
    expect(serverErrors.map(String)).toEqual([expect.stringContaining('2099-01-01')]);
    serverErrors = [];
  });
});
