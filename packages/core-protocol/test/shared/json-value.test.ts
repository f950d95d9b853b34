import { describe, expect, it } from 'vitest';
import { copyJsonValue } from '../../src/shared/json-value.js';

describe('copyJsonValue', () => {
  it('copies every object and array, and keeps the values', () => {
    const value = { action: 'accept', content: { items: ['hat', { deep: [1, null, true] }] }, n: 2.5 };
    const copy = copyJsonValue(value);
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.content).not.toBe(value.content);
    expect(copy.content.items).not.toBe(value.content.items);
    expect(copy.content.items[1]).not.toBe(value.content.items[1]);
  });

  it('returns primitives as they are', () => {
    expect(copyJsonValue('text')).toBe('text');
    expect(copyJsonValue(0)).toBe(0);
    expect(copyJsonValue(null)).toBeNull();
    expect(copyJsonValue(undefined)).toBeUndefined();
  });

  it('keeps a "__proto__" key of parsed JSON as plain data', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const copy = copyJsonValue(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});
