// runConversation: one attempt of an MRTR conversation. Requirements: #62 (input_required has
// input requests), #64 (never wait for the client: the attempt ends at once), #72, and the
// limits of docs/mrtr.md (maxRounds, maxAsksPerRound).
import { getEventListeners } from 'node:events';
import { InternalError, InvalidRequestStateError } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyConversationState } from '../../../src/server/conversation/conversation-state.js';
import type { ConversationState } from '../../../src/server/conversation/conversation-state.js';
import type { Divergence } from '../../../src/server/conversation/replay-channel.js';
import {
  INPUT_REQUIRED_REASON,
  runConversation,
} from '../../../src/server/conversation/run-conversation.js';
import type { RunConversationOptions } from '../../../src/server/conversation/run-conversation.js';
import { fingerprintOf } from '../../../src/shared/fingerprint.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { accept, createTestServer, errorOf, sleep } from '../helpers/server-fixtures.js';

const LIMITS = { maxRounds: 10, maxAsksPerRound: 16, onceSettleMs: 1000, maxJournalBytes: 48 * 1024 };
const NOW = 1_700_000_000_000;
const ROOTS_ASKED = { f: fingerprintOf({ method: 'roots/list' }), s: { k: 'roots' as const } };
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
    now: () => NOW,
    onDivergence: () => undefined,
    ...overrides,
  };
}

