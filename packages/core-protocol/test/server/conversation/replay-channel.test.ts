// ReplayChannel: answers replayed from the sealed state and from inputResponses, each pinned to
// the question it was given to. Requirements: #71 (unrequested keys are ignored), #72 (a missing
// answer is asked again), #61 (ctx.once), #69/#70 (malformed answers are -32602).
import { InvalidParamsError } from '@tern/jsonrpc';
import type { InputRequest } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { SdkError, SdkErrorCode } from '../../../src/index.js';
import type { Ask } from '../../../src/index.js';
import { emptyConversationState } from '../../../src/server/conversation/conversation-state.js';
import type { AskedEntry, ConversationState } from '../../../src/server/conversation/conversation-state.js';
import { ReplayChannel } from '../../../src/server/conversation/replay-channel.js';
import type { Divergence, ReplayHooks } from '../../../src/server/conversation/replay-channel.js';
import { fingerprintOf } from '../../../src/shared/fingerprint.js';

const ROOTS_REQUEST: InputRequest = { method: 'roots/list' };
const ROOTS_FP = fingerprintOf(ROOTS_REQUEST);
const ROOTS_ASKED: AskedEntry = { f: ROOTS_FP, s: { k: 'roots' } };

function confirm(message: string): InputRequest {
  return {
    method: 'elicitation/create',
    params: { mode: 'form', message, requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
  };
}

function ask(key: string, accept: (response: unknown) => unknown = (response) => response, request = ROOTS_REQUEST): Ask {
  return { key, request, accept };
}

/** Settles to 'pending' when `promise` has not settled after the current microtasks. */
async function settled(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('pending'), 0))]);
}

function state(overrides: Partial<ConversationState>): ConversationState {
  return { ...emptyConversationState(), round: 1, ...overrides };
}

function hooks(overrides: Partial<ReplayHooks> = {}): ReplayHooks {
  return { onPending: () => undefined, onSettled: () => undefined, onDivergence: () => undefined, ...overrides };
}

const roots = (...uris: string[]) => ({ roots: uris.map((uri) => ({ uri })) });

