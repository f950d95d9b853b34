import type { InputResponses } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isPendingConversation, McpClient, SdkError } from '../../src/index.js';
import type { ConversationStep, McpServer, PendingConversation } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { paramsOf } from './helpers/scripted-transport.js';
import { createTestServer, RecordingTransport, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

function createDeskServer(): McpServer {
  const server = createTestServer();
  server.registerTool('book', { inputSchema: z.object({ city: z.string() }) }, async ({ city }, ctx) => {
    const dates = await ctx.elicit(`Dates in ${city}?`, z.object({ nights: z.number().int() }), { key: 'elicitation-1' });
    const sure = await ctx.elicit('Confirm?', z.object({ ok: z.boolean() }), { key: 'elicitation-2' });
    const nights = dates.action === 'accept' ? dates.content.nights : 0;
    const ok = sure.action === 'accept' && sure.content.ok;
    return `${city}: ${nights} nights, ${ok ? 'booked' : 'not booked'}`;
  });
  server.registerTool('nag', {}, async (_args, ctx) => {
    for (let question = 1; ; question += 1) await ctx.elicit(`Question ${question}?`, z.object({ ok: z.boolean() }), { key: `elicitation-${question}` });
  });
  server.registerTool('plain', {}, () => 'no questions');
  server.registerTool('manual', { requestState: 'manual' }, (_args, ctx) =>
    ctx.input.inputResponses === undefined
      ? { resultType: 'input_required' as const, inputRequests: { where: { method: 'roots/list' as const } } }
      : `roots: ${JSON.stringify(ctx.input.inputResponses)} state: ${String(ctx.input.requestState)}`,
  );
  server.registerPrompt('brief', { arguments: z.object({ topic: z.string() }) }, async ({ topic }, ctx) => {
    const tone = await ctx.elicit('Tone?', z.object({ tone: z.string() }), { key: 'elicitation-1' });
    return { messages: [{ role: 'user', content: { type: 'text', text: `${tone.action === 'accept' ? tone.content.tone : 'plain'} ${topic}` } }] };
  });
  return server;
}

function pendingOf(step: ConversationStep<Record<string, unknown>>): PendingConversation {
  if (step.status !== 'input_required') throw new TypeError(`Expected input_required, got ${step.status}`);
  return step.pending;
}

function completeOf(step: ConversationStep<Record<string, unknown>>): Record<string, unknown> {
  if (step.status !== 'complete') throw new TypeError(`Expected complete, got ${step.status}`);
  return step.result;
}

/**
 * A client that answers by hand. Capabilities are derived from handlers only, so it registers
 * handlers to declare elicitation and roots; they throw, which shows manual mode never calls them.
 */
function manualClient(transport: InMemoryTransport | RecordingTransport, options: { maxRounds?: number } = {}): McpClient {
  const byHand = (): never => {
    throw new TypeError('manual conversations are answered by hand');
  };
  return new McpClient(CLIENT_INFO, { transport, ...options, handlers: { elicitForm: byHand, listRoots: byHand } });
}

/** What a storage round trip does to a value. */
function stored<TValue>(value: TValue): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function accept(pending: PendingConversation, content: Record<string, unknown>): InputResponses {
  const [key] = Object.keys(pending.inputRequests);
  return { [key!]: { action: 'accept', content } } as InputResponses;
}

describe('McpClient manual conversations', () => {
  it('returns a PendingConversation as plain JSON that survives storage', async () => {
    const transport = new RecordingTransport(new InMemoryTransport(createDeskServer()));
    const client = manualClient(transport);
    const pending = pendingOf(await client.startConversation('tools/call', { name: 'book', arguments: { city: 'Oslo' } }));

    expect(pending).toEqual({
      v: 1,
      method: 'tools/call',
      params: { name: 'book', arguments: { city: 'Oslo' } },
      round: 1,
      inputRequests: {
        'elicitation-1': { method: 'elicitation/create', params: expect.objectContaining({ message: 'Dates in Oslo?' }) },
      },
      requestState: transport.results[0]!['requestState'],
    });
    const restored = stored(pending);
    expect(restored).toEqual(pending);
    expect(isPendingConversation(restored)).toBe(true);
  });

  it('completes a stored conversation in a fresh client with a new transport to the same server', async () => {
    const server = createDeskServer();
    const first = manualClient(new InMemoryTransport(server));
    const saved = JSON.stringify(pendingOf(await first.startConversation('tools/call', { name: 'book', arguments: { city: 'Oslo' } })));

    // Later, in another process: nothing but the stored JSON and the server address.
    const loaded: unknown = JSON.parse(saved);
    if (!isPendingConversation(loaded)) throw new TypeError('corrupt pending conversation');
    const transport = new InMemoryTransport(server);
    const resumed = manualClient(transport);
    const second = pendingOf(await resumed.continueConversation(loaded, accept(loaded, { nights: 3 })));
    expect(second.round).toBe(2);
    expect(Object.keys(second.inputRequests)).toEqual(['elicitation-2']);

    const again = manualClient(new InMemoryTransport(server));
    const done = completeOf(await again.continueConversation(stored(second) as PendingConversation, accept(second, { ok: true })));
    expect(done['content']).toEqual([{ type: 'text', text: 'Oslo: 3 nights, booked' }]);

    // The retry repeated the original params with the answers and the state echoed (requirements.md #66).
    expect(paramsOf(transport.sent[0]!)).toEqual({
      name: 'book',
      arguments: { city: 'Oslo' },
      inputResponses: { 'elicitation-1': { action: 'accept', content: { nights: 3 } } },
      requestState: loaded.requestState,
    });
  });

  it('returns the result at once when the server needs nothing', async () => {
    const client = manualClient(new InMemoryTransport(createDeskServer()));
    const result = completeOf(await client.startConversation('tools/call', { name: 'plain', arguments: {} }));
    expect(result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'no questions' }] });
  });

  it('leaves requestState out of the pending conversation and the retry when the server sent none (requirements.md #66)', async () => {
    const transport = new InMemoryTransport(createDeskServer());
    const client = manualClient(transport);
    const pending = pendingOf(await client.startConversation('tools/call', { name: 'manual', arguments: {} }));
    expect(pending).not.toHaveProperty('requestState');
    expect(stored(pending)).toEqual(pending);

    const done = completeOf(await client.continueConversation(pending, { where: { roots: [] } }));
    expect(done['content']).toEqual([{ type: 'text', text: 'roots: {"where":{"roots":[]}} state: undefined' }]);
    expect(paramsOf(transport.sent[1]!)).toEqual({ name: 'manual', arguments: {}, inputResponses: { where: { roots: [] } } });
    expect(transport.sent[1]!.id).not.toBe(transport.sent[0]!.id);
  });

  it('drives prompts/get by hand too', async () => {
    const server = createDeskServer();
    const client = manualClient(new InMemoryTransport(server));
    const pending = pendingOf(await client.startConversation('prompts/get', { name: 'brief', arguments: { topic: 'rates' } }));
    expect(pending.method).toBe('prompts/get');
    const fresh = manualClient(new InMemoryTransport(server));
    const done = completeOf(await fresh.continueConversation(pending, accept(pending, { tone: 'formal' })));
    expect(done['messages']).toEqual([{ role: 'user', content: { type: 'text', text: 'formal rates' } }]);
  });

  it('allows as many answered rounds as the automatic loop, then throws ROUND_LIMIT_EXCEEDED', async () => {
    const server = createDeskServer();
    const automatic = new InMemoryTransport(server);
    const auto = new McpClient(CLIENT_INFO, {
      transport: automatic,
      maxRounds: 2,
      handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) },
    });
    await expect(auto.callTool('nag')).rejects.toMatchObject({ code: 'ROUND_LIMIT_EXCEEDED' });

    const manual = new InMemoryTransport(server);
    const client = manualClient(manual, { maxRounds: 2 });
    let pending = pendingOf(await client.startConversation('tools/call', { name: 'nag', arguments: {} }));
    pending = pendingOf(await client.continueConversation(pending, accept(pending, { ok: true })));
    expect(pending.round).toBe(2);
    const error = await rejectionOf(client.continueConversation(pending, accept(pending, { ok: true })));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'ROUND_LIMIT_EXCEEDED', data: { maxRounds: 2 } });
    expect(manual.sent).toHaveLength(automatic.sent.length);
  });
});

