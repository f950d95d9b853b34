import { JsonRpcError } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { InputRequests } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capabilitiesFor, McpClient, SdkError } from '../../src/index.js';
import type { ElicitFormHandler, InputHandlers, McpServer } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { metaOf, paramsOf, resultFor, ScriptedTransport } from './helpers/scripted-transport.js';
import { createTestServer, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

const noop = {
  elicitForm: (() => ({ action: 'decline' })) satisfies ElicitFormHandler,
  elicitUrl: () => ({ action: 'decline' as const }),
  sample: () => ({ role: 'assistant' as const, content: { type: 'text' as const, text: '' }, model: 'm' }),
  listRoots: () => [],
};

function createAskingServer(): McpServer {
  const server = createTestServer();
  server.registerTool('confirm', { inputSchema: z.object({ item: z.string() }) }, async ({ item }, ctx) => {
    const answer = await ctx.elicit(`Buy ${item}?`, z.object({ nights: z.number().int().min(1) }), { key: 'elicitation-1' });
    return answer.action === 'accept' ? `${item}: ${answer.content.nights}` : `${item}: ${answer.action}`;
  });
  server.registerTool('link', {}, async (_args, ctx) => {
    const answer = await ctx.elicitUrl('Connect your account', 'https://example.com/connect?txn=1');
    return `link: ${answer.action}`;
  });
  server.registerTool('summarize', {}, async (_args, ctx) => {
    const summary = await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Sum up' } }], maxTokens: 5 });
    return summary.model;
  });
  server.registerTool('where', {}, async (_args, ctx) => (await ctx.listRoots()).map((root) => root.uri).join(','));
  server.registerTool('both', {}, async (_args, ctx) => {
    const [summary, roots] = await Promise.all([
      ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Sum up' } }], maxTokens: 5 }),
      ctx.listRoots(),
    ]);
    return `${summary.model} ${roots.length}`;
  });
  return server;
}

function textOf(result: { content: unknown[] }): string {
  return (result.content[0] as { text: string }).text;
}

describe('capabilitiesFor', () => {
  it('claims nothing without handlers (requirements.md #210, #234, #244)', () => {
    expect(capabilitiesFor({})).toEqual({});
    // Sampling options alone do not claim sampling: there is nobody to answer.
    expect(capabilitiesFor({}, { tools: true, context: true })).toEqual({});
  });

  it('claims form elicitation for a form handler only (requirements.md #211)', () => {
    expect(capabilitiesFor({ elicitForm: noop.elicitForm })).toEqual({ elicitation: { form: {} } });
  });

  it('claims URL elicitation for a URL handler, and both modes for both', () => {
    expect(capabilitiesFor({ elicitUrl: noop.elicitUrl })).toEqual({ elicitation: { url: {} } });
    expect(capabilitiesFor({ elicitForm: noop.elicitForm, elicitUrl: noop.elicitUrl })).toEqual({ elicitation: { form: {}, url: {} } });
  });

  it('claims sampling, with tools and context only when asked to (requirements.md #233, #234)', () => {
    expect(capabilitiesFor({ sample: noop.sample })).toEqual({ sampling: {} });
    expect(capabilitiesFor({ sample: noop.sample }, { tools: true })).toEqual({ sampling: { tools: {} } });
    expect(capabilitiesFor({ sample: noop.sample }, { context: true })).toEqual({ sampling: { context: {} } });
    expect(capabilitiesFor({ sample: noop.sample }, { tools: true, context: true })).toEqual({ sampling: { tools: {}, context: {} } });
    expect(capabilitiesFor({ sample: noop.sample }, { tools: false })).toEqual({ sampling: {} });
  });

  it('claims roots for a roots handler (requirements.md #244)', () => {
    expect(capabilitiesFor({ listRoots: noop.listRoots })).toEqual({ roots: {} });
  });

  it('adds experimental and extension capabilities as given', () => {
    const handlers: InputHandlers = { listRoots: noop.listRoots };
    expect(capabilitiesFor(handlers, {}, { extensions: { 'com.example/x': {} }, experimental: { beta: {} } })).toEqual({
      roots: {},
      extensions: { 'com.example/x': {} },
      experimental: { beta: {} },
    });
  });
});

describe('McpClient capabilities on the wire', () => {
  it('declares exactly what its handlers back on every request', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: noop.elicitForm, sample: noop.sample },
      sampling: { tools: true },
      capabilities: { extensions: { 'com.example/x': {} } },
    });
    expect(client.capabilities).toEqual({ elicitation: { form: {} }, sampling: { tools: {} }, extensions: { 'com.example/x': {} } });
    await client.callTool('summarize');
    await client.listTools();
    expect(transport.sent).toHaveLength(3);
    for (const request of transport.sent) {
      expect(metaOf(request)[MetaKey.ClientCapabilities]).toEqual(client.capabilities);
    }
  });

  it('claims no elicitation without an elicitation handler, so the server refuses with -32021 (requirements.md #210, #38)', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const client = new McpClient(CLIENT_INFO, { transport, handlers: { listRoots: noop.listRoots } });
    const error = await rejectionOf(client.callTool('confirm', { item: 'tea' }));
    expect(metaOf(transport.sent[0]!)[MetaKey.ClientCapabilities]).toEqual({ roots: {} });
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: { form: {} } } } });
  });

  it('claims no URL mode with a form handler only (requirements.md #211)', async () => {
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createAskingServer()),
      handlers: { elicitForm: noop.elicitForm },
    });
    await expect(client.callTool('link')).rejects.toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: { url: {} } } } });
  });
});

