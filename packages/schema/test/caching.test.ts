import { describe, expect, it } from 'vitest';
import {
  CACHEABLE_METHODS,
  CacheableResultSchema,
  CacheScopeSchema,
  ListToolsResultSchema,
  TtlMsSchema,
} from '../src/index.js';

describe('TtlMsSchema', () => {
  it('accepts zero and positive integers', () => {
    expect(TtlMsSchema.parse(0)).toBe(0);
    expect(TtlMsSchema.parse(600_000)).toBe(600_000);
  });

  it('rejects negative and fractional values', () => {
    expect(TtlMsSchema.safeParse(-1).success).toBe(false);
    expect(TtlMsSchema.safeParse(1.5).success).toBe(false);
    expect(TtlMsSchema.safeParse('60').success).toBe(false);
  });
});

describe('CacheScopeSchema', () => {
  it('accepts only public and private', () => {
    expect(CacheScopeSchema.parse('public')).toBe('public');
    expect(CacheScopeSchema.parse('private')).toBe('private');
    expect(CacheScopeSchema.safeParse('shared').success).toBe(false);
  });
});

describe('CacheableResultSchema', () => {
  it('requires both caching hints on a complete result', () => {
    expect(CacheableResultSchema.safeParse({ resultType: 'complete', ttlMs: 0 }).success).toBe(
      false,
    );
    expect(
      CacheableResultSchema.safeParse({ resultType: 'complete', cacheScope: 'public' }).success,
    ).toBe(false);
    expect(
      CacheableResultSchema.safeParse({ resultType: 'complete', ttlMs: 0, cacheScope: 'public' })
        .success,
    ).toBe(true);
  });

  it('applies to the list results', () => {
    const result = { resultType: 'complete', tools: [], ttlMs: -5, cacheScope: 'public' };
    expect(ListToolsResultSchema.safeParse(result).success).toBe(false);
  });
});

describe('CACHEABLE_METHODS', () => {
  it('names the six cacheable methods', () => {
    expect([...CACHEABLE_METHODS].sort()).toEqual([
      'prompts/list',
      'resources/list',
      'resources/read',
      'resources/templates/list',
      'server/discover',
      'tools/list',
    ]);
  });
});
