import type { JsonRpcRequest } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { CreateMessageRequestParams, ElicitRequestFormParams } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpClient, SdkError } from '../../src/index.js';
import type { InputRequestInfo, McpServer, RoundEvent } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { metaOf, paramsOf } from './helpers/scripted-transport.js';
import { createTestServer, RecordingTransport, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

/** A requestState with characters that any re-encoding would change. */
const ODD_STATE = ' state: "quoted" \\ back\\slash ü 🙂 \u2028 +/= ';

function textOf(result: { content: unknown[] }): string {
  const block = result.content[0] as { type: string; text?: string } | undefined;
  return block?.type === 'text' ? (block.text ?? '') : '';
}

/** The params a retry must repeat: everything but `_meta`, `inputResponses` and `requestState`. */
function originalParams(request: JsonRpcRequest): Record<string, unknown> {
  const { inputResponses: _responses, requestState: _state, ...rest } = paramsOf(request);
  return rest;
}

function createTripServer(): McpServer {
  const server = createTestServer();
  server.registerTool('plan', { inputSchema: z.object({ city: z.string() }) }, async ({ city }, ctx) => {
    const who = await ctx.elicit(`Who travels to ${city}?`, z.object({ name: z.string(), nights: z.number().int() }), { key: 'elicitation-1' });
    if (who.action !== 'accept') return `cancelled (${who.action})`;
    const idea = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: `Suggest a hotel in ${city}` } }],
      maxTokens: 50,
    }, { key: 'sampling-1' });
    const roots = await ctx.listRoots({ key: 'roots-1' });
    const hotel = !Array.isArray(idea.content) && idea.content.type === 'text' ? idea.content.text : '?';
    return `${who.content.name} stays ${who.content.nights} nights at ${hotel} (${idea.model}); files in ${roots.map((root) => root.uri).join(', ')}`;
  });
  server.registerTool('pair', {}, async (_args, ctx) => {
    const [summary, roots] = await Promise.all([
      ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Summarize' } }], maxTokens: 10 }, { key: 'sampling-1' }),
      ctx.listRoots({ key: 'roots-1' }),
    ]);
    return `${summary.model} with ${roots.length} roots`;
  });
  server.registerTool('nag', {}, async (_args, ctx) => {
    for (let question = 1; ; question += 1) await ctx.elicit(`Question ${question}?`, z.object({ ok: z.boolean() }), { key: `elicitation-${question}` });
  });
  server.registerTool('confirm', { inputSchema: z.object({ item: z.string() }) }, async ({ item }, ctx) => {
    const answer = await ctx.elicit(`Buy ${item}?`, z.object({ note: z.string() }), { key: 'elicitation-1' });
    return answer.action === 'accept' ? `${item}: ${answer.content.note}` : `${item}: ${answer.action}`;
  });
  server.registerTool('manual', { requestState: 'manual' }, (_args, ctx) => {
    const { inputResponses, requestState } = ctx.input;
    if (inputResponses === undefined && requestState === undefined) {
      // Round 1: no requestState at all.
      return { resultType: 'input_required' as const, inputRequests: { where: { method: 'roots/list' as const } } };
    }
    if (requestState === undefined) {
      return { resultType: 'input_required' as const, inputRequests: { again: { method: 'roots/list' as const } }, requestState: ODD_STATE };
    }
    if (requestState === ODD_STATE) {
      // A state-only round (load shedding): nothing to answer, retry at once.
      return { resultType: 'input_required' as const, requestState: 'state-only' };
    }
    return `done with ${requestState} and ${JSON.stringify(inputResponses ?? null)}`;
  });
  server.registerTool('progressive', {}, async (_args, ctx) => {
    ctx.progress(1);
    const answer = await ctx.elicit('Go on?', z.object({ ok: z.boolean() }), { key: 'elicitation-1' });
    ctx.progress(2);
    return answer.action;
  });
  server.registerPrompt('brief', { arguments: z.object({ topic: z.string() }) }, async ({ topic }, ctx) => {
    const tone = await ctx.elicit('Which tone?', z.object({ tone: z.enum(['formal', 'casual']) }), { key: 'elicitation-1' });
    const text = tone.action === 'accept' ? `${tone.content.tone} brief on ${topic}` : `brief on ${topic}`;
    return { messages: [{ role: 'user', content: { type: 'text', text } }] };
  });
  return server;
}

