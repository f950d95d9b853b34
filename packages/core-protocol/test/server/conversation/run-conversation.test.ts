// runConversation: one attempt of an MRTR conversation. Requirements: #62 (input_required has
// input requests), #64 (never wait for the client: the attempt ends at once), #72, and the
// limits of docs/mrtr.md (maxRounds, maxAsksPerRound).
import { InternalError } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyConversationState } from '../../../src/server/conversation/conversation-state.js';
import {
  INPUT_REQUIRED_REASON,
  runConversation,
} from '../../../src/server/conversation/run-conversation.js';
import type { RunConversationOptions } from '../../../src/server/conversation/run-conversation.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { accept, createTestServer, errorOf, sleep } from '../helpers/server-fixtures.js';

const LIMITS = { maxRounds: 10, maxAsksPerRound: 16 };
const rootsAsk = (key: string) => ({
  key,
  request: { method: 'roots/list' as const },
  accept: (response: unknown) => response,
});

function options<TValue>(
  run: RunConversationOptions<TValue>['run'],
  overrides: Partial<RunConversationOptions<TValue>> = {},
): RunConversationOptions<TValue> {
  return {
    run,
    state: emptyConversationState(),
    inputResponses: undefined,
    signal: new AbortController().signal,
    limits: LIMITS,
    ...overrides,
  };
}

