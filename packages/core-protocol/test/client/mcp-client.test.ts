import { JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import type { LoggingMessageNotificationParams, ProgressNotificationParams } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpClient, ResourceNotFoundError, SdkError } from '../../src/index.js';
import type { McpClientOptions, McpServer } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { errorFor, metaOf, paramsOf, resultFor, ScriptedTransport, toolsPage } from './helpers/scripted-transport.js';
import { createTestServer, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

/** A server with a bit of everything, in pages of two. */
function createCatalogServer(): McpServer {
  const server = createTestServer({ limits: { pageSize: 2 }, instructions: 'Use echo first.' });
  for (const name of ['echo', 'add', 'upper', 'lower', 'reverse']) {
    server.registerTool(name, { inputSchema: z.object({ text: z.string() }) }, ({ text }) => `${name}:${text}`);
  }
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    server.registerResource({ uri: `file:///docs/${name}.txt`, name, mimeType: 'text/plain' }, (uri) => ({
      contents: [{ uri, mimeType: 'text/plain', text: `contents of ${name}` }],
    }));
  }
  for (const name of ['logs', 'metrics', 'traces']) {
    server.registerResourceTemplate(
      {
        uriTemplate: `file:///${name}/{day}`,
        name,
        complete: { day: (value) => ['mon', 'tue', 'wed'].filter((day) => day.startsWith(value)) },
      },
      (uri, variables) => ({ contents: [{ uri, text: `${name} of ${String(variables['day'])}` }] }),
    );
  }
  for (const name of ['greet', 'farewell', 'thanks']) {
    server.registerPrompt(
      name,
      {
        arguments: z.object({ name: z.string().describe('Who') }),
        complete: { name: (value) => ['Ada', 'Alan', 'Grace'].filter((who) => who.startsWith(value)) },
      },
      ({ name: who }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `${name}, ${who}` } }] }),
    );
  }
  return server;
}

function createClient(transport: InMemoryTransport | ScriptedTransport, options: Partial<McpClientOptions> = {}): McpClient {
  return new McpClient(CLIENT_INFO, { transport, ...options });
}

describe('McpClient typed methods', () => {
  it('discovers the server version list, capabilities and instructions', async () => {
    const server = createCatalogServer();
    const client = createClient(new InMemoryTransport(server));
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain(LATEST_PROTOCOL_VERSION);
    expect(discovered.capabilities.tools).toEqual({ listChanged: true });
    expect(discovered.capabilities.prompts).toEqual({ listChanged: true });
    expect(discovered.capabilities.completions).toEqual({});
    expect(discovered.instructions).toBe('Use echo first.');
    expect(discovered._meta?.[MetaKey.ServerInfo]).toEqual({ name: 'test-server', version: '1.0.0' });
  });

  it('lists one page of tools and calls a tool', async () => {
    const client = createClient(new InMemoryTransport(createCatalogServer()));
    const page = await client.listTools();
    expect(page.tools.map((tool) => tool.name)).toEqual(['echo', 'add']);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.tools[0]?.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });

    const result = await client.callTool('echo', { text: 'hi' });
    expect(result.resultType).toBe('complete');
    expect(result.content).toEqual([{ type: 'text', text: 'echo:hi' }]);
  });

  it('lists resources and templates and reads a resource', async () => {
    const client = createClient(new InMemoryTransport(createCatalogServer()));
    const resources = await client.listResources();
    expect(resources.resources.map((resource) => resource.uri)).toEqual(['file:///docs/a.txt', 'file:///docs/b.txt']);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((template) => template.uriTemplate)).toEqual(['file:///logs/{day}', 'file:///metrics/{day}']);

    const read = await client.readResource('file:///docs/c.txt');
    expect(read.contents).toEqual([{ uri: 'file:///docs/c.txt', mimeType: 'text/plain', text: 'contents of c' }]);
    expect(read).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'private' });
    const fromTemplate = await client.readResource('file:///metrics/tue');
    expect(fromTemplate.contents).toEqual([{ uri: 'file:///metrics/tue', text: 'metrics of tue' }]);
  });

  it('lists prompts, gets a prompt and completes an argument', async () => {
    const client = createClient(new InMemoryTransport(createCatalogServer()));
    const prompts = await client.listPrompts();
    expect(prompts.prompts.map((prompt) => prompt.name)).toEqual(['greet', 'farewell']);
    expect(prompts.prompts[0]?.arguments).toEqual([{ name: 'name', description: 'Who', required: true }]);

    const prompt = await client.getPrompt('farewell', { name: 'Ada' });
    expect(prompt.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'farewell, Ada' } }]);

    const completed = await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'A' } });
    expect(completed.completion.values).toEqual(['Ada', 'Alan']);
    const variable = await client.complete({
      ref: { type: 'ref/resource', uri: 'file:///logs/{day}' },
      argument: { name: 'day', value: 't' },
    });
    expect(variable.completion.values).toEqual(['tue']);
  });

  it('opens a listen stream that the server acknowledges', async () => {
    const transport = new InMemoryTransport(createCatalogServer());
    const client = createClient(transport);
    const subscription = client.listen({ toolsListChanged: true, promptsListChanged: true });
    await expect(subscription.acknowledged).resolves.toEqual({ toolsListChanged: true, promptsListChanged: true });
    subscription.close();
    expect(transport.sent.at(-1)).toMatchObject({
      method: 'subscriptions/listen',
      params: { notifications: { toolsListChanged: true, promptsListChanged: true } },
    });
  });

  it('surfaces a JSON-RPC error of the server as JsonRpcError with its code', async () => {
    const client = createClient(new InMemoryTransport(createCatalogServer()));
    const error = await rejectionOf(client.callTool('missing-tool'));
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32602, data: { name: 'missing-tool' } });
  });
});