describe('McpClient conversations (MRTR)', () => {
  it('answers elicitation, then sampling, then roots over three rounds and completes with the answers (requirements.md #65)', async () => {
    const transport = new RecordingTransport(new InMemoryTransport(createTripServer()));
    const seen: { kind: string; params: unknown; info: Omit<InputRequestInfo, 'signal'> }[] = [];
    const record = (kind: string, params: unknown, { signal, ...info }: InputRequestInfo): void => {
      expect(signal).toBeInstanceOf(AbortSignal);
      seen.push({ kind, params, info });
    };
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        elicitForm: (params, info) => {
          record('elicit', params, info);
          return { action: 'accept', content: { name: 'Ada', nights: 3 } };
        },
        sample: (params, info) => {
          record('sample', params, info);
          return { role: 'assistant', content: { type: 'text', text: 'Hotel Bristol' }, model: 'test-model', stopReason: 'endTurn' };
        },
        listRoots: (info) => {
          record('roots', undefined, info);
          return [{ uri: 'file:///home/ada/trips', name: 'trips' }];
        },
      },
    });

    const result = await client.callTool('plan', { city: 'Oslo' });
    expect(textOf(result)).toBe('Ada stays 3 nights at Hotel Bristol (test-model); files in file:///home/ada/trips');

    expect(seen).toEqual([
      {
        kind: 'elicit',
        params: {
          mode: 'form',
          message: 'Who travels to Oslo?',
          requestedSchema: expect.objectContaining({
            type: 'object',
            properties: { name: { type: 'string' }, nights: expect.objectContaining({ type: 'integer' }) },
            required: ['name', 'nights'],
          }),
        },
        info: { method: 'tools/call', key: 'elicitation-1', round: 1 },
      },
      {
        kind: 'sample',
        params: { messages: [{ role: 'user', content: { type: 'text', text: 'Suggest a hotel in Oslo' } }], maxTokens: 50 },
        info: { method: 'tools/call', key: 'sampling-1', round: 2 },
      },
      { kind: 'roots', params: undefined, info: { method: 'tools/call', key: 'roots-1', round: 3 } },
    ]);
  });

  it('retries with a new id, the original params, answers under the asked keys and the state echoed byte for byte (requirements.md #66, #67)', async () => {
    const inner = new InMemoryTransport(createTripServer());
    const transport = new RecordingTransport(inner);
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        elicitForm: () => ({ action: 'accept', content: { name: 'Ada', nights: 2 } }),
        sample: () => ({ role: 'assistant', content: { type: 'text', text: 'Inn' }, model: 'm' }),
        listRoots: () => [],
      },
    });
    await client.callTool('plan', { city: 'Oslo' });

    const sent = inner.sent;
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((request) => request.id)).size).toBe(4);
    expect(paramsOf(sent[0]!)).toEqual({ name: 'plan', arguments: { city: 'Oslo' } });
    for (let round = 1; round < sent.length; round += 1) {
      const retry = paramsOf(sent[round]!);
      const asked = transport.results[round - 1]!;
      expect(asked['resultType']).toBe('input_required');
      expect(originalParams(sent[round]!)).toEqual({ name: 'plan', arguments: { city: 'Oslo' } });
      expect(Object.keys(retry['inputResponses'] as object)).toEqual(Object.keys(asked['inputRequests'] as object));
      expect(typeof asked['requestState']).toBe('string');
      expect(retry['requestState']).toBe(asked['requestState']);
      // Fresh per-request metadata on every retry (mrtr.md §6 rule 6).
      expect(metaOf(sent[round]!)).toHaveProperty([MetaKey.ClientCapabilities], client.capabilities);
    }
    expect(Object.keys(paramsOf(sent[1]!)['inputResponses'] as object)).toEqual(['elicitation-1']);
    expect(Object.keys(paramsOf(sent[2]!)['inputResponses'] as object)).toEqual(['sampling-1']);
    expect(Object.keys(paramsOf(sent[3]!)['inputResponses'] as object)).toEqual(['roots-1']);
  });

  it('omits requestState when the server sent none, echoes an odd one exactly, and retries a state-only round at once (requirements.md #66)', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const rounds: RoundEvent[] = [];
    let rootsCalls = 0;
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { listRoots: () => [{ uri: `file:///r${++rootsCalls}` }] },
      onRound: (event) => rounds.push(event),
    });
    const started = Date.now();
    const result = await client.callTool('manual');
    expect(Date.now() - started).toBeLessThan(1000);

    expect(textOf(result)).toBe('done with state-only and null');
    const params = transport.sent.map(paramsOf);
    expect(params).toHaveLength(4);
    expect(params[0]).toEqual({ name: 'manual', arguments: {} });
    expect(params[1]).toEqual({ name: 'manual', arguments: {}, inputResponses: { where: { roots: [{ uri: 'file:///r1' }] } } });
    expect(params[1]).not.toHaveProperty('requestState');
    expect(params[2]).toEqual({
      name: 'manual',
      arguments: {},
      inputResponses: { again: { roots: [{ uri: 'file:///r2' }] } },
      requestState: ODD_STATE,
    });
    // The state-only round is retried with the state alone: no answers from an earlier round.
    expect(params[3]).toEqual({ name: 'manual', arguments: {}, requestState: 'state-only' });
    expect(rounds.map((event) => [event.round, Object.keys(event.inputRequests), event.hasRequestState])).toEqual([
      [1, ['where'], false],
      [2, ['again'], true],
      [3, [], true],
    ]);
    expect(rounds[2]).not.toHaveProperty('inputResponses');
  });

  it('sends asks made together in one round and answers them concurrently', async () => {
    const transport = new RecordingTransport(new InMemoryTransport(createTripServer()));
    let samplingStarted: () => void = () => undefined;
    const samplingHasStarted = new Promise<void>((resolve) => (samplingStarted = resolve));
    let rootsDone: () => void = () => undefined;
    const rootsAreDone = new Promise<void>((resolve) => (rootsDone = resolve));
    const client = new McpClient(CLIENT_INFO, {
      transport,
      conversationTimeoutMs: 2000,
      handlers: {
        // Each handler waits for the other: answering one after the other would never finish.
        sample: async () => {
          samplingStarted();
          await rootsAreDone;
          return { role: 'assistant', content: { type: 'text', text: 'short' }, model: 'fast-model' };
        },
        listRoots: async () => {
          await samplingHasStarted;
          rootsDone();
          return [{ uri: 'file:///a' }, { uri: 'file:///b' }];
        },
      },
    });
    const result = await client.callTool('pair');
    expect(textOf(result)).toBe('fast-model with 2 roots');
    expect(transport.responses).toHaveLength(2);
    expect(Object.keys(transport.results[0]!['inputRequests'] as object).sort()).toEqual(['roots-1', 'sampling-1']);
  });

  it('sends a fresh progress token and log level on every request of a conversation (mrtr.md §6 rule 6, requirements.md #77)', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const progress: unknown[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) },
    });
    await client.callTool('progressive', {}, { logLevel: 'warning', onProgress: (event) => progress.push(event) });
    const [first, retry] = transport.sent.map(metaOf);
    expect(first![MetaKey.ProgressToken]).toEqual(expect.any(String));
    expect(retry![MetaKey.ProgressToken]).toEqual(expect.any(String));
    expect(retry![MetaKey.ProgressToken]).not.toBe(first![MetaKey.ProgressToken]);
    expect([first![MetaKey.LogLevel], retry![MetaKey.LogLevel]]).toEqual(['warning', 'warning']);
    // Each attempt reports under its own token; the replayed handler reports 1 again on the retry.
    expect(progress).toEqual([
      { progressToken: first![MetaKey.ProgressToken], progress: 1 },
      { progressToken: retry![MetaKey.ProgressToken], progress: 1 },
      { progressToken: retry![MetaKey.ProgressToken], progress: 2 },
    ]);
  });

  it('carries a prompts/get conversation to its end', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: () => ({ action: 'accept', content: { tone: 'formal' } }) },
    });
    const prompt = await client.getPrompt('brief', { topic: 'rates' });
    expect(prompt.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'formal brief on rates' } }]);
    expect(transport.sent.map((request) => originalParams(request))).toEqual([
      { name: 'brief', arguments: { topic: 'rates' } },
      { name: 'brief', arguments: { topic: 'rates' } },
    ]);
  });

  it('shows every round to onRound in order, with what was asked and answered', async () => {
    const rounds: RoundEvent[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createTripServer()),
      handlers: {
        elicitForm: () => ({ action: 'accept', content: { name: 'Bo', nights: 1 } }),
        sample: () => ({ role: 'assistant', content: { type: 'text', text: 'Inn' }, model: 'm' }),
        listRoots: () => [{ uri: 'file:///x' }],
      },
      onRound: () => {
        throw new TypeError('the per-call hook replaces the client hook');
      },
    });
    await client.callTool('plan', { city: 'Rome' }, { onRound: (event) => rounds.push(event) });
    expect(rounds.map((event) => event.round)).toEqual([1, 2, 3]);
    expect(rounds.every((event) => event.method === 'tools/call' && event.hasRequestState)).toBe(true);
    expect(rounds.map((event) => Object.keys(event.inputRequests))).toEqual([['elicitation-1'], ['sampling-1'], ['roots-1']]);
    expect(rounds[0]?.inputRequests['elicitation-1']).toMatchObject({ method: 'elicitation/create', params: { message: 'Who travels to Rome?' } });
    expect(rounds[0]?.inputResponses).toEqual({ 'elicitation-1': { action: 'accept', content: { name: 'Bo', nights: 1 } } });
    expect(rounds[2]?.inputResponses).toEqual({ 'roots-1': { roots: [{ uri: 'file:///x' }] } });
  });

  it('keeps the answers and state of two parallel conversations apart (requirements.md #68)', async () => {
    const inner = new InMemoryTransport(createTripServer());
    const transport = new RecordingTransport(inner);
    // Neither conversation answers until both have been asked, so they really interleave.
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const bothAsked = new Promise<void>((resolve) => (release = resolve));
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        elicitForm: async (params: ElicitRequestFormParams) => {
          asked.push(params.message);
          if (asked.length === 2) release();
          await bothAsked;
          return { action: 'accept', content: { note: `note for ${params.message}` } };
        },
      },
    });
    const [tea, coffee] = await Promise.all([
      client.callTool('confirm', { item: 'tea' }),
      client.callTool('confirm', { item: 'coffee' }),
    ]);
    expect(textOf(tea)).toBe('tea: note for Buy tea?');
    expect(textOf(coffee)).toBe('coffee: note for Buy coffee?');

    const responseById = new Map(transport.responses.map((response) => [response.id, response]));
    const byItem = (item: string): JsonRpcRequest[] =>
      inner.sent.filter((request) => (paramsOf(request)['arguments'] as { item: string }).item === item);
    const states: unknown[] = [];
    for (const item of ['tea', 'coffee']) {
      const [first, retry] = byItem(item);
      const firstResult = (responseById.get(first!.id) as { result: Record<string, unknown> }).result;
      expect(paramsOf(retry!)['requestState']).toBe(firstResult['requestState']);
      expect(paramsOf(retry!)['inputResponses']).toEqual({
        'elicitation-1': { action: 'accept', content: { note: `note for Buy ${item}?` } },
      });
      states.push(firstResult['requestState']);
    }
    expect(states[0]).not.toBe(states[1]);
    // Later, unrelated requests carry no conversation data at all.
    await client.callTool('confirm', { item: 'milk' }).catch(() => undefined);
    expect(paramsOf(inner.sent.at(-2)!)).toEqual({ name: 'confirm', arguments: { item: 'milk' } });
  });
});

