import { describe, expect, it } from 'vitest';
import { SdkError } from '../../../src/index.js';
import { emptyConversationState } from '../../../src/server/conversation/conversation-state.js';
import { DEFAULT_RECENT_JOURNALS, RecentJournals, recentJournalsLimits } from '../../../src/server/conversation/recent-journals.js';
import type { StateBinding } from '../../../src/server/request-state/request-state-sealer.js';

const BINDING: StateBinding = { method: 'tools/call', target: 'book', argumentsDigest: '{"city":"Lisbon"}', principal: 'ada' };

function journals(limits: Partial<{ maxEntries: number; maxChars: number }> = {}) {
  let now = 1_000;
  const recent = new RecentJournals({ ...DEFAULT_RECENT_JOURNALS, ...limits }, () => now);
  return { recent, advance: (ms: number) => (now += ms), now: () => now };
}

describe('RecentJournals', () => {
  it('gives back the journal sealed as a token for the same binding, once', () => {
    const { recent, now } = journals();
    const state = { ...emptyConversationState(), round: 1 };
    recent.remember('ts2.k.token-a', { state, binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.size).toBe(1);
    expect(recent.take('ts2.k.token-a', { ...BINDING })).toBe(state);
    // Taken: a second use of the token goes the full way through the sealer.
    expect(recent.take('ts2.k.token-a', BINDING)).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it.each([
    ['another method', { method: 'prompts/get' }],
    ['another target', { target: 'cancel' }],
    ['other arguments', { argumentsDigest: '{"city":"Porto"}' }],
    ['another principal', { principal: 'bob' }],
    ['the empty principal', { principal: '' }],
  ])('refuses %s (requirements.md #60) and drops the entry', (_what, change) => {
    const { recent, now } = journals();
    recent.remember('token', { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.take('token', { ...BINDING, ...change })).toBeUndefined();
    expect(recent.size).toBe(0);
    expect(recent.take('token', BINDING)).toBeUndefined();
  });

  it('gives nothing for another token that ends the same way, and drops the entry it landed on', () => {
    // Dropped before the comparison: nobody can time a second comparison against a kept token.
    // The real token still opens, the full way through the sealer (mrtr-recent.test.ts).
    const { recent, now } = journals();
    const tail = 'T'.repeat(40);
    const state = emptyConversationState();
    recent.remember(`ts2.k.aaaa${tail}`, { state, binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.take(`ts2.k.bbbb${tail}`, BINDING)).toBeUndefined();
    expect(recent.size).toBe(0);
    expect(recent.take(`ts2.k.aaaa${tail}`, BINDING)).toBeUndefined();
  });

  it('keeps tokens apart that differ only in their last characters', () => {
    const { recent, now } = journals();
    const body = 'B'.repeat(600);
    const first = { ...emptyConversationState(), round: 1 };
    const second = { ...emptyConversationState(), round: 2 };
    recent.remember(`ts2.k.${body}tail-aaaaaaa`, { state: first, binding: BINDING, expiresAt: now() + 60_000 });
    recent.remember(`ts2.k.${body}tail-aaaaaab`, { state: second, binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.size).toBe(2);
    expect(recent.take(`ts2.k.${body}tail-aaaaaab`, BINDING)).toBe(second);
    expect(recent.take(`ts2.k.${body}tail-aaaaaaa`, BINDING)).toBe(first);
  });

  it('keeps "no principal" apart from every principal', () => {
    const { recent, now } = journals();
    const { principal: _dropped, ...anonymous } = BINDING;
    recent.remember('token', { state: emptyConversationState(), binding: anonymous, expiresAt: now() + 60_000 });
    expect(recent.take('token', { ...anonymous, principal: 'ada' })).toBeUndefined();
    recent.remember('token', { state: emptyConversationState(), binding: anonymous, expiresAt: now() + 60_000 });
    expect(recent.take('token', anonymous)).toBeDefined();
  });

  it('keeps its own copy of the binding', () => {
    const { recent, now } = journals();
    const binding = { ...BINDING };
    recent.remember('token', { state: emptyConversationState(), binding: binding, expiresAt: now() + 60_000 });
    binding.target = 'changed';
    expect(recent.take('token', BINDING)).toBeDefined();
  });

  it('never gives back a journal at or after its expiry', () => {
    const { recent, now, advance } = journals();
    recent.remember('token', { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 100 });
    advance(100);
    expect(recent.take('token', BINDING)).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it('drops expired journals as new ones come', () => {
    const { recent, now, advance } = journals();
    recent.remember('old', { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 100 });
    advance(200);
    recent.remember('new', { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 100 });
    expect(recent.size).toBe(1);
    expect(recent.take('new', BINDING)).toBeDefined();
  });

  it('evicts the oldest journals past maxEntries', () => {
    const { recent, now } = journals({ maxEntries: 2 });
    for (const token of ['one', 'two', 'three']) recent.remember(token, { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.size).toBe(2);
    expect(recent.take('one', BINDING)).toBeUndefined();
    expect(recent.take('two', BINDING)).toBeDefined();
    expect(recent.take('three', BINDING)).toBeDefined();
  });

  it('evicts the oldest journals past maxChars, and keeps none larger than it', () => {
    const digest = BINDING.argumentsDigest.length;
    const { recent, now } = journals({ maxChars: 2 * (10 + digest) });
    for (const token of ['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)]) {
      recent.remember(token, { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 60_000 });
    }
    expect(recent.size).toBe(2);
    expect(recent.take('a'.repeat(10), BINDING)).toBeUndefined();
    recent.remember('d'.repeat(2 * (10 + digest)), { state: emptyConversationState(), binding: BINDING, expiresAt: now() + 60_000 });
    expect(recent.size).toBe(2);
    expect(recent.take('d'.repeat(2 * (10 + digest)), BINDING)).toBeUndefined();
  });
});

describe('recentJournalsLimits', () => {
  it('reads the option: defaults, partial bounds, or off', () => {
    expect(recentJournalsLimits(undefined)).toEqual({ maxEntries: 1024, maxChars: 4 * 1024 * 1024 });
    expect(recentJournalsLimits({ maxEntries: 8 })).toEqual({ maxEntries: 8, maxChars: 4 * 1024 * 1024 });
    expect(recentJournalsLimits(false)).toBeUndefined();
    // From JavaScript, a bound left undefined takes its default.
    expect(recentJournalsLimits({ maxChars: undefined } as unknown as { maxChars: number })).toEqual(DEFAULT_RECENT_JOURNALS);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the bound %s', (bound) => {
    expect(() => recentJournalsLimits({ maxEntries: bound })).toThrow(SdkError);
    expect(() => recentJournalsLimits({ maxChars: bound })).toThrow(/requestState\.recent\.maxChars must be a positive integer/);
  });
});