describe('McpClient list helpers', () => {
  it('follows nextCursor over several pages of every list (requirements.md #205)', async () => {
    const transport = new InMemoryTransport(createCatalogServer());
    const client = createClient(transport);

    expect((await client.listAllTools()).map((tool) => tool.name)).toEqual(['echo', 'add', 'upper', 'lower', 'reverse']);
    expect((await client.listAllResources()).map((resource) => resource.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect((await client.listAllResourceTemplates()).map((template) => template.name)).toEqual(['logs', 'metrics', 'traces']);
    expect((await client.listAllPrompts()).map((prompt) => prompt.name)).toEqual(['greet', 'farewell', 'thanks']);

    const toolPages = transport.sent.filter((request) => request.method === 'tools/list');
    expect(toolPages).toHaveLength(3);
    expect(paramsOf(toolPages[0]!)).toEqual({});
    expect(paramsOf(toolPages[1]!)['cursor']).toEqual(expect.any(String));
    expect(paramsOf(toolPages[2]!)['cursor']).not.toBe(paramsOf(toolPages[1]!)['cursor']);
  });

  it("treats an empty-string nextCursor as a real cursor, not the end of the list (requirements.md #206)", async () => {
    const transport = new ScriptedTransport((request) => {
      const cursor = request.params?.['cursor'];
      if (cursor === undefined) return resultFor(request, toolsPage([{ name: 'first', inputSchema: { type: 'object' } }], { nextCursor: '' }));
      if (cursor === '') return resultFor(request, toolsPage([{ name: 'second', inputSchema: { type: 'object' } }], { nextCursor: 'opaque==' }));
      return resultFor(request, toolsPage([{ name: 'third', inputSchema: { type: 'object' } }]));
    });
    const client = createClient(transport);
    expect((await client.listAllTools()).map((tool) => tool.name)).toEqual(['first', 'second', 'third']);
    // The cursors go back exactly as received: opaque, unparsed (requirements.md #206).
    expect(transport.requests.map((request) => request.params?.['cursor'])).toEqual([undefined, '', 'opaque==']);
  });
});

describe('McpClient request metadata', () => {
  it('puts protocolVersion, clientCapabilities and clientInfo in _meta of every request (requirements.md #34, #36)', async () => {
    const server = createCatalogServer();
    server.registerTool('ask', {}, async (_args, ctx) => {
      const answer = await ctx.elicit('Name?', z.object({ name: z.string() }));
      return answer.action === 'accept' ? answer.content.name : 'nobody';
    });
    const transport = new InMemoryTransport(server);
    const client = createClient(transport, { handlers: { elicitForm: () => ({ action: 'accept', content: { name: 'Ada' } }) } });

    await client.discover();
    await client.listAllTools();
    await client.callTool('ask');
    await client.listResources();
    await client.listResourceTemplates();
    await client.readResource('file:///docs/a.txt');
    await client.listPrompts();
    await client.getPrompt('greet', { name: 'Ada' });
    await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: '' } });
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    subscription.close();

    const methods = new Set(transport.sent.map((request) => request.method));
    expect([...methods].sort()).toEqual([
      'completion/complete',
      'prompts/get',
      'prompts/list',
      'resources/list',
      'resources/read',
      'resources/templates/list',
      'server/discover',
      'subscriptions/listen',
      'tools/call',
      'tools/list',
    ]);
    // The retry of the conversation is a request too, and carries the same metadata.
    expect(transport.sent.filter((request) => request.method === 'tools/call')).toHaveLength(2);
    for (const request of transport.sent) {
      expect(metaOf(request), request.method).toEqual({
        [MetaKey.ProtocolVersion]: LATEST_PROTOCOL_VERSION,
        [MetaKey.ClientCapabilities]: { elicitation: { form: {} } },
        [MetaKey.ClientInfo]: CLIENT_INFO,
      });
    }
  });

  it('leaves clientInfo out of every request when sendClientInfo is false (requirements.md #36)', async () => {
    const transport = new InMemoryTransport(createCatalogServer());
    const client = createClient(transport, { sendClientInfo: false });
    await client.discover();
    await client.callTool('echo', { text: 'x' });
    await client.readResource('file:///docs/a.txt');
    expect(transport.sent).toHaveLength(3);
    for (const request of transport.sent) {
      expect(metaOf(request)).not.toHaveProperty([MetaKey.ClientInfo]);
      expect(metaOf(request)).toHaveProperty([MetaKey.ProtocolVersion], LATEST_PROTOCOL_VERSION);
      expect(metaOf(request)).toHaveProperty([MetaKey.ClientCapabilities], {});
    }
  });

  it('asks for logs only on the call that sets logLevel, and hands them to onLog', async () => {
    const server = createCatalogServer();
    server.registerTool('chatty', {}, (_args, ctx) => {
      ctx.log('debug', 'too detailed');
      ctx.log('info', 'starting', 'worker');
      ctx.log('error', { failed: 'step 2' });
      return 'done';
    });
    const transport = new InMemoryTransport(server);
    const client = createClient(transport);
    const logs: LoggingMessageNotificationParams[] = [];

    await client.callTool('chatty', {}, { logLevel: 'info', onLog: (message) => logs.push(message) });
    await client.callTool('chatty', {}, { onLog: (message) => logs.push(message) });

    expect(metaOf(transport.sent[0]!)[MetaKey.LogLevel]).toBe('info');
    expect(metaOf(transport.sent[1]!)).not.toHaveProperty([MetaKey.LogLevel]);
    // Only the first call asked; the server filtered by level (requirements.md #143, #197).
    expect(logs).toEqual([
      { level: 'info', data: 'starting', logger: 'worker' },
      { level: 'error', data: { failed: 'step 2' } },
    ]);
  });

  it('sends a progress token only with onProgress, a fresh one per request, and routes progress to it (requirements.md #77)', async () => {
    const server = createCatalogServer();
    server.registerTool('slow', {}, (_args, ctx) => {
      ctx.progress(1, 2, 'half way');
      ctx.progress(2, 2);
      return 'done';
    });
    const transport = new InMemoryTransport(server);
    const client = createClient(transport);
    const first: ProgressNotificationParams[] = [];
    const second: ProgressNotificationParams[] = [];

    await client.callTool('slow', {}, { onProgress: (progress) => first.push(progress) });
    await client.callTool('slow', {}, { onProgress: (progress) => second.push(progress) });
    await client.callTool('slow');

    const tokens = transport.sent.map((request) => metaOf(request)[MetaKey.ProgressToken]);
    expect(tokens[0]).toEqual(expect.any(String));
    expect(tokens[1]).toEqual(expect.any(String));
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens[2]).toBeUndefined();
    expect(first).toEqual([
      { progressToken: tokens[0], progress: 1, total: 2, message: 'half way' },
      { progressToken: tokens[0], progress: 2, total: 2 },
    ]);
    expect(second.map((progress) => progress.progressToken)).toEqual([tokens[1], tokens[1]]);
  });

  it('passes extra _meta keys (traceparent) without letting them override the required ones', async () => {
    const transport = new InMemoryTransport(createCatalogServer());
    const client = createClient(transport);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await client.callTool('echo', { text: 'x' }, { meta: { traceparent, [MetaKey.ProtocolVersion]: '1999-01-01' } });
    expect(metaOf(transport.sent[0]!)).toMatchObject({ traceparent, [MetaKey.ProtocolVersion]: LATEST_PROTOCOL_VERSION });
  });

  it('ignores progress for another token', async () => {
    const transport = new ScriptedTransport((request, options) => {
      options.onNotification?.({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'someone-else', progress: 1 } });
      const token = metaOf(request)[MetaKey.ProgressToken];
      options.onNotification?.({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: 5 } });
      return resultFor(request, { resultType: 'complete', content: [] });
    });
    const progress: ProgressNotificationParams[] = [];
    await createClient(transport).callTool('t', {}, { onProgress: (event) => progress.push(event) });
    expect(progress.map((event) => event.progress)).toEqual([5]);
  });
});