function stateAt(round: number, overrides: Partial<ConversationState> = {}): ConversationState {
  return { ...emptyConversationState(), round, startedAt: NOW - 5000, ...overrides };
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
        signal = attemptSignal.signal;
        await channel.once('side', () => 'effect');
        return channel.ask(rootsAsk('roots-1'));
      }),
    );
    expect(outcome).toEqual({
      kind: 'input_required',
      inputRequests: { 'roots-1': { method: 'roots/list' } },
      state: {
        v: 2,
        round: 1,
        startedAt: NOW,
        asked: { 'roots-1': ROOTS_ASKED },
        answers: {},
        once: { side: { v: 'effect' } },
      },
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
          state: stateAt(1, { asked: { a: ROOTS_ASKED } }),
          inputResponses: { a: { roots: [] }, b: { roots: [] } },
        },
      ),
    );
    expect(outcome).toEqual({
      kind: 'input_required',
      inputRequests: { b: { method: 'roots/list' } },
      // The conversation keeps the start time of its first round.
      state: stateAt(2, { asked: { b: ROOTS_ASKED }, answers: { a: { f: ROOTS_ASKED.f, a: { roots: [] } } } }),
    });
  });

  it('throws InternalError past maxRounds and maxAsksPerRound', async () => {
    const round = options((channel) => channel.ask(rootsAsk('a')), {
      state: stateAt(3),
      limits: { ...LIMITS, maxRounds: 3 },
    });
    await expect(runConversation(round)).rejects.toEqual(
      new InternalError('The conversation exceeded 3 rounds of input'),
    );
    const asks = options(
      (channel) => Promise.all(['a', 'b', 'c'].map((key) => channel.ask(rootsAsk(key)))),
      { limits: { ...LIMITS, maxAsksPerRound: 2 } },
    );
    await expect(runConversation(asks)).rejects.toEqual(
      new InternalError('The handler asked for 3 inputs in one round; the limit is 2'),
    );
  });

  it('does not end a round while a ctx.once step runs, and records the step', async () => {
    let finish: (value: string) => void = () => undefined;
    const outcome = runConversation(
      options((channel) =>
        Promise.all([
          channel.ask(rootsAsk('a')),
          channel.once('slow', () => new Promise<string>((resolve) => (finish = resolve))),
        ]),
      ),
    );
    await sleep(20);
    finish('done');
    expect(await outcome).toMatchObject({ kind: 'input_required', state: { once: { slow: { v: 'done' } } } });
  });

  it('throws InternalError when a ctx.once step outlasts onceSettleMs at the end of a round', async () => {
    const outcome = runConversation(
      options(
        (channel) =>
          Promise.all([channel.ask(rootsAsk('a')), channel.once('stuck', () => new Promise<never>(() => undefined))]),
        { limits: { ...LIMITS, onceSettleMs: 20 } },
      ),
    );
    await expect(outcome).rejects.toEqual(new InternalError('A ctx.once step was still running 20 ms after its round ended'));
  });

  it('refuses answers that would overflow the journal at once, with reason too-large, before the handler runs', async () => {
    let runs = 0;
    const outcome = runConversation(
      options(
        () => {
          runs += 1;
          return Promise.resolve('never');
        },
        {
          state: stateAt(1, { asked: { a: ROOTS_ASKED } }),
          inputResponses: { a: { roots: [{ uri: `file:///${'x'.repeat(2000)}` }] } },
          limits: { ...LIMITS, maxJournalBytes: 1000 },
        },
      ),
    );
    const error: unknown = await outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestStateError);
    expect(error).toMatchObject({ code: -32602, data: { reason: 'too-large' } });
    expect(runs).toBe(0);
  });

  it('with the bound of the incoming journal known, still measures what arrived, and measures all when the bound is too loose', async () => {
    const arrivedTooLarge = runConversation(
      options(() => Promise.resolve('never'), {
        state: stateAt(1, { asked: { a: ROOTS_ASKED } }),
        inputResponses: { a: { roots: [{ uri: `file:///${'x'.repeat(2000)}` }] } },
        journalBytes: 0,
        limits: { ...LIMITS, maxJournalBytes: 1000 },
      }),
    );
    await expect(arrivedTooLarge).rejects.toMatchObject({ data: { reason: 'too-large' } });
    // A loose bound (990 of 1000 bytes) is not a refusal: the journal itself is measured, and fits.
    const fits = await runConversation(
      options(() => Promise.resolve('done'), {
        state: stateAt(1, { asked: { a: ROOTS_ASKED } }),
        inputResponses: { a: { roots: [{ uri: 'file:///small' }] } },
        journalBytes: 990,
        limits: { ...LIMITS, maxJournalBytes: 1000 },
      }),
    );
    expect(fits).toEqual({ kind: 'complete', value: 'done' });
  });

  it('counts the journal in UTF-8 bytes, not characters: 450 two-byte characters do not fit in 900 bytes', async () => {
    const outcome = runConversation(
      options(() => Promise.resolve('never'), {
        state: stateAt(1, { asked: { a: ROOTS_ASKED } }),
        inputResponses: { a: { roots: [{ uri: `file:///${'é'.repeat(450)}` }] } },
        limits: { ...LIMITS, maxJournalBytes: 900 },
      }),
    );
    await expect(outcome).rejects.toMatchObject({ data: { reason: 'too-large' } });
  });

  it('reports an answer that was not applied to a changed question through onDivergence', async () => {
    const divergences: Divergence[] = [];
    const asked = { method: 'elicitation/create' as const, params: { mode: 'url' as const, message: 'Open', url: 'https://example.com/a' } };
    const changed = { ...asked, params: { ...asked.params, url: 'https://example.com/b' } };
    const outcome = await runConversation(
      options((channel) => channel.ask({ key: 'open', request: changed, accept: (response) => response }), {
        state: stateAt(1, { asked: { open: { f: fingerprintOf(asked), s: { k: 'url' } } } }),
        inputResponses: { open: { action: 'accept' } },
        onDivergence: (divergence) => divergences.push(divergence),
      }),
    );
    const wireKey = `open~${fingerprintOf(changed).slice(0, 8)}`;
    expect(outcome).toMatchObject({ kind: 'input_required', inputRequests: { [wireKey]: changed } });
    expect(divergences).toEqual([{ key: 'open', wireKey, inputMethod: 'elicitation/create' }]);
  });

  it('rethrows what the handler throws', async () => {
    await expect(
      runConversation(options(() => Promise.reject(new RangeError('boom')))),
    ).rejects.toThrow('boom');
  });

  it('listens to the caller signal only while a handler that read its signal runs', async () => {
    const caller = new AbortController();
    const listeners: number[] = [];
    const count = () => listeners.push(getEventListeners(caller.signal, 'abort').length);
    await runConversation(options(() => Promise.resolve(count()), { signal: caller.signal }));
    await runConversation(
      options(
        (_channel, attempt) => {
          expect(attempt.signal.aborted).toBe(false);
          return Promise.resolve(count());
        },
        { signal: caller.signal },
      ),
    );
    count();
    expect(listeners).toEqual([0, 1, 0]);
  });

  it('aborts the attempt signal with the caller reason when the caller aborts', async () => {
    const caller = new AbortController();
    let seen: unknown;
    const running = runConversation(
      options(
        (_channel, attempt) =>
          new Promise((resolve) => {
            const signal = attempt.signal;
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
        options((_channel, attempt) => Promise.resolve(attempt.signal.reason), { signal: aborted.signal }),
      ),
    ).toEqual({ kind: 'complete', value: 'early' });
  });

  describe('through McpServer', () => {
    it('sends concurrent asks (Promise.all) in ONE input_required round with several inputRequests keys', async () => {
      const { server } = createTestServer();
      server.registerTool('both', {}, async (_args, ctx) => {
        const [summary, roots] = await Promise.all([
          ctx.sample(
            {
              messages: [{ role: 'user', content: { type: 'text', text: 'Summarize' } }],
              maxTokens: 50,
            },
            { key: 'summary' },
          ),
          ctx.listRoots({ key: 'workspace' }),
          ctx.elicit('ok?', z.object({ ok: z.boolean() }), { key: 'confirm' }),
        ]);
        return `${summary.model} ${roots.length}`;
      });
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: { sampling: {}, roots: {}, elicitation: {} },
      }).converse('tools/call', { name: 'both' }, () => ({
        summary: { role: 'assistant', content: { type: 'text', text: 's' }, model: 'm1' },
        workspace: { roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }] },
        confirm: accept({ ok: true }),
      }));
      expect(rounds).toHaveLength(1);
      expect(Object.keys(rounds[0]?.['inputRequests'] as object)).toEqual([
        'summary',
        'workspace',
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
          const answer = await ctx.elicit('go?', z.object({ go: z.boolean() }), { key: 'go' });
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
        inputResponses: { go: accept({ go: true }) },
        requestState: first['requestState'],
      });
      expect(signals[1]?.aborted).toBe(false);
      expect(finallyRuns).toBe(1);
    });
  });
});