describe('ReplayChannel', () => {
  it('records an ask without an answer as pending and never settles it (requirements.md #72)', async () => {
    let pendingCalls = 0;
    const channel = new ReplayChannel(emptyConversationState(), undefined, hooks({ onPending: () => (pendingCalls += 1) }));
    expect(await settled(channel.ask(ask('roots-1')))).toBe('pending');
    expect([...channel.pending]).toEqual([['roots-1', { request: ROOTS_REQUEST, entry: ROOTS_ASKED }]]);
    expect(pendingCalls).toBe(1);
  });

  it('takes answers only for keys asked in the last round (requirements.md #71)', async () => {
    const responses = { asked: roots(), unasked: roots('file:///x') };
    const channel = new ReplayChannel(state({ asked: { asked: ROOTS_ASKED } }), responses, hooks());
    expect(await channel.ask(ask('asked'))).toEqual(roots());
    expect(await settled(channel.ask(ask('unasked')))).toBe('pending');
    expect({ ...channel.used }).toEqual({ asked: { f: ROOTS_FP, a: roots() } });
  });

  it('matches answers sent without state by the keys the handler asks, and ignores the rest (conformance sep-2322-ignore-unexpected-params)', async () => {
    const channel = new ReplayChannel(
      emptyConversationState(),
      { 'roots-1': roots(), unexpected: roots('file:///x') },
      hooks(),
    );
    expect(await channel.ask(ask('roots-1'))).toEqual(roots());
    expect({ ...channel.used }).toEqual({ 'roots-1': { f: ROOTS_FP, a: roots() } });
  });

  it('replays answers of earlier rounds from the state, and prefers a fresh answer to a re-asked key', async () => {
    const earlier = state({
      round: 2,
      asked: { b: ROOTS_ASKED },
      answers: { a: { f: ROOTS_FP, a: roots('file:///state') }, b: { f: ROOTS_FP, a: roots('file:///stale') } },
    });
    const channel = new ReplayChannel(earlier, { a: roots('file:///ignored'), b: roots('file:///fresh') }, hooks());
    expect(await channel.ask(ask('a'))).toEqual(roots('file:///state'));
    expect(await channel.ask(ask('b'))).toEqual(roots('file:///fresh'));
  });

  it('normalises answers when they arrive: unknown fields never reach the handler or the state', async () => {
    const channel = new ReplayChannel(
      state({ asked: { r: ROOTS_ASKED, c: { f: fingerprintOf(confirm('Go?')), s: { k: 'form', n: ['ok'] } } } }),
      {
        r: { roots: [{ uri: 'file:///a', name: 'a', extra: 'x'.repeat(100) }], padding: 'y'.repeat(100) },
        c: { action: 'accept', content: { ok: true, smuggled: 'z'.repeat(100) } },
      },
      hooks(),
    );
    expect(await channel.ask(ask('r'))).toEqual({ roots: [{ uri: 'file:///a', name: 'a' }] });
    expect(await channel.ask(ask('c', (response) => response, confirm('Go?')))).toEqual({
      action: 'accept',
      content: { ok: true },
    });
    expect(JSON.stringify(channel.held)).not.toMatch(/xxx|yyy|zzz/);
  });

  it('answers -32602 at once for an answer that is not a result of the asked kind (requirements.md #69, #70)', () => {
    expect(() => new ReplayChannel(state({ asked: { r: ROOTS_ASKED } }), { r: 'bad' }, hooks())).toThrow(
      InvalidParamsError,
    );
    // An answer under a key nobody asked is ignored, however malformed.
    expect(() => new ReplayChannel(state({ asked: { r: ROOTS_ASKED } }), { other: 'bad' }, hooks())).not.toThrow();
  });

  it('asks again when accept refuses the answer, and lets accept throw for malformed ones', async () => {
    const channel = new ReplayChannel(state({ asked: { a: ROOTS_ASKED, b: ROOTS_ASKED } }), { a: roots(), b: roots() }, hooks());
    expect(await settled(channel.ask(ask('a', () => undefined)))).toBe('pending');
    await expect(
      channel.ask(
        ask('b', () => {
          throw new TypeError('malformed');
        }),
      ),
    ).rejects.toThrow('malformed');
    expect([...channel.pending.keys()]).toEqual(['a']);
    expect({ ...channel.used }).toEqual({});
  });

  it('refuses two asks with the same key in one attempt', async () => {
    const channel = new ReplayChannel(emptyConversationState(), undefined, hooks());
    void channel.ask(ask('k'));
    await expect(channel.ask(ask('k'))).rejects.toThrow(SdkError);
  });

  describe('answers pinned to their question', () => {
    const small = confirm('Delete 3 files?');
    const large = confirm('Delete 3000 files?');
    const yes = { action: 'accept', content: { ok: true } };

    it('does not apply an answer to a changed question: asks it under a fresh key and reports the divergence', async () => {
      const divergences: Divergence[] = [];
      const recorded = state({ answers: { del: { f: fingerprintOf(small), a: yes } } });
      const channel = new ReplayChannel(recorded, undefined, hooks({ onDivergence: (event) => divergences.push(event) }));
      expect(await settled(channel.ask(ask('del', (response) => response, large)))).toBe('pending');
      const wireKey = `del~${fingerprintOf(large).slice(0, 8)}`;
      expect([...channel.pending.keys()]).toEqual([wireKey]);
      expect(divergences).toEqual([{ key: 'del', wireKey, inputMethod: 'elicitation/create' }]);
      expect({ ...channel.used }).toEqual({});

      // The answer to the new question, under its fresh key, is applied on the next attempt.
      const pending = channel.pending.get(wireKey);
      expect(pending?.entry).toEqual({ f: fingerprintOf(large), s: { k: 'form', n: ['ok'] } });
      const next = state({
        round: 2,
        asked: pending === undefined ? {} : { [wireKey]: pending.entry },
        answers: recorded.answers,
      });
      const replayed = new ReplayChannel(next, { [wireKey]: { action: 'decline' } }, hooks());
      expect(await replayed.ask(ask('del', (response) => response, large))).toEqual({ action: 'decline' });
      expect({ ...replayed.used }).toEqual({ [wireKey]: { f: fingerprintOf(large), a: { action: 'decline' } } });
    });

    it('does not take an answer given to another question under the same key', async () => {
      // The client answers "yes" under the key of the question it was shown; the handler now asks
      // something else under that key: the answer stays unused.
      const channel = new ReplayChannel(
        state({ asked: { del: { f: fingerprintOf(small), s: { k: 'form', n: ['ok'] } } } }),
        { del: yes },
        hooks(),
      );
      expect(await settled(channel.ask(ask('del', (response) => response, large)))).toBe('pending');
      expect({ ...channel.used }).toEqual({});
    });

    it('applies the answer when the same question is asked again, whatever its key order', async () => {
      const reordered: InputRequest = {
        method: 'elicitation/create',
        params: { requestedSchema: { properties: { ok: { type: 'boolean' } }, type: 'object' }, message: 'Delete 3 files?', mode: 'form' },
      };
      const channel = new ReplayChannel(state({ answers: { del: { f: fingerprintOf(small), a: yes } } }), undefined, hooks());
      expect(await channel.ask(ask('del', (response) => response, reordered))).toEqual(yes);
    });
  });

  describe('once', () => {
    it('runs fn once, records its JSON value, and replays the record without running fn again', async () => {
      let settledCalls = 0;
      const channel = new ReplayChannel(emptyConversationState(), undefined, hooks({ onSettled: () => (settledCalls += 1) }));
      let runs = 0;
      const value = await channel.once('ticket', () => {
        runs += 1;
        return { id: 'T-1', at: '1970-01-01T00:00:00.000Z' };
      });
      expect(value).toEqual({ id: 'T-1', at: '1970-01-01T00:00:00.000Z' });
      expect(settledCalls).toBe(1);
      expect(channel.running).toBe(0);
      const replayed = new ReplayChannel(state({ once: channel.onceResults }), undefined, hooks());
      const again = await replayed.once('ticket', () => ++runs);
      expect(again).toEqual(value);
      expect(runs).toBe(1);
      (again as unknown as { id: string }).id = 'changed';
      const third = new ReplayChannel(state({ once: replayed.onceResults }), undefined, hooks());
      expect(await third.once('ticket', () => ++runs)).toEqual(value);
      expect(runs).toBe(1);
    });

    it('refuses the same key twice in one attempt with SdkError INVALID_USAGE, not a silent reuse', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, hooks());
      let runs = 0;
      await channel.once('step', () => ++runs);
      const error: unknown = await channel.once('step', () => ++runs).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SdkError);
      expect((error as SdkError).code).toBe(SdkErrorCode.InvalidUsage);
      expect((error as SdkError).message).toContain('"step"');
      expect(runs).toBe(1);
    });

    it('refuses a value that is not JSON (a Date, an undefined member) with SdkError, and records nothing', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, hooks());
      await expect(channel.once('at', () => new Date(0))).rejects.toThrow(SdkError);
      await expect(channel.once('skip', () => ({ id: 'T-1', skip: undefined }))).rejects.toThrow(SdkError);
      expect(channel.onceResults['at']).toBeUndefined();
      expect(channel.onceResults['skip']).toBeUndefined();
    });

    it('records undefined as a value too', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, hooks());
      let runs = 0;
      expect(await channel.once('void', () => void (runs += 1))).toBeUndefined();
      expect(channel.onceResults['void']).toEqual({});
      const replayed = new ReplayChannel(state({ once: channel.onceResults }), undefined, hooks());
      expect(await replayed.once('void', () => void (runs += 1))).toBeUndefined();
      expect(runs).toBe(1);
    });

    it('records nothing when fn throws, so a later round tries again', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, hooks());
      await expect(channel.once('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
      expect(channel.onceResults['x']).toBeUndefined();
      expect(channel.running).toBe(0);
      const later = new ReplayChannel(state({ once: channel.onceResults }), undefined, hooks());
      expect(await later.once('x', () => 'up')).toBe('up');
    });
  });
});
