// ToolRegistry and McpServer.registerTool: everything refused at registration time.
// Requirements: #26-#31 (JSON Schema dialect, no network $ref, bounded schemas), #123
// (x-mcp-header rules), #150 (deterministic order), #152 (object input schema); checklist F7.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolRegistry } from '../../src/server/tool-registry.js';
import { createTestServer } from './helpers/server-fixtures.js';
import { SdkError } from '@tern/core-protocol';

const noop = (): string => 'ok';

/** A schema `depth` levels of `properties` deep. */
function deepSchema(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let level = 0; level < depth; level++)
    schema = { type: 'object', properties: { next: schema } };
  return schema;
}

describe('ToolRegistry', () => {
  it('keeps tools in registration order with their full definitions (requirements.md #150)', () => {
    const registry = new ToolRegistry();
    registry.add('zeta', { inputSchema: z.object({ a: z.string().describe('the a') }) }, noop);
    registry.add(
      'alpha',
      {
        title: 'Alpha',
        description: 'first letter',
        inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
        outputSchema: z.object({ ok: z.boolean() }),
        annotations: { readOnlyHint: true },
        icons: [{ src: 'https://example.com/a.png', mimeType: 'image/png' }],
        _meta: { 'com.example/x': 1 },
      },
      noop,
    );
    registry.add('mid', {}, noop);
    expect(registry.size).toBe(3);
    expect(registry.definitions()).toEqual([
      {
        name: 'zeta',
        inputSchema: {
          type: 'object',
          properties: { a: { type: 'string', description: 'the a' } },
          required: ['a'],
        },
      },
      {
        name: 'alpha',
        title: 'Alpha',
        description: 'first letter',
        inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
        outputSchema: {
          type: 'object',
          properties: { ok: { type: 'boolean' } },
          required: ['ok'],
        },
        annotations: { readOnlyHint: true },
        icons: [{ src: 'https://example.com/a.png', mimeType: 'image/png' }],
        _meta: { 'com.example/x': 1 },
      },
      { name: 'mid', inputSchema: { type: 'object' } },
    ]);
    expect(registry.get('alpha')?.requestState).toBe('managed');
    expect(registry.remove('alpha')).toBe(true);
    expect(registry.remove('alpha')).toBe(false);
    expect(registry.definitions().map((tool) => tool.name)).toEqual(['zeta', 'mid']);
  });

  it('refuses a duplicate name', () => {
    const { server } = createTestServer();
    server.registerTool('same', {}, noop);
    expect(() => server.registerTool('same', {}, noop)).toThrow(
      expect.objectContaining({ code: 'INVALID_USAGE', message: 'A tool named "same" is already registered' }),
    );
  });

  it('refuses an input schema whose root is not type "object" (requirements.md #152)', () => {
    const registry = new ToolRegistry();
    const schemas: (z.ZodType | Record<string, unknown>)[] = [
      z.string(),
      z.array(z.number()),
      { type: 'string' },
      { type: 'array' },
      {},
      { properties: {} },
    ];
    for (const inputSchema of schemas) {
      expect(() => registry.add('t', { inputSchema }, noop)).toThrow(
        expect.objectContaining({ code: 'INVALID_USAGE', message: 'The input schema of tool "t" must have type "object" at its root' }),
      );
    }
    expect(registry.size).toBe(0);
  });

  it('refuses invalid x-mcp-header annotations (requirements.md #123)', () => {
    const registry = new ToolRegistry();
    const invalid: Record<string, unknown>[] = [
      { type: 'object', properties: { n: { type: 'number', 'x-mcp-header': 'N' } } },
      {
        type: 'object',
        properties: {
          a: { type: 'string', 'x-mcp-header': 'Region' },
          b: { type: 'string', 'x-mcp-header': 'region' },
        },
      },
      { type: 'object', properties: { a: { type: 'string', 'x-mcp-header': '' } } },
      { type: 'object', properties: { a: { type: 'string', 'x-mcp-header': 'Bad Name' } } },
      {
        type: 'object',
        properties: { list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Item' } } },
      },
      { type: 'object', properties: { o: { type: 'object', 'x-mcp-header': 'Obj' } } },
    ];
    for (const inputSchema of invalid) {
      expect(() => registry.add('hdr', { inputSchema }, noop)).toThrow(
        /^Tool "hdr" has invalid x-mcp-header annotations: /,
      );
    }
    const valid = registry.add(
      'hdr',
      {
        inputSchema: {
          type: 'object',
          properties: {
            region: { type: 'string', 'x-mcp-header': 'Region' },
            n: { type: 'integer', 'x-mcp-header': 'N' },
          },
        },
      },
      noop,
    );
    expect(valid.headerParams).toEqual([
      { header: 'Region', path: ['region'], type: 'string' },
      { header: 'N', path: ['n'], type: 'integer' },
    ]);
  });

  it('refuses an external $ref in the input or output schema, never fetching it (requirements.md #29, #30; F7)', () => {
    const registry = new ToolRegistry();
    for (const ref of [
      'http://169.254.169.254/latest/meta-data',
      'https://example.com/s.json#/$defs/a',
      'other.json',
      'file:///etc/passwd',
    ]) {
      const schema = { type: 'object', properties: { a: { $ref: ref } } };
      expect(() => registry.add('t', { inputSchema: schema }, noop)).toThrow(SdkError);
      expect(() => registry.add('t', { inputSchema: schema }, noop)).toThrow(/external \$ref/);
      expect(() => registry.add('t', { outputSchema: schema }, noop)).toThrow(/external \$ref/);
    }
    expect(registry.size).toBe(0);
  });

  it('refuses schemas that are too deep or have too many subschemas (requirements.md #31; F7)', () => {
    const registry = new ToolRegistry();
    expect(() => registry.add('deep', { inputSchema: deepSchema(40) }, noop)).toThrow(
      'Schema is nested deeper than 64',
    );
    const wide: Record<string, unknown> = {};
    for (let index = 0; index < 2001; index++) wide[`p${index}`] = { type: 'string' };
    expect(() =>
      registry.add('wide', { inputSchema: { type: 'object', properties: wide } }, noop),
    ).toThrow('Schema has more than 2000 subschemas');
    const anyOfBomb = {
      type: 'object',
      properties: { a: { anyOf: Array.from({ length: 2500 }, () => ({ type: 'string' })) } },
    };
    expect(() => registry.add('bomb', { outputSchema: anyOfBomb }, noop)).toThrow(
      'Schema has more than 2000 subschemas',
    );
    expect(registry.add('fits', { inputSchema: deepSchema(10) }, noop).definition.name).toBe(
      'fits',
    );
  });

  it('refuses an unsupported JSON Schema dialect and accepts the supported ones (requirements.md #26, #27)', () => {
    const registry = new ToolRegistry();
    expect(() =>
      registry.add(
        't',
        { inputSchema: { $schema: 'https://example.com/my-dialect', type: 'object' } },
        noop,
      ),
    ).toThrow('Unsupported JSON Schema dialect: https://example.com/my-dialect');
    registry.add(
      't2020',
      { inputSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' } },
      noop,
    );
    registry.add(
      't07',
      { inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } },
      noop,
    );
    expect(registry.size).toBe(2);
  });

  it('leaves nothing registered and notifies nothing when registration fails', async () => {
    const { server } = createTestServer();
    expect(() => server.registerTool('bad', { inputSchema: { type: 'string' } }, noop)).toThrow(
      SdkError,
    );
    expect(server.toolHeaderParams('bad')).toBeUndefined();
    expect(server.hasMethod('tools/list')).toBe(true);
    const { ServerDriver } = await import('../../src/testing/index.js');
    const response = await new ServerDriver(server).exchange('tools/list');
    expect(response.response).toMatchObject({ error: { code: -32601 } });
  });
});
