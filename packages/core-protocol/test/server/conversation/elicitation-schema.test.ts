// compileElicitationSchema: the restricted flat form schemas of form elicitation (mrtr.md §3.1),
// and validation of accepted content (requirements.md #229).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fingerprintOf } from '../../../src/shared/fingerprint.js';
import { SdkError } from '../../../src/index.js';
import { compileElicitationSchema } from '../../../src/server/conversation/elicitation-schema.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer } from '../helpers/server-fixtures.js';

describe('compileElicitationSchema', () => {
  it('turns a zod object of primitive and enum fields into a requestedSchema', () => {
    const schema = z.object({
      email: z.email().describe('Where to reply'),
      age: z.number().int().min(0).max(150),
      ratio: z.number(),
      subscribe: z.boolean().default(false),
      plan: z.enum(['free', 'pro']),
      tags: z.array(z.enum(['a', 'b'])).min(1),
      nickname: z.string().optional(),
    });
    const { requestedSchema } = compileElicitationSchema(schema);
    expect(requestedSchema.type).toBe('object');
    expect(requestedSchema).not.toHaveProperty('$schema');
    expect(Object.keys(requestedSchema.properties)).toEqual([
      'email',
      'age',
      'ratio',
      'subscribe',
      'plan',
      'tags',
      'nickname',
    ]);
    expect(requestedSchema.properties['email']).toMatchObject({
      type: 'string',
      format: 'email',
      description: 'Where to reply',
    });
    expect(requestedSchema.properties['age']).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 150,
    });
    expect(requestedSchema.properties['plan']).toEqual({ type: 'string', enum: ['free', 'pro'] });
    expect(requestedSchema.properties['tags']).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['a', 'b'] },
      minItems: 1,
    });
    expect(requestedSchema.required).toEqual(['email', 'age', 'ratio', 'plan', 'tags']);
  });

  it('takes a JSON requestedSchema as is, leaving out an empty required list', () => {
    const json = {
      type: 'object',
      properties: {
        severity: {
          type: 'string',
          oneOf: [
            { const: 's1', title: 'SEV-1' },
            { const: 's2', title: 'SEV-2' },
          ],
        },
        areas: { type: 'array', items: { anyOf: [{ const: 'db', title: 'Database' }] } },
      },
      required: [],
    };
    expect(compileElicitationSchema(json).requestedSchema).toEqual({
      type: 'object',
      properties: json.properties,
    });
  });

  it('validates accepted content with the zod schema or the JSON schema', () => {
    const zod = compileElicitationSchema(z.object({ n: z.number().min(1) }));
    expect(zod.validator.validate({ n: 2 })).toEqual({ success: true, value: { n: 2 } });
    expect(zod.validator.validate({ n: 0 }).success).toBe(false);
    const json = compileElicitationSchema({
      type: 'object',
      properties: { n: { type: 'integer', minimum: 1 } },
      required: ['n'],
    });
    expect(json.validator.validate({ n: 2 }).success).toBe(true);
    expect(json.validator.validate({ n: 1.5 }).success).toBe(false);
    expect(json.validator.validate({}).success).toBe(false);
  });

  it('compiles each schema object once', () => {
    const schema = z.object({ a: z.string() });
    expect(compileElicitationSchema(schema)).toBe(compileElicitationSchema(schema));
  });

  it('refuses nested objects, arrays of free values and non-object roots with SdkError INVALID_USAGE', () => {
    const invalid: (z.ZodType | Record<string, unknown>)[] = [
      z.object({ address: z.object({ street: z.string() }) }),
      z.object({ list: z.array(z.string()) }),
      z.string(),
      { type: 'object' },
      { type: 'object', properties: { x: 'string' } },
      { type: 'array', items: { type: 'string' } },
    ];
    for (const schema of invalid) {
      expect(() => compileElicitationSchema(schema)).toThrow(SdkError);
      expect(() => compileElicitationSchema(schema)).toThrow(/^Invalid elicitation schema: /);
    }
  });

  it('makes ctx.elicit with an invalid schema a generic tool failure, with the reason only for onError', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    server.registerTool('nested', {}, async (_args, ctx) => {
      await ctx.elicit('Address?', z.object({ address: z.object({ street: z.string() }) }));
      return 'never';
    });
    const { response } = await new ServerDriver(server, {
      capabilities: { elicitation: {} },
    }).exchange('tools/call', { name: 'nested' });
    expect(response).toMatchObject({ result: { isError: true, content: [{ type: 'text', text: 'Tool nested failed with an internal error' }] } });
    expect(errors[0]).toMatchObject({
      code: 'INVALID_USAGE',
      message:
        'Invalid elicitation schema: field "address" must be a string, number, integer, boolean or enum field',
    });
  });
});

describe('compileElicitationSchema titled choices', () => {
  it('gives a zod union of titled literals the type "string" of a spec single-select enum', () => {
    const schema = z.object({
      cabin: z.union([z.literal('eco').meta({ title: 'Economy' }), z.literal('biz').meta({ title: 'Business' })]),
    });
    const { requestedSchema, validator } = compileElicitationSchema(schema);
    expect(requestedSchema.properties['cabin']).toMatchObject({
      type: 'string',
      oneOf: [
        { const: 'eco', title: 'Economy' },
        { const: 'biz', title: 'Business' },
      ],
    });
    expect(validator.validate({ cabin: 'biz' })).toEqual({ success: true, value: { cabin: 'biz' } });
    expect(validator.validate({ cabin: 'first' }).success).toBe(false);
  });
});

describe('compileElicitationSchema fingerprints', () => {
  it('remembers per message exactly the fingerprint of the form request', () => {
    const compiled = compileElicitationSchema(z.object({ score: z.number().int(), note: z.string().optional() }));
    for (const message of ['Score?', 'Score? ', 'ä 🎉', '']) {
      const expected = fingerprintOf({
        method: 'elicitation/create',
        params: { mode: 'form', message, requestedSchema: compiled.requestedSchema },
      });
      expect(compiled.fingerprintFor(message)).toBe(expected);
      expect(compiled.fingerprintFor(message)).toBe(expected);
    }
    expect(compiled.fingerprintFor('a')).not.toBe(compiled.fingerprintFor('b'));
  });
});