describe('McpClient input handlers', () => {
  it('answers a URL elicitation with the URL handler', async () => {
    const seen: unknown[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createAskingServer()),
      handlers: {
        elicitUrl: (params) => {
          seen.push(params);
          return { action: 'accept' };
        },
      },
    });
    expect(textOf(await client.callTool('link'))).toBe('link: accept');
    expect(seen).toEqual([{ mode: 'url', message: 'Connect your account', url: 'https://example.com/connect?txn=1' }]);
  });

  it('answers cancel when the elicitation handler throws, and the server sees cancel (requirements.md #223)', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        elicitForm: () => {
          throw new TypeError('the dialog crashed');
        },
        elicitUrl: () => Promise.reject(new TypeError('no browser')),
      },
    });
    expect(textOf(await client.callTool('confirm', { item: 'tea' }))).toBe('tea: cancel');
    expect(paramsOf(transport.sent[1]!)['inputResponses']).toEqual({ 'elicitation-1': { action: 'cancel' } });
    expect(textOf(await client.callTool('link'))).toBe('link: cancel');
  });

  it('passes a decline through without checking content against the schema', async () => {
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createAskingServer()),
      handlers: { elicitForm: () => ({ action: 'decline' }) },
    });
    expect(textOf(await client.callTool('confirm', { item: 'tea' }))).toBe('tea: decline');
  });

  it('ends the conversation with SdkError INPUT_HANDLER_FAILED when the sampling handler throws, without a retry', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const failure = new TypeError('model unavailable');
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        sample: () => {
          throw failure;
        },
      },
    });
    const error = await rejectionOf(client.callTool('summarize'));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'INPUT_HANDLER_FAILED' });
    expect((error as Error).cause).toBe(failure);
    expect(transport.sent).toHaveLength(1);
  });

  it('ends with INPUT_HANDLER_FAILED when the roots handler rejects', async () => {
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createAskingServer()),
      handlers: { listRoots: () => Promise.reject(new TypeError('disk gone')) },
    });
    await expect(client.callTool('where')).rejects.toMatchObject({ name: 'SdkError', code: 'INPUT_HANDLER_FAILED' });
  });

  it('fails at once when one handler of a round fails, even while another never answers', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        sample: () => Promise.reject(new TypeError('model unavailable')),
        listRoots: () => new Promise(() => undefined),
      },
    });
    const started = Date.now();
    await expect(client.callTool('both')).rejects.toMatchObject({ code: 'INPUT_HANDLER_FAILED' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(transport.sent).toHaveLength(1);
  });

  it('fails with SdkError INPUT_HANDLER_FAILED when a form answer breaks the requested schema (requirements.md #229)', async () => {
    const transport = new InMemoryTransport(createAskingServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: () => ({ action: 'accept', content: { nights: 'three' } }) },
    });
    const error = await rejectionOf(client.callTool('confirm', { item: 'tea' }));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'INPUT_HANDLER_FAILED' });
    expect((error as Error).message).toContain('requested schema');
    expect(transport.sent).toHaveLength(1);
  });

  it('sends a form answer that fits the schema', async () => {
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createAskingServer()),
      handlers: { elicitForm: () => ({ action: 'accept', content: { nights: 4 } }) },
    });
    expect(textOf(await client.callTool('confirm', { item: 'tea' }))).toBe('tea: 4');
  });
});

