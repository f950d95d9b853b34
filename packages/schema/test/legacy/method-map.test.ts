import { describe, expect, it } from 'vitest';
import {
  LegacyClientRequestSchema,
  legacyClientRequests,
  legacyMethodMap,
  legacyServerRequests,
  ServerRequestSchema,
} from '../../src/legacy/index.js';

function methodsOf(union: {
  def: { options: readonly { shape: { method: { def: { values: readonly unknown[] } } } }[] };
}): string[] {
  return union.def.options.map((option) => String(option.shape.method.def.values[0]));
}

describe('legacyClientRequests', () => {
  it('covers every 2025-11-25 client request except the experimental tasks', () => {
    const expected = methodsOf(LegacyClientRequestSchema).filter(
      (method) => !method.startsWith('tasks/'),
    );
    expect(Object.keys(legacyClientRequests).sort()).toEqual(expected.sort());
  });

  it('parses results without resultType or caching hints', () => {
    expect(legacyClientRequests['tools/list'].result.parse({ tools: [] })).toEqual({ tools: [] });
    expect(legacyClientRequests.ping.result.parse({})).toEqual({});
    expect(legacyClientRequests['resources/read'].result.parse({ contents: [] })).toEqual({
      contents: [],
    });
  });

  it('accepts params without _meta', () => {
    expect(legacyClientRequests['tools/list'].params.parse(undefined)).toBeUndefined();
    expect(legacyClientRequests['logging/setLevel'].params.parse({ level: 'info' })).toEqual({
      level: 'info',
    });
  });
});

describe('legacyServerRequests', () => {
  it('covers the server requests a compat layer sends', () => {
    const expected = methodsOf(ServerRequestSchema).filter(
      (method) => !method.startsWith('tasks/'),
    );
    expect(Object.keys(legacyServerRequests).sort()).toEqual(expected.sort());
  });
});

describe('legacyMethodMap', () => {
  it('describes 2025-11-25', () => {
    expect(legacyMethodMap.revision).toBe('2025-11-25');
  });
});
