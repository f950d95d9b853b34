// McpClient + DualEraTransport against the OFFICIAL MCP TypeScript SDK 1.x (2025-11-25, stateful
// sessions) over real sockets: the era is detected as legacy, and the client's own input handlers
// (the ones that answer MRTR inputRequests of a modern server) answer the server's requests.
import { McpClient } from '@tern/core-protocol';
import type { InputHandlers, SubscriptionEvent } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import type { ProgressNotificationParams } from '@tern/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { DualEraTransport, InMemoryEraStore } from '../../../src/index.js';
import type { EraStore } from '../../../src/index.js';
import { startSdkV1Server } from '../helpers/sdk-v1-server.js';
import type { SdkV1Server } from '../helpers/sdk-v1-server.js';

let server: SdkV1Server | undefined;
const transports: DualEraTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await server?.close();
  server = undefined;
});

const handlers: InputHandlers = {
  elicitForm: (params) => ({ action: 'accept', content: { ok: params.message === 'Deploy now?' } }),
  sample: () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'hi' } }),
  listRoots: () => [{ uri: 'file:///work', name: 'work' }],
};

function connect(
  target: SdkV1Server,
  options: { eraStore?: EraStore; handlers?: InputHandlers } = {},
) {
  const transport = new DualEraTransport({
    url: target.url,
    modern: (init) => new StreamableHttpTransport(init),
    eraStore: options.eraStore ?? new InMemoryEraStore(),
  });
  transports.push(transport);
  const client = new McpClient(
    { name: 'dual-era-test', version: '1.0.0' },
    { transport, handlers: options.handlers ?? handlers, requestTimeoutMs: 10_000 },
  );
  return { client, transport };
}

function posts(target: SdkV1Server, rpcMethod: string) {
  return target.requests.filter(
    (request) => request.httpMethod === 'POST' && request.rpcMethod === rpcMethod,
  );
}