describe('McpClient resultType handling', () => {
  it('treats a result without resultType as complete (requirements.md #9)', async () => {
    const transport = new ScriptedTransport((request) =>
      request.method === 'tools/list'
        ? resultFor(request, { tools: [{ name: 'old', inputSchema: { type: 'object' } }], ttlMs: 0, cacheScope: 'public' })
        : resultFor(request, { content: [{ type: 'text', text: 'from an older server' }] }),
    );
    const client = createClient(transport);
    const page = await client.listTools();
    expect(page.tools.map((tool) => tool.name)).toEqual(['old']);
    expect(page.resultType).toBe('complete');
    const result = await client.callTool('old');
    expect(result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'from an older server' }] });
    expect(transport.requests).toHaveLength(2);
  });

  it('rejects an unknown resultType with SdkError INVALID_RESULT (requirements.md #8)', async () => {
    const transport = new ScriptedTransport((request) =>
      resultFor(request, { resultType: 'task', taskId: 't-1', tools: [], content: [], ttlMs: 0, cacheScope: 'public' }),
    );
    const client = createClient(transport);
    for (const call of [client.callTool('t'), client.listTools(), client.getPrompt('p')]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(SdkError);
      expect(error).toMatchObject({ code: 'INVALID_RESULT' });
      expect((error as Error).message).toContain('"task"');
    }
    // An invalid result is never retried.
    expect(transport.requests).toHaveLength(3);
  });

  it('rejects input_required on a method that may not ask for input (requirements.md #55)', async () => {
    const inputRequired = {
      resultType: 'input_required',
      inputRequests: { q: { method: 'roots/list' } },
      requestState: 'state',
    };
    const transport = new ScriptedTransport((request) => resultFor(request, inputRequired));
    let handlerCalls = 0;
    const client = createClient(transport, { handlers: { listRoots: () => (handlerCalls += 1, []) } });
    for (const call of [
      client.listTools(),
      client.listPrompts(),
      client.listResources(),
      client.listResourceTemplates(),
      client.discover(),
      client.complete({ ref: { type: 'ref/prompt', name: 'p' }, argument: { name: 'a', value: '' } }),
    ]) {
      await expect(call).rejects.toMatchObject({ name: 'SdkError', code: 'INVALID_RESULT' });
    }
    expect(handlerCalls).toBe(0);
    expect(transport.requests).toHaveLength(6);
  });

  it('rejects an input_required result that carries neither inputRequests nor requestState (requirements.md #62)', async () => {
    const transport = new ScriptedTransport((request) => resultFor(request, { resultType: 'input_required' }));
    await expect(createClient(transport).callTool('t')).rejects.toMatchObject({ name: 'SdkError', code: 'INVALID_RESULT' });
    expect(transport.requests).toHaveLength(1);
  });

  it('rejects a complete result that breaks the method result schema with INVALID_RESULT', async () => {
    const transport = new ScriptedTransport((request) => resultFor(request, { resultType: 'complete', tools: 'not a list', ttlMs: 0, cacheScope: 'public' }));
    await expect(createClient(transport).listTools()).rejects.toMatchObject({ name: 'SdkError', code: 'INVALID_RESULT' });
  });
});

