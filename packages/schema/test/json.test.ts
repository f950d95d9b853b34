import { describe, expect, it } from 'vitest';
import { JSONArraySchema, JSONObjectSchema, JSONValueSchema } from '../src/index.js';

describe('JSONValueSchema', () => {
  it('accepts non-integer numbers, which schema.json wrongly narrows to integer', () => {
    expect(JSONValueSchema.parse(30.5)).toBe(30.5);
    expect(JSONValueSchema.parse(-0.001)).toBe(-0.001);
  });

  it('accepts null, which schema.json wrongly omits', () => {
    expect(JSONValueSchema.parse(null)).toBeNull();
  });

  it('accepts nested objects and arrays', () => {
    const value = { a: [1, 'two', { three: [null, true, 4.5] }], b: {} };
    expect(JSONValueSchema.parse(value)).toEqual(value);
  });

  it('rejects values JSON cannot carry', () => {
    for (const value of [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      Symbol('x'),
    ]) {
      expect(JSONValueSchema.safeParse(value).success).toBe(false);
    }
  });

  it('rejects a non-JSON value nested deep inside', () => {
    expect(JSONValueSchema.safeParse({ a: [{ b: undefined }] }).success).toBe(false);
  });
});

describe('JSONObjectSchema', () => {
  it('accepts null and fractional member values', () => {
    expect(JSONObjectSchema.parse({ age: 30.5, nickname: null })).toEqual({
      age: 30.5,
      nickname: null,
    });
  });

  it('rejects arrays and primitives', () => {
    expect(JSONObjectSchema.safeParse([]).success).toBe(false);
    expect(JSONObjectSchema.safeParse('x').success).toBe(false);
  });
});

describe('JSONArraySchema', () => {
  it('accepts mixed JSON values', () => {
    expect(JSONArraySchema.parse([1.5, null, 'a', [false]])).toEqual([1.5, null, 'a', [false]]);
  });
});