describe('McpClient conversation limits', () => {
  it('ends a conversation that keeps asking with SdkError ROUND_LIMIT_EXCEEDED after maxRounds answered rounds', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const rounds: number[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport,
      maxRounds: 3,
      handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) },
      onRound: (event) => rounds.push(event.round),
    });
    const error = await rejectionOf(client.callTool('nag'));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'ROUND_LIMIT_EXCEEDED', data: { maxRounds: 3 } });
    expect(rounds).toEqual([1, 2, 3]);
    // The first request and one retry per answered round; the fourth ask is not answered.
    expect(transport.sent).toHaveLength(4);
  });

  it('ends a conversation whose handler never answers with SdkError REQUEST_TIMEOUT after conversationTimeoutMs', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      conversationTimeoutMs: 60_000,
      handlers: { elicitForm: () => new Promise(() => undefined) },
    });
    const started = Date.now();
    const error = await rejectionOf(client.callTool('confirm', { item: 'tea' }, { conversationTimeoutMs: 80 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'REQUEST_TIMEOUT', data: { timeoutMs: 80 } });
    // No retry goes out once the conversation has timed out.
    expect(transport.sent).toHaveLength(1);
  });

  it('times out a conversation whose handler waits on its signal, without sending the retry', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const client = new McpClient(CLIENT_INFO, {
      transport,
      conversationTimeoutMs: 80,
      handlers: {
        elicitForm: (_params, info) =>
          new Promise((_resolve, reject) => info.signal.addEventListener('abort', () => reject(new TypeError('gave up')))),
      },
    });
    await expect(client.callTool('confirm', { item: 'tea' })).rejects.toMatchObject({ name: 'SdkError', code: 'REQUEST_TIMEOUT' });
    expect(transport.sent).toHaveLength(1);
  });

  it('ends a conversation with SdkError ABORTED when the caller aborts while a handler never answers', async () => {
    const transport = new InMemoryTransport(createTripServer());
    const controller = new AbortController();
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: {
        elicitForm: () => {
          setTimeout(() => controller.abort('user left'), 10);
          return new Promise(() => undefined);
        },
      },
    });
    const error = await rejectionOf(client.callTool('confirm', { item: 'tea' }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'ABORTED', data: 'user left' });
    expect(transport.sent).toHaveLength(1);
  });

  it('reports ABORTED, not a handler failure, when a sampling handler stops because the caller aborted', async () => {
    const controller = new AbortController();
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(createTripServer()),
      handlers: {
        elicitForm: () => ({ action: 'accept', content: { name: 'Ada', nights: 1 } }),
        sample: (_params: CreateMessageRequestParams, info) =>
          new Promise((_resolve, reject) => {
            info.signal.addEventListener('abort', () => reject(info.signal.reason as Error));
            controller.abort(new TypeError('closed the tab'));
          }),
      },
    });
    const error = await rejectionOf(client.callTool('plan', { city: 'Oslo' }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'ABORTED' });
  });

  it('fails with ABORTED at once, without running anything on the server, when the signal is already aborted', async () => {
    const server = createTripServer();
    let runs = 0;
    server.registerTool('count', {}, () => String(++runs));
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server) });
    const error = await rejectionOf(client.callTool('count', {}, { signal: AbortSignal.abort('early') }));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'ABORTED', data: 'early' });
    expect(runs).toBe(0);
  });

  it('times out a single request after timeoutMs with REQUEST_TIMEOUT and cancels it on the server (requirements.md #87)', async () => {
    const server = createTestServer();
    let serverSawAbort = false;
    server.registerTool('stuck', {}, (_args, ctx) =>
      new Promise<string>((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          serverSawAbort = true;
          resolve('late');
        });
      }),
    );
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server) });
    const error = await rejectionOf(client.callTool('stuck', {}, { timeoutMs: 40 }));
    expect(error).toMatchObject({ name: 'SdkError', code: 'REQUEST_TIMEOUT', data: { timeoutMs: 40 } });
    expect(serverSawAbort).toBe(true);
  });
});
