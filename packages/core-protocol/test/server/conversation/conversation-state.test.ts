// emptyConversationState, toConversationState and toPlainRecord: the payload of a sealed
// requestState, checked again after opening (requirements.md #58: state is attacker-controlled
// input, so even authenticated payloads fail safely) and kept free of prototype tricks (B5).
import { describe, expect, it } from 'vitest';
import {
  emptyConversationState,
  toConversationState,
  toPlainRecord,
} from '../../../src/server/conversation/conversation-state.js';

describe('emptyConversationState', () => {
  it('starts at round 0 with nothing asked, answered or recorded', () => {
    expect(emptyConversationState()).toEqual({
      v: 2,
      round: 0,
      startedAt: 0,
      asked: {},
      answers: {},
      once: {},
    });
    expect(emptyConversationState()).not.toBe(emptyConversationState());
  });
});

describe('toConversationState', () => {
  const asked = { a: { f: 'fp-a', s: { k: 'form', n: ['name'] } }, r: { f: 'fp-r', s: { k: 'roots' } } };
  const answers = { a: { f: 'fp-a', a: { action: 'accept', content: { name: 'x' } } } };

  it('reads back a well-formed payload into prototype-less records', () => {
    const state = toConversationState({ v: 2, round: 2, startedAt: 5, asked, answers, once: { t: { v: 1 } } });
    expect(state).toEqual({ v: 2, round: 2, startedAt: 5, asked, answers, once: { t: { v: 1 } } });
    expect(Object.getPrototypeOf(state?.asked)).toBeNull();
    expect(Object.getPrototypeOf(state?.answers)).toBeNull();
    expect(Object.getPrototypeOf(state?.once)).toBeNull();
  });

  it('refuses payloads of another shape or format version', () => {
    const good = { v: 2, round: 1, startedAt: 0, asked: {}, answers: {}, once: {} };
    expect(toConversationState(good)).toBeDefined();
    for (const payload of [
      undefined,
      null,
      'state',
      [],
      // The v1 format (asks bound by key only) is not read as v2.
      { v: 1, round: 1, asked: ['a'], answers: { a: { action: 'accept' } }, once: {} },
      { ...good, v: 3 },
      { ...good, round: '1' },
      { ...good, round: 1.5 },
      { ...good, startedAt: '0' },
      { ...good, startedAt: undefined },
      { ...good, asked: 'a' },
      { ...good, asked: ['a'] },
      { ...good, asked: { a: 'fp-a' } },
      { ...good, asked: { a: { f: 1, s: { k: 'roots' } } } },
      { ...good, asked: { a: { f: 'fp-a' } } },
      { ...good, asked: { a: { f: 'fp-a', s: { k: 'other' } } } },
      { ...good, asked: { a: { f: 'fp-a', s: { k: 'form', n: [1] } } } },
      { ...good, answers: [] },
      { ...good, answers: null },
      { ...good, answers: { a: { action: 'accept' } } },
      { ...good, answers: { a: { f: 'fp-a' } } },
      { ...good, answers: { a: { f: 2, a: {} } } },
      { ...good, once: 'x' },
    ]) {
      expect(toConversationState(payload), JSON.stringify(payload)).toBeUndefined();
    }
  });
});

describe('toPlainRecord', () => {
  it('keeps __proto__ and constructor keys as plain data', () => {
    const record = toPlainRecord(
      JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"a":1}',
      ) as Record<string, unknown>,
    );
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'a']);
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
