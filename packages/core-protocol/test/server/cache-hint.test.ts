// checkCacheHint and NO_CACHE. Requirements: #179, #183 (ttlMs is a non-negative integer).
import { describe, expect, it } from 'vitest';
import { checkCacheHint, NO_CACHE } from '../../src/server/cache-hint.js';
import { SdkError } from '@tern/core-protocol';

describe('checkCacheHint', () => {
  it('accepts a non-negative integer ttlMs and returns a copy without extra keys', () => {
    const hint = { ttlMs: 0, cacheScope: 'public' as const, extra: 1 };
    expect(checkCacheHint(hint)).toEqual({ ttlMs: 0, cacheScope: 'public' });
    expect(checkCacheHint({ ttlMs: 86_400_000, cacheScope: 'private' })).toEqual({
      ttlMs: 86_400_000,
      cacheScope: 'private',
    });
  });

  it('refuses a negative, fractional, infinite or NaN ttlMs (requirements.md #183)', () => {
    for (const ttlMs of [
      -1,
      0.5,
      Number.POSITIVE_INFINITY,
      Number.NaN,
      Number.MAX_SAFE_INTEGER + 2,
    ]) {
      expect(() => checkCacheHint({ ttlMs, cacheScope: 'public' })).toThrow(SdkError);
    }
  });
});

describe('NO_CACHE', () => {
  it('is immediately stale and never shared across users', () => {
    expect(NO_CACHE).toEqual({ ttlMs: 0, cacheScope: 'private' });
  });
});