describe('McpClient.readResource not found', () => {
  it('turns -32602 with data.uri from a 2026 server into ResourceNotFoundError (requirements.md #168)', async () => {
    const client = createClient(new InMemoryTransport(createCatalogServer()));
    const error = await rejectionOf(client.readResource('file:///docs/missing.txt'));
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect(error).toMatchObject({ code: -32602, data: { uri: 'file:///docs/missing.txt' } });
  });

  it('turns the legacy -32002 of an older server into ResourceNotFoundError (requirements.md #16)', async () => {
    const transport = new ScriptedTransport((request) => errorFor(request, { code: -32002, message: 'Resource not found' }));
    const error = await rejectionOf(createClient(transport).readResource('file:///old.txt'));
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect(error).toMatchObject({ code: -32602, data: { uri: 'file:///old.txt' } });
  });

  it('keeps any other -32602 a plain JsonRpcError', async () => {
    const transport = new ScriptedTransport((request) =>
      errorFor(request, { code: -32602, message: 'Invalid params', data: { uri: 'file:///another.txt' } }),
    );
    const error = await rejectionOf(createClient(transport).readResource('file:///asked.txt'));
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).not.toBeInstanceOf(ResourceNotFoundError);
    expect(error).toMatchObject({ code: -32602 });
  });
});

