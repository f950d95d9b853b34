import { describe, expect, it } from 'vitest';
import { CursorSchema, ProgressTokenSchema, RequestIdSchema } from '../src/index.js';

describe('RequestIdSchema', () => {
  it('accepts strings and integers, including 0 and negatives', () => {
    for (const id of ['abc', '', 0, -7, 42]) expect(RequestIdSchema.parse(id)).toBe(id);
  });

  it('never accepts null', () => {
    expect(RequestIdSchema.safeParse(null).success).toBe(false);
  });

  it('rejects fractional numbers, booleans and missing ids', () => {
    for (const id of [1.5, true, undefined, {}])
      expect(RequestIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('ProgressTokenSchema', () => {
  it('accepts strings and integers but not null or fractions', () => {
    expect(ProgressTokenSchema.parse('t-1')).toBe('t-1');
    expect(ProgressTokenSchema.parse(3)).toBe(3);
    expect(ProgressTokenSchema.safeParse(null).success).toBe(false);
    expect(ProgressTokenSchema.safeParse(0.5).success).toBe(false);
  });
});

describe('CursorSchema', () => {
  it('treats the empty string as a valid cursor', () => {
    expect(CursorSchema.parse('')).toBe('');
  });
});
