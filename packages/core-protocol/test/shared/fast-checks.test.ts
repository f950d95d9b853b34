// The hand checks of the hot path (issue 20) must agree with the zod schemas they stand in front
// of: whatever they accept, the schema accepts with the same members; anything else goes to the
// schema (they answer `undefined`). Requirements: #35 (clientCapabilities read per request).
import { CallToolRequestParamsSchema, ClientCapabilitiesSchema, ImplementationSchema } from '@tern/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { omit } from 'zod/mini';

import {
  isPlainRecord,
  plainCallToolParams,
  plainCapabilities,
  plainImplementation,
} from '../../src/shared/fast-checks.js';

const CallToolParams = omit(CallToolRequestParamsSchema, { _meta: true });

/** Asserts that `fast` either declines or answers what `schema` answers. */
function agrees(fast: (value: unknown) => unknown, schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }, value: unknown): boolean {
  const answer = fast(value);
  if (answer === undefined) return false;
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(true);
  expect(answer).toEqual(parsed.data);
  return true;
}

describe('isPlainRecord', () => {
  it('accepts what JSON.parse builds and refuses the rest', () => {
    expect(isPlainRecord(JSON.parse('{"a":1}'))).toBe(true);
    expect(isPlainRecord(Object.create(null))).toBe(true);
    expect(isPlainRecord([])).toBe(false);
    expect(isPlainRecord(null)).toBe(false);
    expect(isPlainRecord(new Date())).toBe(false);
    expect(isPlainRecord('x')).toBe(false);
    // Members that zod's own object test or record copy treat specially take the schema's path.
    expect(isPlainRecord(JSON.parse('{"constructor":{}}'))).toBe(false);
    expect(isPlainRecord(JSON.parse('{"__proto__":{}}'))).toBe(false);
  });
});

describe('plainCapabilities', () => {
  it.each([
    {},
    { elicitation: {} },
    { elicitation: { form: {}, url: {} }, sampling: { tools: {} }, roots: {} },
    { experimental: { 'x.example/y': {} }, extensions: { 'io.modelcontextprotocol/ui': {} } },
    { vendor: { anything: {} } },
  ])('accepts %j as the schema does', (value) => {
    expect(agrees(plainCapabilities, ClientCapabilitiesSchema, value)).toBe(true);
  });

  it.each([
    undefined,
    null,
    [],
    'x',
    { elicitation: true },
    { elicitation: { form: true } },
    { elicitation: { form: { deep: {} } } },
    { experimental: { x: [] } },
    { roots: [] },
  ])('leaves %j to the schema', (value) => {
    expect(plainCapabilities(value)).toBeUndefined();
  });

  it('never accepts what the schema refuses (property)', () => {
    const leaf = fc.oneof(fc.constant({}), fc.constant([]), fc.constant(null), fc.string(), fc.integer(), fc.boolean());
    const member = fc.oneof(leaf, fc.dictionary(fc.string(), leaf, { maxKeys: 3 }));
    const keys = fc.constantFrom('experimental', 'roots', 'sampling', 'elicitation', 'extensions', 'other');
    fc.assert(
      fc.property(fc.dictionary(keys, member, { maxKeys: 4 }), (value) => {
        agrees(plainCapabilities, ClientCapabilitiesSchema, value);
      }),
    );
  });
});

describe('plainImplementation', () => {
  it.each([
    { name: 'c', version: '1' },
    { name: 'c', version: '1', title: 'C', description: 'd', websiteUrl: 'https://c.example' },
    { name: 'c', version: '1', vendorField: [1, 2] },
  ])('accepts %j as the schema does', (value) => {
    expect(agrees(plainImplementation, ImplementationSchema, value)).toBe(true);
  });

  it.each([
    undefined,
    { name: 'c' },
    { name: 1, version: '1' },
    { name: 'c', version: '1', title: 2 },
    { name: 'c', version: '1', icons: [{ src: 'https://c.example/i.png' }] },
  ])('leaves %j to the schema', (value) => {
    expect(plainImplementation(value)).toBeUndefined();
  });

  it('never accepts what the schema refuses (property)', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant(null), fc.constant([]));
    fc.assert(
      fc.property(fc.record({ name: field, version: field, title: field, description: field, websiteUrl: field, icons: field }, { requiredKeys: [] }), (value) => {
        agrees(plainImplementation, ImplementationSchema, value);
      }),
    );
  });
});

describe('plainCallToolParams', () => {
  it.each([
    { name: 'echo' },
    { name: 'echo', arguments: { text: 'hi', nested: { deep: [1, { x: null }] } } },
    { name: 'echo', arguments: {}, requestState: 'abc', _meta: { any: 'thing' } },
    // A retry that answers form elicitations.
    {
      name: 'book',
      arguments: { city: 'Lisbon' },
      inputResponses: {
        nights: { action: 'accept', content: { nights: 3, pets: false, name: 'Ada', rooms: ['a', 'b'] } },
        sure: { action: 'decline' },
        other: { action: 'cancel', _meta: { vendor: 1 } },
      },
      requestState: 'ts2.k.abc',
    },
    { name: 'book', inputResponses: {} },
  ])('accepts %j as the schema does', (value) => {
    expect(agrees(plainCallToolParams, CallToolParams, value)).toBe(true);
  });

  it.each([
    undefined,
    {},
    { name: 1 },
    { name: 'echo', arguments: [] },
    { name: 'echo', arguments: 'x' },
    { name: 'echo', requestState: 1 },
    // Answers other than form elicitations take the schema's path, which checks every one of them.
    { name: 'echo', inputResponses: { a: { roots: [] } } },
    { name: 'echo', inputResponses: { a: { role: 'assistant', content: { type: 'text', text: 'x' }, model: 'm' } } },
    { name: 'echo', inputResponses: { a: { action: 'maybe' } } },
    { name: 'echo', inputResponses: { a: { action: 'accept', content: { n: Number.NaN } } } },
    { name: 'echo', inputResponses: { a: { action: 'accept', content: { n: [1] } } } },
    { name: 'echo', inputResponses: { a: { action: 'accept', content: { n: { deep: 'x' } } } } },
    { name: 'echo', inputResponses: { a: { action: 'accept', content: 'x' } } },
    { name: 'echo', inputResponses: [] },
    { name: 'echo', inputResponses: { a: null } },
    // A hole is not a string (`Array.prototype.every` would skip it).
    { name: 'echo', inputResponses: { a: { action: 'accept', content: { n: ['x', , 'y'] } } } },
    JSON.parse('{"name":"echo","inputResponses":{"__proto__":{"action":"accept"}}}'),
    JSON.parse('{"name":"echo","arguments":{"__proto__":{"x":1}}}'),
  ])('leaves %j to the schema', (value) => {
    expect(plainCallToolParams(value)).toBeUndefined();
  });

  it('never accepts answers the schema refuses (property)', () => {
    const field = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }), fc.constant({}));
    const answer = fc.record(
      { action: fc.oneof(fc.constantFrom('accept', 'decline', 'cancel'), fc.string()), content: fc.oneof(fc.dictionary(fc.string(), field, { maxKeys: 3 }), fc.string()), _meta: fc.constant({}) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), answer, { maxKeys: 3 }), (inputResponses) => {
        agrees(plainCallToolParams, CallToolParams, { name: 'book', inputResponses });
      }),
    );
  });
});
