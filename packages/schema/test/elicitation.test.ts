import { describe, expect, it } from 'vitest';
import { ElicitRequestParamsSchema, ElicitResultSchema } from '../src/index.js';

describe('ElicitResultSchema', () => {
  it('accepts non-integer numbers in content (schema.json narrows them to integer)', () => {
    const result = { action: 'accept', content: { age: 30.5, tags: ['a'], ok: true, name: 'x' } };
    expect(ElicitResultSchema.parse(result)).toEqual(result);
  });

  it('is strict about action', () => {
    expect(ElicitResultSchema.safeParse({ action: 'ok' }).success).toBe(false);
    expect(ElicitResultSchema.safeParse({ action: 'Accept' }).success).toBe(false);
  });

  it('rejects nested objects as content values', () => {
    expect(
      ElicitResultSchema.safeParse({ action: 'accept', content: { a: { b: 1 } } }).success,
    ).toBe(false);
  });
});

describe('ElicitRequestParamsSchema', () => {
  it('accepts URL mode without elicitationId (removed in 2026-07-28)', () => {
    const params = { mode: 'url', message: 'Connect', url: 'https://example.com/connect' };
    expect(ElicitRequestParamsSchema.parse(params)).toEqual(params);
  });

  it('rejects an unknown mode', () => {
    const params = {
      mode: 'popup',
      message: 'x',
      requestedSchema: { type: 'object', properties: {} },
    };
    expect(ElicitRequestParamsSchema.safeParse(params).success).toBe(false);
  });
});