describe('McpClient on a header-mirroring transport', () => {
  const badTool = {
    name: 'bad',
    inputSchema: { type: 'object', properties: { ratio: { type: 'number', 'x-mcp-header': 'Ratio' } } },
  };
  const goodTool = {
    name: 'good',
    inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } },
  };

  function headerTransport(mirrorsToolHeaders: boolean): ScriptedTransport {
    return new ScriptedTransport(
      (request: JsonRpcRequest) =>
        request.method === 'tools/list'
          ? resultFor(request, toolsPage([badTool, goodTool]))
          : resultFor(request, { resultType: 'complete', content: [{ type: 'text', text: 'ok' }] }),
      { mirrorsToolHeaders },
    );
  }

  it('drops a tool with invalid x-mcp-header annotations and warns, naming tool and reason (requirements.md #124)', async () => {
    const warnings: string[] = [];
    const client = createClient(headerTransport(true), { onWarning: (message) => warnings.push(message) });
    const page = await client.listTools();
    expect(page.tools.map((tool) => tool.name)).toEqual(['good']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"bad"');
    expect(warnings[0]).toMatch(/number/);
  });

  it('refuses to call a dropped tool with SdkError INVALID_TOOL_DEFINITION, sending nothing', async () => {
    const transport = headerTransport(true);
    const client = createClient(transport, { onWarning: () => undefined });
    await client.listTools();
    const error = await rejectionOf(client.callTool('bad', { ratio: 0.5 }));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'INVALID_TOOL_DEFINITION', data: { tool: 'bad' } });
    expect(transport.requestsFor('tools/call')).toHaveLength(0);
  });

  it('hands the header parameters of a listed tool to the transport (requirements.md #122, #128)', async () => {
    const transport = headerTransport(true);
    const client = createClient(transport, { onWarning: () => undefined });
    await client.listTools();
    await client.callTool('good', { region: 'eu-west' });
    expect(transport.sendOptions.at(-1)?.headerParams).toEqual([{ header: 'Region', path: ['region'], type: 'string' }]);
  });

  it('keeps every tool on a transport that does not mirror headers', async () => {
    const warnings: string[] = [];
    const transport = headerTransport(false);
    const client = createClient(transport, { onWarning: (message) => warnings.push(message) });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['bad', 'good']);
    await client.callTool('bad', { ratio: 0.5 });
    expect(warnings).toEqual([]);
    expect(transport.sendOptions.at(-1)).not.toHaveProperty('headerParams');
  });

  it('keeps a valid annotated tool of a real server on a mirroring InMemoryTransport', async () => {
    const server = createTestServer();
    server.registerTool('deploy', { inputSchema: goodTool.inputSchema }, () => 'deployed');
    const client = createClient(new InMemoryTransport(server, { mirrorsToolHeaders: true }));
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['deploy']);
    expect((await client.callTool('deploy', { region: 'eu' })).content).toEqual([{ type: 'text', text: 'deployed' }]);
  });
});
