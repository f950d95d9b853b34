import { InvalidParamsError } from '@tern/jsonrpc';
import type { McpServer } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ACCEPT_BOTH,
  LegacyClient,
  SseReader,
  sleep,
  startServer,
} from './helpers/legacy-client.js';
import type { TestServer } from './helpers/legacy-client.js';

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
};

let onceRuns = 0;
let cancelledSeen = false;

/** One handler code for both eras: it asks with ctx.elicit, ctx.sample and ctx.listRoots. */
function register(server: McpServer): void {
  server.registerTool('confirm', { description: 'Asks for confirmation.' }, async (_args, ctx) => {
    await ctx.once('side-effect', () => {
      onceRuns += 1;
    });
    const answer = await ctx.elicit('Confirm?', z.object({ ok: z.boolean() }));
    return answer.action === 'accept' ? `ok=${String(answer.content.ok)}` : answer.action;
  });
  server.registerTool(
    'visit',
    { description: 'Asks the user to open a URL.' },
    async (_args, ctx) => {
      const answer = await ctx.elicitUrl('Sign in', 'https://example.com/login');
      return answer.action;
    },
  );
  server.registerTool('sample', { description: 'Samples once.' }, async (_args, ctx) => {
    const reply = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }],
      maxTokens: 5,
    });
    return `model ${reply.model}`;
  });
  server.registerTool('roots', { description: 'Lists roots.' }, async (_args, ctx) => {
    const roots = await ctx.listRoots();
    return roots.map((root) => root.uri).join(',');
  });
  server.registerTool(
    'slow-ask',
    { description: 'Asks, then notices cancellation.' },
    async (_args, ctx) => {
      ctx.signal.addEventListener('abort', () => (cancelledSeen = true));
      await ctx.elicit('Still there?', z.object({ ok: z.boolean() }));
      return 'answered';
    },
  );
  server.registerTool(
    'manual',
    { description: 'Manages its own state.', requestState: 'manual' },
    (_args, ctx) => {
      const answer = ctx.input.inputResponses?.['name'] as
        { action: string; content?: { name: string } } | undefined;
      if (answer === undefined) {
        return {
          resultType: 'input_required',
          inputRequests: {
            name: {
              method: 'elicitation/create',
              params: {
                mode: 'form',
                message: 'Name?',
                requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
              },
            },
          },
          requestState: 'round-1',
        };
      }
      if (ctx.input.requestState !== 'round-1') throw new InvalidParamsError('lost state');
      return `hello ${answer.content?.name ?? '?'}`;
    },
  );
}

let subject: TestServer | undefined;
afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

async function start(legacy: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  onceRuns = 0;
  cancelledSeen = false;
  subject = await startServer(register, legacy);
  return subject;
}

/** Calls a tool and returns the reader of its SSE answer. */
async function callStreaming(
  client: LegacyClient,
  name: string,
): Promise<{ id: number; reader: SseReader }> {
  const { id, response } = await client.send('tools/call', { name, arguments: {} });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return { id, reader: new SseReader(response) };
}