describe('DualEraTransport against the official 1.x server', () => {
  it('detects the legacy era, initializes a session and lists tools', async () => {
    server = await startSdkV1Server();
    const { client, transport } = connect(server);
    const tools = await client.listAllTools();
    expect(tools.map((tool) => tool.name)).toContain('confirm');
    expect(transport.era).toBe('legacy');
    expect(transport.legacyProtocolVersion).toBe('2025-11-25');
    expect(transport.initializeResult?.serverInfo.name).toBe('sdk-v1-fixture');
    const [probe] = posts(server, 'server/discover');
    expect(probe?.headers['mcp-protocol-version']).toBe('2026-07-28');
    const [initialize] = posts(server, 'initialize');
    expect(initialize?.body).toMatchObject({
      params: {
        protocolVersion: '2025-11-25',
        capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} },
        clientInfo: { name: 'dual-era-test', version: '1.0.0' },
      },
    });
    expect(posts(server, 'notifications/initialized')).toHaveLength(1);
    const [list] = posts(server, 'tools/list');
    expect(list?.headers['mcp-session-id']).toBe([...server.sessions.keys()][0]);
    expect(list?.headers['mcp-protocol-version']).toBe('2025-11-25');
    const meta = (list?.body as { params?: { _meta?: Record<string, unknown> } }).params?._meta;
    expect(meta).toBeUndefined();
  });

  it('completes a tool call whose server elicits, with the elicitForm handler that answers MRTR', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    const result = await client.callTool('confirm');
    expect(result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'action=accept ok=true' }],
    });
    const answers = server.requests.filter(
      (request) => request.httpMethod === 'POST' && request.rpcMethod === undefined,
    );
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toMatchObject({
      jsonrpc: '2.0',
      result: { action: 'accept', content: { ok: true } },
    });
    expect(answers[0]?.headers['mcp-session-id']).toBeDefined();
  });

  it('answers an elicitation the server sends on the standalone stream', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server, {
      handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) },
    });
    const result = await client.callTool('confirm_unrelated');
    expect(result.content).toEqual([{ type: 'text', text: 'action=accept ok=true' }]);
    expect(server.requests.some((request) => request.httpMethod === 'GET')).toBe(true);
  });

  it('answers sampling, ping and roots requests with the registered handlers', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    expect((await client.callTool('sample')).content).toEqual([
      { type: 'text', text: 'model=test-model said=hi' },
    ]);
    expect((await client.callTool('roots')).content).toEqual([
      { type: 'text', text: 'file:///work' },
    ]);
  });

  it('delivers progress and, after logging/setLevel, log messages of a call', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    const progress: ProgressNotificationParams[] = [];
    const logs: unknown[] = [];
    const result = await client.callTool(
      'count',
      {},
      {
        onProgress: (params) => progress.push(params),
        logLevel: 'info',
        onLog: (message) => logs.push(message.data),
      },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
    expect(progress.map((params) => params.progress)).toEqual([1, 2, 3]);
    expect(logs).toEqual(['counted']);
    const [setLevel] = posts(server, 'logging/setLevel');
    expect(setLevel?.body).toMatchObject({ params: { level: 'info' } });
    const [call] = posts(server, 'tools/call');
    expect((call?.body as { params: { _meta: Record<string, unknown> } }).params._meta).toEqual({
      progressToken: expect.any(String),
    });
    // The same level again: no second setLevel.
    await client.callTool('add', { a: 1, b: 2 }, { logLevel: 'info' });
    expect(posts(server, 'logging/setLevel')).toHaveLength(1);
  });

  it('reads a resource and answers server/discover from the InitializeResult', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    const read = await client.readResource('test://readme');
    expect(read.contents).toEqual([
      { uri: 'test://readme', mimeType: 'text/plain', text: 'Hello from 1.x' },
    ]);
    const discovered = await client.discover();
    expect(discovered).toMatchObject({
      supportedVersions: ['2025-11-25'],
      instructions: 'A 1.x fixture server.',
      capabilities: { tools: {}, resources: { subscribe: true } },
    });
    expect(posts(server, 'server/discover')).toHaveLength(1);
  });

  it('caches the era per endpoint: a second client does not probe again', async () => {
    server = await startSdkV1Server();
    const eraStore = new InMemoryEraStore();
    await connect(server, { eraStore }).client.listTools();
    await connect(server, { eraStore }).client.listTools();
    expect(posts(server, 'server/discover')).toHaveLength(1);
    expect(posts(server, 'initialize')).toHaveLength(2);
    expect(eraStore.get(server.url)).toBe('legacy');
  });

  it('starts a new session once when the server answers 404 for the old one', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    await client.listTools();
    server.dropSessions();
    expect((await client.callTool('add', { a: 2, b: 3 })).content).toEqual([
      { type: 'text', text: '5' },
    ]);
    expect(posts(server, 'initialize')).toHaveLength(2);
  });

  it('resumes a response stream the server closed, with Last-Event-ID after its retry delay', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    const result = await client.callTool('poll');
    expect(result.content).toEqual([{ type: 'text', text: 'answered after a reconnection' }]);
    const resumed = server.requests.filter(
      (request) => request.httpMethod === 'GET' && request.headers['last-event-id'] !== undefined,
    );
    expect(resumed.length).toBeGreaterThan(0);
  });

  it('emulates subscriptions/listen with the standalone stream and resources/subscribe', async () => {
    server = await startSdkV1Server();
    const { client } = connect(server);
    const subscription = client.listen({
      resourcesListChanged: true,
      resourceSubscriptions: ['test://readme'],
      toolsListChanged: true,
    });
    const events: SubscriptionEvent[] = [];
    const honoured = await subscription.acknowledged;
    expect(honoured).toEqual({
      resourcesListChanged: true,
      toolsListChanged: true,
      resourceSubscriptions: ['test://readme'],
    });
    expect(server.subscriptions.has('test://readme')).toBe(true);
    const [session] = server.sessions.values();
    await session?.server.server.sendResourceUpdated({ uri: 'test://readme' });
    session?.server.sendToolListChanged();
    for await (const event of subscription) {
      events.push(event);
      if (events.filter((item) => item.type === 'notification').length === 2) break;
    }
    expect(
      events
        .filter((event) => event.type === 'notification')
        .map((event) => event.type === 'notification' && event.notification.method),
    ).toEqual(['notifications/resources/updated', 'notifications/tools/list_changed']);
    await expect.poll(() => server?.subscriptions.has('test://readme')).toBe(false);
  });
});
