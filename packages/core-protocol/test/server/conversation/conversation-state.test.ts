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
    expect(emptyConversationState()).toEqual({ v: 1, round: 0, asked: [], answers: {}, once: {} });
    expect(emptyConversationState()).not.toBe(emptyConversationState());
  });
});

describe('toConversationState', () => {
  it('reads back a well-formed payload into prototype-less records', () => {
    const state = toConversationState({
      v: 1,
      round: 2,
      asked: ['a'],
      answers: { a: { action: 'accept' } },
      once: { t: { v: 1 } },
    });
    expect(state).toEqual({
      v: 1,
      round: 2,
      asked: ['a'],
      answers: { a: { action: 'accept' } },
      once: { t: { v: 1 } },
    });
    expect(Object.getPrototypeOf(state?.answers)).toBeNull();
    expect(Object.getPrototypeOf(state?.once)).toBeNull();
  });

  it('refuses payloads of another shape or format version', () => {
    const good = { v: 1, round: 1, asked: [], answers: {}, once: {} };
    for (const payload of [
      undefined,
      null,
      'state',
      [],
      { ...good, v: 2 },
      { ...good, round: '1' },
      { ...good, asked: 'a' },
      { ...good, asked: [1] },
      { ...good, answers: [] },
      { ...good, answers: null },
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