describe('McpClient input requests it cannot answer', () => {
  function askingTransport(inputRequests: InputRequests): ScriptedTransport {
    return new ScriptedTransport((request) =>
      request.params?.['inputResponses'] === undefined
        ? resultFor(request, { resultType: 'input_required', inputRequests, requestState: 's' })
        : resultFor(request, { resultType: 'complete', content: [{ type: 'text', text: JSON.stringify(request.params['inputResponses']) }] }),
    );
  }

  it('ends with SdkError INVALID_RESULT when the server asks for a capability the client did not declare (requirements.md #63)', async () => {
    const transport = askingTransport({
      s: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 1 } },
    });
    const client = new McpClient(CLIENT_INFO, { transport, handlers: { elicitForm: noop.elicitForm } });
    const error = await rejectionOf(client.callTool('t'));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'INVALID_RESULT', message: 'The server asked for sampling, which this client did not declare' });
    expect(transport.requests).toHaveLength(1);
  });

  it('refuses tool-enabled sampling when sampling.tools was not declared (requirements.md #256)', async () => {
    const transport = askingTransport({
      s: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 1, tools: [] } },
    });
    let called = false;
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { sample: () => ((called = true), { role: 'assistant', content: { type: 'text', text: 'x' }, model: 'm' }) },
    });
    await expect(client.callTool('t')).rejects.toMatchObject({ code: 'INVALID_RESULT', message: expect.stringContaining('tool-enabled sampling') });
    expect(called).toBe(false);
  });

  it('ends with NO_INPUT_HANDLER when a capability was declared by hand but no handler answers', async () => {
    const transport = askingTransport({
      s: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 1 } },
    });
    const client = new McpClient(CLIENT_INFO, { transport, capabilities: { sampling: {} } });
    await expect(client.callTool('t')).rejects.toMatchObject({ name: 'SdkError', code: 'NO_INPUT_HANDLER' });
    expect(transport.requests).toHaveLength(1);
  });

  it('ends with INVALID_RESULT for a URL elicitation when only form elicitation is declared', async () => {
    const transport = askingTransport({
      u: { method: 'elicitation/create', params: { mode: 'url', message: 'Open', url: 'https://example.com' } },
    });
    const client = new McpClient(CLIENT_INFO, { transport, handlers: { elicitForm: noop.elicitForm } });
    await expect(client.callTool('t')).rejects.toMatchObject({ name: 'SdkError', code: 'INVALID_RESULT' });
  });

  it('treats an elicitation without mode as a form (requirements.md #214)', async () => {
    const transport = askingTransport({
      f: { method: 'elicitation/create', params: { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } } },
    });
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: () => ({ action: 'accept', content: { name: 'Ada' } }) },
    });
    const result = await client.callTool('t');
    expect(JSON.parse(textOf(result))).toEqual({ f: { action: 'accept', content: { name: 'Ada' } } });
  });
});

describe('TransportSendOptions.answerInputRequest', () => {
  it('answers a server-to-client request of a legacy session with the same handlers as MRTR', async () => {
    let answered: unknown;
    const transport = new ScriptedTransport(async (request, options) => {
      answered = await options.answerInputRequest?.({
        method: 'elicitation/create',
        params: { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } },
      });
      return resultFor(request, { resultType: 'complete', content: [] });
    });
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: () => ({ action: 'accept', content: { name: 'Ada' } }) },
    });
    await client.callTool('t');
    expect(answered).toEqual({ action: 'accept', content: { name: 'Ada' } });
  });

  it('refuses a request for a capability the client did not declare (requirements.md #63)', async () => {
    const transport = new ScriptedTransport(async (request, options) => {
      await options.answerInputRequest?.({ method: 'roots/list' });
      return resultFor(request, { resultType: 'complete', content: [] });
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    await expect(client.callTool('t')).rejects.toMatchObject({ code: 'INVALID_RESULT' });
  });
});