describe('runConversation', () => {
  it('completes with the handler value when nothing is missing', async () => {
    expect(await runConversation(options(() => Promise.resolve(42)))).toEqual({
      kind: 'complete',
      value: 42,
    });
  });

  it('ends the attempt with input_required and the next state when an answer is missing (requirements.md #64)', async () => {
    let signal: AbortSignal | undefined;
    const outcome = await runConversation(
      options(async (channel, attemptSignal) => {
        signal = attemptSignal;
        await channel.once('side', () => 'effect');
        return channel.ask(rootsAsk('roots-1'));
      }),
    );
    expect(outcome).toEqual({
      kind: 'input_required',
      inputRequests: { 'roots-1': { method: 'roots/list' } },
      state: { v: 1, round: 1, asked: ['roots-1'], answers: {}, once: { side: { v: 'effect' } } },
    });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(INPUT_REQUIRED_REASON);
  });

  it('gathers asks made together into one round', async () => {
    const outcome = await runConversation(
      options((channel) =>
        Promise.all([
          channel.ask(rootsAsk('a')),
          channel.ask(rootsAsk('b')),
          channel.ask(rootsAsk('c')),
        ]),
      ),
    );
    expect(outcome.kind === 'input_required' && Object.keys(outcome.inputRequests)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('carries the answers used in this attempt into the next state', async () => {
    const outcome = await runConversation(
      options(
        async (channel) => {
          await channel.ask(rootsAsk('a'));
          return channel.ask(rootsAsk('b'));
        },
        {
          state: { v: 1, round: 1, asked: ['a'], answers: {}, once: {} },
          inputResponses: { a: { roots: [] }, b: { roots: [] } },
        },
      ),
    );
    expect(outcome).toMatchObject({
      kind: 'input_required',
      state: { round: 2, asked: ['b'], answers: { a: { roots: [] } } },
    });
  });

  it('throws InternalError past maxRounds and maxAsksPerRound', async () => {
    const round = options((channel) => channel.ask(rootsAsk('a')), {
      state: { v: 1, round: 3, asked: [], answers: {}, once: {} },
      limits: { maxRounds: 3, maxAsksPerRound: 16 },
    });
    await expect(runConversation(round)).rejects.toEqual(
      new InternalError('The conversation exceeded 3 rounds of input'),
    );
    const asks = options(
      (channel) => Promise.all(['a', 'b', 'c'].map((key) => channel.ask(rootsAsk(key)))),
      { limits: { maxRounds: 10, maxAsksPerRound: 2 } },
    );
    await expect(runConversation(asks)).rejects.toEqual(
      new InternalError('The handler asked for 3 inputs in one round; the limit is 2'),
    );
  });

  it('rethrows what the handler throws', async () => {
    await expect(
      runConversation(options(() => Promise.reject(new RangeError('boom')))),
    ).rejects.toThrow('boom');
  });

  it('aborts the attempt signal with the caller reason when the caller aborts', async () => {
    const caller = new AbortController();
    let seen: unknown;
    const running = runConversation(
      options(
        (_channel, signal) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              seen = signal.reason;
              resolve('stopped');
            });
          }),
        { signal: caller.signal },
      ),
    );
    caller.abort('gone');
    expect(await running).toEqual({ kind: 'complete', value: 'stopped' });
    expect(seen).toBe('gone');
    const aborted = new AbortController();
    aborted.abort('early');
    expect(
      await runConversation(
        options((_channel, signal) => Promise.resolve(signal.reason), { signal: aborted.signal }),
      ),
    ).toEqual({ kind: 'complete', value: 'early' });
  });

  describe('through McpServer', () => {
    it('sends concurrent asks (Promise.all) in ONE input_required round with several inputRequests keys', async () => {
      const { server } = createTestServer();
      server.registerTool('both', {}, async (_args, ctx) => {
        const [summary, roots] = await Promise.all([
          ctx.sample({
            messages: [{ role: 'user', content: { type: 'text', text: 'Summarize' } }],
            maxTokens: 50,
          }),
          ctx.listRoots(),
          ctx.elicit('ok?', z.object({ ok: z.boolean() }), { key: 'confirm' }),
        ]);
        return `${summary.model} ${roots.length}`;
      });
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: { sampling: {}, roots: {}, elicitation: {} },
      }).converse('tools/call', { name: 'both' }, () => ({
        'sampling-1': { role: 'assistant', content: { type: 'text', text: 's' }, model: 'm1' },
        'roots-1': { roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }] },
        confirm: accept({ ok: true }),
      }));
      expect(rounds).toHaveLength(1);
      expect(Object.keys(rounds[0]?.['inputRequests'] as object)).toEqual([
        'sampling-1',
        'roots-1',
        'confirm',
      ]);
      expect(result['content']).toEqual([{ type: 'text', text: 'm1 2' }]);
    });

    it('answers -32603 once a conversation needs more than maxRounds rounds', async () => {
      const { server } = createTestServer({ limits: { maxRounds: 2 } });
      server.registerTool('endless', {}, async (_args, ctx) => {
        for (let index = 1; ; index++)
          await ctx.elicit(`Question ${index}`, z.object({ a: z.string() }));
      });
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      let params: Record<string, unknown> = { name: 'endless' };
      for (let round = 1; round <= 2; round++) {
        const result = await driver.request('tools/call', params);
        expect(result['resultType']).toBe('input_required');
        const key = Object.keys(result['inputRequests'] as object)[0] ?? '';
        params = {
          name: 'endless',
          inputResponses: { [key]: accept({ a: 'x' }) },
          requestState: result['requestState'],
        };
      }
      expect(errorOf((await driver.exchange('tools/call', params)).response)).toEqual({
        code: -32603,
        message: 'The conversation exceeded 2 rounds of input',
      });
    });

    it('answers -32603 when one round asks for more than maxAsksPerRound inputs', async () => {
      const { server } = createTestServer({ limits: { maxAsksPerRound: 2 } });
      server.registerTool('greedy', {}, async (_args, ctx) => {
        await Promise.all([1, 2, 3].map((index) => ctx.listRoots({ key: `r${index}` })));
        return 'never';
      });
      expect(
        errorOf(
          (
            await new ServerDriver(server, { capabilities: { roots: {} } }).exchange('tools/call', {
              name: 'greedy',
            })
          ).response,
        ),
      ).toEqual({
        code: -32603,
        message: 'The handler asked for 3 inputs in one round; the limit is 2',
      });
    });

    it('aborts ctx.signal of an abandoned attempt with reason "input_required", and runs no finally of it', async () => {
      const { server } = createTestServer();
      const signals: AbortSignal[] = [];
      let finallyRuns = 0;
      server.registerTool('wait', {}, async (_args, ctx) => {
        signals.push(ctx.signal);
        try {
          const answer = await ctx.elicit('go?', z.object({ go: z.boolean() }));
          return answer.action;
        } finally {
          finallyRuns += 1;
        }
      });
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', { name: 'wait' });
      expect(signals[0]?.aborted).toBe(true);
      expect(signals[0]?.reason).toBe('input_required');
      await sleep(5);
      expect(finallyRuns).toBe(0);
      await driver.request('tools/call', {
        name: 'wait',
        inputResponses: { 'elicitation-1': accept({ go: true }) },
        requestState: first['requestState'],
      });
      expect(signals[1]?.aborted).toBe(false);
      expect(finallyRuns).toBe(1);
    });
  });
});