describe('isPendingConversation', () => {
  const valid: PendingConversation = {
    v: 1,
    method: 'resources/read',
    params: { uri: 'vault://x' },
    round: 1,
    inputRequests: { r: { method: 'roots/list' } },
    requestState: 'opaque',
  };

  it('accepts a pending conversation, with or without requestState', () => {
    expect(isPendingConversation(valid)).toBe(true);
    const { requestState: _state, ...withoutState } = valid;
    expect(isPendingConversation(withoutState)).toBe(true);
    for (const method of ['tools/call', 'prompts/get', 'resources/read']) expect(isPendingConversation({ ...valid, method })).toBe(true);
  });

  it('rejects values that are not a pending conversation', () => {
    for (const value of [null, undefined, 'pending', 42, [], {}]) expect(isPendingConversation(value)).toBe(false);
    expect(isPendingConversation({ ...valid, v: 2 })).toBe(false);
    expect(isPendingConversation({ ...valid, method: 'tools/list' })).toBe(false);
    expect(isPendingConversation({ ...valid, params: null })).toBe(false);
    expect(isPendingConversation({ ...valid, params: 'x' })).toBe(false);
    expect(isPendingConversation({ ...valid, round: '1' })).toBe(false);
    expect(isPendingConversation({ ...valid, inputRequests: undefined })).toBe(false);
    expect(isPendingConversation({ ...valid, inputRequests: null })).toBe(false);
    expect(isPendingConversation({ ...valid, requestState: 42 })).toBe(false);
    expect(isPendingConversation({ ...valid, requestState: null })).toBe(false);
  });
});
