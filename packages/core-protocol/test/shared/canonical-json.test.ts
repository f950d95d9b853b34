import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalJson, freezeCanonical } from '../../src/shared/canonical-json.js';

/** Rebuilds every object of `value` with its keys in a shuffled order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const shuffled = entries
    .map((entry, index) => ({ entry, rank: (index * 7919 + seed) % (entries.length + 3) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ entry: [key, item] }) => [key, shuffleKeys(item, seed)] as const);
  return Object.fromEntries(shuffled);
}

describe('canonicalJson', () => {
  it('sorts object keys by UTF-16 code unit and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], A: 'x' })).toBe(
      '{"A":"x","a":[3,{"c":null,"d":true}],"b":1}',
    );
    // By code unit, not code point: U+1F600 starts with 0xD83D, which is below 0xE000.
    expect(canonicalJson({ '\uE000': 1, '😀': 2 })).toBe('{"😀":2,"\uE000":1}');
  });

  it('sorts integer-like keys as strings', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', x: 'c' })).toBe('{"10":"a","9":"b","x":"c"}');
  });

  it('drops undefined, functions and symbols from objects and nulls them in arrays', () => {
    expect(canonicalJson({ a: undefined, b: () => 1, c: Symbol('s'), d: 1 })).toBe('{"d":1}');
    expect(canonicalJson([undefined, () => 1, Symbol('s')])).toBe('[null,null,null]');
  });

  it('writes non-finite numbers as null and -0 as 0', () => {
    expect(canonicalJson([NaN, Infinity, -Infinity, -0, 1e21, 0.1])).toBe(
      '[null,null,null,0,1e+21,0.1]',
    );
  });

  it('returns "null" for a top-level value JSON cannot represent', () => {
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('honours toJSON and unwraps boxed primitives like JSON.stringify', () => {
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson([Object(1), Object('s'), Object(false)])).toBe('[1,"s",false]');
  });

  it('escapes strings like JSON.stringify, including lone surrogates', () => {
    expect(canonicalJson('a"\\\n\u0001\uD800')).toBe(JSON.stringify('a"\\\n\u0001\uD800'));
  });

  it('denotes the same value as JSON.stringify', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on the order of object keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('accepts 256 levels of nesting and refuses 257 with RangeError', () => {
    let value: unknown = 1;
    for (let level = 0; level < 256; level++) value = [value];
    expect(canonicalJson(value)).toBe(`${'['.repeat(256)}1${']'.repeat(256)}`);
    expect(() => canonicalJson({ deeper: value })).toThrow(RangeError);
  });

  it('refuses cycles with RangeError instead of overflowing the stack', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => canonicalJson(cycle)).toThrow(RangeError);
  });

  it('refuses BigInt with TypeError, like JSON.stringify', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('serialises an own "__proto__" key as data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('freezeCanonical', () => {
  it('freezes a value deeply and serialises what holds it to the same text as before', () => {
    const schema = {
      type: 'object',
      properties: { b: { type: 'string' }, a: { enum: ['x', 'y'] } },
    };
    const before = canonicalJson({ params: { requestedSchema: schema, message: 'm' } });
    const frozen = freezeCanonical(schema);
    expect(frozen).toBe(schema);
    expect(Object.isFrozen(schema.properties.a.enum)).toBe(true);
    expect(() => {
      (schema.properties.b as Record<string, unknown>)['type'] = 'number';
    }).toThrow(TypeError);
    expect(canonicalJson({ params: { requestedSchema: schema, message: 'm' } })).toBe(before);
  });
});
