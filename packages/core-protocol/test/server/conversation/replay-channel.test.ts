// ReplayChannel: answers replayed from the sealed state and from inputResponses. Requirements:
// #71 (unrequested keys are ignored), #72 (a missing answer is asked again), #61 (ctx.once).
import type { InputRequest } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { SdkError } from '../../../src/index.js';
import type { Ask } from '../../../src/index.js';
import { emptyConversationState } from '../../../src/server/conversation/conversation-state.js';
import type { ConversationState } from '../../../src/server/conversation/conversation-state.js';
import { ReplayChannel } from '../../../src/server/conversation/replay-channel.js';

const ROOTS_REQUEST: InputRequest = { method: 'roots/list' };

function ask(key: string, accept: (response: unknown) => unknown = (response) => response): Ask {
  return { key, request: ROOTS_REQUEST, accept };
}

/** Settles to 'pending' when `promise` has not settled after the current microtasks. */
async function settled(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('pending'), 0))]);
}

function state(overrides: Partial<ConversationState>): ConversationState {
  return { ...emptyConversationState(), ...overrides };
}

describe('ReplayChannel', () => {
  it('records an ask without an answer as pending and never settles it (requirements.md #72)', async () => {
    let pendingCalls = 0;
    const channel = new ReplayChannel(
      emptyConversationState(),
      undefined,
      () => (pendingCalls += 1),
    );
    expect(await settled(channel.ask(ask('roots-1')))).toBe('pending');
    expect([...channel.pending]).toEqual([['roots-1', ROOTS_REQUEST]]);
    expect(pendingCalls).toBe(1);
  });

  it('takes answers only for keys asked in the last round (requirements.md #71)', async () => {
    const responses = { asked: { roots: [] }, unasked: { roots: [{ uri: 'file:///x' }] } };
    const channel = new ReplayChannel(
      state({ round: 1, asked: ['asked'] }),
      responses,
      () => undefined,
    );
    expect(await channel.ask(ask('asked'))).toEqual({ roots: [] });
    expect(await settled(channel.ask(ask('unasked')))).toBe('pending');
    expect({ ...channel.used }).toEqual({ asked: { roots: [] } });
  });

  it('matches answers sent without state by the keys the handler asks, and ignores the rest (conformance sep-2322-ignore-unexpected-params)', async () => {
    const channel = new ReplayChannel(
      emptyConversationState(),
      { 'roots-1': { roots: [] }, unexpected: { roots: [{ uri: 'file:///x' }] } },
      () => undefined,
    );
    expect(await channel.ask(ask('roots-1'))).toEqual({ roots: [] });
    expect({ ...channel.used }).toEqual({ 'roots-1': { roots: [] } });
  });

  it('replays answers of earlier rounds from the state, and prefers a fresh answer to a re-asked key', async () => {
    const earlier = state({ round: 2, asked: ['b'], answers: { a: 'from-state', b: 'stale' } });
    const channel = new ReplayChannel(earlier, { a: 'ignored', b: 'fresh' }, () => undefined);
    expect(await channel.ask(ask('a'))).toBe('from-state');
    expect(await channel.ask(ask('b'))).toBe('fresh');
  });

  it('asks again when accept refuses the answer, and lets accept throw for malformed ones', async () => {
    const channel = new ReplayChannel(
      state({ asked: ['a', 'b'] }),
      { a: 'bad', b: 'worse' },
      () => undefined,
    );
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
    const channel = new ReplayChannel(emptyConversationState(), undefined, () => undefined);
    void channel.ask(ask('k'));
    await expect(channel.ask(ask('k'))).rejects.toThrow(SdkError);
  });

  describe('once', () => {
    it('runs fn once, records its JSON value, and replays the record without running fn again', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, () => undefined);
      let runs = 0;
      const value = await channel.once('ticket', () => {
        runs += 1;
        return { id: 'T-1', at: new Date(0), skip: undefined };
      });
      // The value is what later rounds will see after a JSON round trip.
      expect(value).toEqual({ id: 'T-1', at: '1970-01-01T00:00:00.000Z' });
      expect(await channel.once('ticket', () => ++runs)).toEqual(value);
      expect(runs).toBe(1);
      const replayed = new ReplayChannel(
        state({ once: channel.onceResults }),
        undefined,
        () => undefined,
      );
      const again = await replayed.once('ticket', () => ++runs);
      expect(again).toEqual(value);
      expect(runs).toBe(1);
      (again as unknown as { id: string }).id = 'changed';
      expect(await replayed.once('ticket', () => ++runs)).toEqual(value);
    });

    it('records undefined as a value too', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, () => undefined);
      let runs = 0;
      expect(await channel.once('void', () => void (runs += 1))).toBeUndefined();
      expect(channel.onceResults['void']).toEqual({});
      expect(await channel.once('void', () => void (runs += 1))).toBeUndefined();
      expect(runs).toBe(1);
    });

    it('records nothing when fn throws, so a later round tries again', async () => {
      const channel = new ReplayChannel(emptyConversationState(), undefined, () => undefined);
      await expect(channel.once('x', () => Promise.reject(new Error('down')))).rejects.toThrow(
        'down',
      );
      expect(channel.onceResults['x']).toBeUndefined();
      expect(await channel.once('x', () => 'up')).toBe('up');
    });
  });
});
