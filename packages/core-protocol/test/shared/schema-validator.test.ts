// What clients are sent for zod schemas: tool inputSchema and elicitation forms.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileElicitationSchema } from '../../src/server/conversation/elicitation-schema.js';
import { compileSchema, zodToJsonSchema } from '../../src/shared/schema-validator.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer } from '../server/helpers/server-fixtures.js';

describe('zodToJsonSchema', () => {
  it('leaves out the safe-integer range zod writes into z.number().int(), keeping chosen bounds', () => {
    const schema = z.object({
      nights: z.number().int(),
      people: z.number().int().min(1).max(10),
      ratio: z.number(),
    });
    expect(zodToJsonSchema(schema)['properties']).toEqual({
      nights: { type: 'integer' },
      people: { type: 'integer', minimum: 1, maximum: 10 },
      ratio: { type: 'number' },
    });
  });

  it('still refuses unsafe integers when validating', () => {
    const compiled = compileSchema(z.object({ n: z.number().int() }));
    expect(compiled.validate({ n: 3 }).success).toBe(true);
    expect(compiled.validate({ n: Number.MAX_SAFE_INTEGER + 2 }).success).toBe(false);
  });

  it('is what tools/list and form elicitations send', async () => {
    const { server } = createTestServer();
    server.registerTool(
      'book',
      { inputSchema: z.object({ nights: z.number().int() }) },
      () => 'ok',
    );
    const { tools } = (await new ServerDriver(server).request('tools/list')) as {
      tools: { inputSchema: unknown }[];
    };
    expect(JSON.stringify(tools[0]?.inputSchema)).not.toContain('9007199254740991');
    const form = compileElicitationSchema(z.object({ people: z.number().int() }));
    expect(form.requestedSchema.properties).toEqual({ people: { type: 'integer' } });
  });
});