describe('LegacyInputChannel', () => {
  it('turns ctx.elicit into a real elicitation/create on the POST stream and resolves with the POSTed answer', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'confirm');
    const priming = await reader.next();
    expect(priming).toMatchObject({ data: '', retry: 1000 });
    expect(priming?.id).toMatch(/^\d+-0$/);
    const ask = await reader.message();
    expect(ask).toMatchObject({
      jsonrpc: '2.0',
      method: 'elicitation/create',
      params: {
        mode: 'form',
        message: 'Confirm?',
        requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      },
    });
    expect(typeof ask.id).toBe('number');
    const answered = await client.answer(ask.id, { action: 'accept', content: { ok: true } });
    expect(answered.status).toBe(202);
    expect(await reader.message()).toEqual({
      jsonrpc: '2.0',
      id,
      result: { content: [{ type: 'text', text: 'ok=true' }] },
    });
    expect(await reader.next()).toBeUndefined();
    expect(onceRuns).toBe(1);
  });

  it('runs the same handler for a modern client through MRTR', async () => {
    const { url } = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: ACCEPT_BOTH,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'confirm',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { _meta: MODERN_META, name: 'confirm' },
      }),
    });
    const body = (await response.json()) as {
      result: { resultType: string; inputRequests: Record<string, { method: string }> };
    };
    expect(body.result.resultType).toBe('input_required');
    // The key is derived from the question (docs/mrtr.md): one elicitation, under an elicitation key.
    const asks = Object.entries(body.result.inputRequests);
    expect(asks).toHaveLength(1);
    expect(asks[0]?.[0]).toMatch(/^elicitation-[\w-]{10}$/);
    expect(asks[0]?.[1].method).toBe('elicitation/create');
  });

  it('leaves out mode for a 2025-06-18 client', async () => {
    const { url } = await start();
    const client = new LegacyClient(url, '2025-06-18');
    await client.connect();
    const { reader } = await callStreaming(client, 'confirm');
    const ask = await reader.message();
    expect(ask['method']).toBe('elicitation/create');
    expect(ask['params']).not.toHaveProperty('mode');
    await client.answer(ask.id, { action: 'decline' });
    expect(await reader.message()).toMatchObject({
      result: { content: [{ type: 'text', text: 'decline' }] },
    });
  });

  it('adds an elicitationId to URL elicitation in 2025-11-25', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect({ elicitation: { url: {} } });
    const { reader } = await callStreaming(client, 'visit');
    const ask = await reader.message();
    expect(ask['params']).toMatchObject({
      mode: 'url',
      url: 'https://example.com/login',
      elicitationId: expect.any(String),
    });
    await client.answer(ask.id, { action: 'accept' });
    expect(await reader.message()).toMatchObject({ result: { content: [{ text: 'accept' }] } });
  });

  it('refuses an ask the session did not declare, without sending a request, as that revision would', async () => {
    const { url } = await start();
    const client = new LegacyClient(url, '2025-06-18');
    await client.connect({ elicitation: {} });
    // 2025-06-18 had no URL elicitation, so the capability cannot be declared. -32021 exists only
    // in 2026-07-28: the tool answers with an isError result instead (legacy-response.ts).
    const response = await client.request('tools/call', { name: 'visit' });
    expect(response['error']).toBeUndefined();
    expect(response['result']).toMatchObject({ isError: true });
  });

  it('asks again when the content breaks the schema, then fails with -32602', async () => {
    const { url } = await start({ legacy: { maxAskAttempts: 2 } });
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'confirm');
    const first = await reader.message();
    await client.answer(first.id, { action: 'accept', content: { ok: 'yes' } });
    const second = await reader.message();
    expect(second).toMatchObject({ method: 'elicitation/create' });
    expect(second.id).not.toBe(first.id);
    await client.answer(second.id, { action: 'accept', content: { ok: 'still no' } });
    expect(await reader.message()).toMatchObject({ id, error: { code: -32602 } });
  });

  it('sends sampling/createMessage and roots/list and uses the answers', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const sampling = await callStreaming(client, 'sample');
    const ask = await sampling.reader.message();
    expect(ask).toMatchObject({ method: 'sampling/createMessage', params: { maxTokens: 5 } });
    await client.answer(ask.id, {
      role: 'assistant',
      content: { type: 'text', text: 'yo' },
      model: 'm-1',
    });
    expect(await sampling.reader.message()).toMatchObject({
      result: { content: [{ text: 'model m-1' }] },
    });

    const roots = await callStreaming(client, 'roots');
    const list = await roots.reader.message();
    expect(list['method']).toBe('roots/list');
    await client.answer(list.id, { roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }] });
    expect(await roots.reader.message()).toMatchObject({
      result: { content: [{ text: 'file:///a,file:///b' }] },
    });
  });

  it('passes a JSON-RPC error answer on to the handler', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'confirm');
    const ask = await reader.message();
    await client.post({
      jsonrpc: '2.0',
      id: ask.id,
      error: { code: -32602, message: 'form mode not supported' },
    });
    expect(await reader.message()).toMatchObject({
      id,
      error: { code: -32602, message: 'form mode not supported' },
    });
  });

  it('cancels on notifications/cancelled: the handler sees its signal abort, no response is sent, and a late answer is ignored with 202', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'slow-ask');
    const ask = await reader.message();
    const cancel = await client.post({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: id, reason: 'user gave up' },
    });
    expect(cancel.status).toBe(202);
    // The client is told the server stopped waiting for its answer; then the stream ends without a response.
    expect(await reader.message()).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: ask.id, reason: 'The request that asked was cancelled' },
    });
    expect(await reader.rest()).toEqual([]);
    expect(cancelledSeen).toBe(true);
    const late = await client.answer(ask.id, { action: 'accept', content: { ok: true } });
    expect(late.status).toBe(202);
    expect((await client.request('ping'))['result']).toEqual({});
  });

  it('treats a dropped connection as no cancellation: the answer still completes the request', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'confirm');
    const priming = await reader.next();
    const ask = await reader.message();
    await reader.cancel();
    await sleep(20);
    expect((await client.answer(ask.id, { action: 'accept', content: { ok: false } })).status).toBe(
      202,
    );
    const resumed = await client.get(priming?.id);
    const events = await new SseReader(resumed).rest();
    const messages = events
      .filter((event) => event.data !== '')
      .map((event) => JSON.parse(event.data) as { id?: unknown });
    expect(messages.at(-1)).toEqual({
      jsonrpc: '2.0',
      id,
      result: { content: [{ type: 'text', text: 'ok=false' }] },
    });
    expect(onceRuns).toBe(1);
  });

  it('gives up after askTimeoutMs and tells the client with notifications/cancelled', async () => {
    const { url } = await start({ legacy: { askTimeoutMs: 50 } });
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'confirm');
    const ask = await reader.message();
    expect(await reader.message()).toMatchObject({
      method: 'notifications/cancelled',
      params: { requestId: ask.id },
    });
    // The ask failed with a local timeout: the tool call fails (as a tool error or -32603).
    const final = await reader.message();
    expect(final.id).toBe(id);
    expect(final['error'] ?? (final['result'] as { isError?: boolean }).isError).toBeTruthy();
    expect((await client.answer(ask.id, { action: 'accept', content: { ok: true } })).status).toBe(
      202,
    );
  });

  it('bridges a manual-state handler: its input requests become real requests, never input_required', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, reader } = await callStreaming(client, 'manual');
    const ask = await reader.message();
    expect(ask).toMatchObject({ method: 'elicitation/create', params: { message: 'Name?' } });
    await client.answer(ask.id, { action: 'accept', content: { name: 'Ada' } });
    expect(await reader.message()).toEqual({
      jsonrpc: '2.0',
      id,
      result: { content: [{ type: 'text', text: 'hello Ada' }] },
    });
  });

  it('aborts running requests when the session is deleted', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { reader } = await callStreaming(client, 'slow-ask');
    await reader.message();
    expect((await client.delete()).status).toBe(200);
    await reader.rest();
    expect(cancelledSeen).toBe(true);
  });
});
