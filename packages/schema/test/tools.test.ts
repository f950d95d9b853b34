import { describe, expect, it } from 'vitest';
import {
  CallToolRequestSchema,
  CallToolResultOrInputRequiredSchema,
  CallToolResultSchema,
  ToolSchema,
} from '../src/index.js';

const meta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

describe('CallToolResultSchema', () => {
  it('keeps unknown members at every level, so a proxy forwards future fields intact', () => {
    const result = {
      resultType: 'complete',
      content: [{ type: 'text', text: 'hi', futureBlockField: { deep: [1] } }],
      structuredContent: { temperature: 22.5 },
      _meta: {
        'com.example/trace': 'abc',
        'io.modelcontextprotocol/serverInfo': { name: 's', version: '1' },
      },
      futureResultField: 42,
    };
    expect(CallToolResultSchema.parse(result)).toEqual(result);
  });

  it('accepts any JSON value as structuredContent, including arrays and null', () => {
    for (const structuredContent of [[{ id: 1 }], null, 'text', 3.5]) {
      const result = { resultType: 'complete', content: [], structuredContent };
      expect(CallToolResultSchema.parse(result)).toEqual(result);
    }
  });

  it('requires resultType and pins it to "complete"', () => {
    expect(CallToolResultSchema.safeParse({ content: [] }).success).toBe(false);
    expect(CallToolResultSchema.safeParse({ resultType: 'completed', content: [] }).success).toBe(
      false,
    );
  });

  it('is strict about content block type literals', () => {
    const result = { resultType: 'complete', content: [{ type: 'Text', text: 'hi' }] };
    expect(CallToolResultSchema.safeParse(result).success).toBe(false);
  });
});

describe('CallToolResultOrInputRequiredSchema', () => {
  it('picks the variant by resultType', () => {
    const inputRequired = { resultType: 'input_required', requestState: 's' };
    expect(CallToolResultOrInputRequiredSchema.parse(inputRequired)).toEqual(inputRequired);
    expect(CallToolResultOrInputRequiredSchema.safeParse({ resultType: 'task' }).success).toBe(
      false,
    );
  });
});

describe('CallToolRequestSchema', () => {
  it('requires params with the per-request _meta', () => {
    const request = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } };
    expect(CallToolRequestSchema.safeParse(request).success).toBe(false);
    expect(
      CallToolRequestSchema.safeParse({ ...request, params: { name: 'x', _meta: meta } }).success,
    ).toBe(true);
  });

  it('does not validate tool arguments, which belong to the tool', () => {
    const params = { name: 'x', _meta: meta, arguments: { anything: [undefined, () => 1] } };
    expect(
      CallToolRequestSchema.safeParse({ jsonrpc: '2.0', id: 1, method: 'tools/call', params })
        .success,
    ).toBe(true);
  });

  it('is strict about jsonrpc and method', () => {
    const params = { name: 'x', _meta: meta };
    expect(
      CallToolRequestSchema.safeParse({ jsonrpc: '1.0', id: 1, method: 'tools/call', params })
        .success,
    ).toBe(false);
    expect(
      CallToolRequestSchema.safeParse({ jsonrpc: '2.0', id: 1, method: 'tools/list', params })
        .success,
    ).toBe(false);
  });
});

describe('ToolSchema', () => {
  it('requires an object schema at the root of inputSchema', () => {
    expect(ToolSchema.safeParse({ name: 't', inputSchema: { type: 'array' } }).success).toBe(false);
    expect(ToolSchema.safeParse({ name: 't', inputSchema: {} }).success).toBe(false);
  });

  it('keeps every JSON Schema keyword of inputSchema and outputSchema', () => {
    const tool = {
      name: 'find',
      inputSchema: {
        type: 'object',
        oneOf: [{ required: ['id'] }, { required: ['name'] }],
        properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
        additionalProperties: false,
      },
      outputSchema: { type: 'array', items: { type: 'string' } },
    };
    expect(ToolSchema.parse(tool)).toEqual(tool);
  });
});
