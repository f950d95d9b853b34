import { describe, expect, it } from 'vitest';
import {
  LegacyCallToolRequestSchema,
  LegacyCallToolResultSchema,
  LegacyToolSchema,
} from '../../src/legacy/index.js';

describe('LegacyCallToolResultSchema', () => {
  it('accepts a result without resultType', () => {
    const result = { content: [{ type: 'text', text: 'ok' }], structuredContent: { a: 1 } };
    expect(LegacyCallToolResultSchema.parse(result)).toEqual(result);
  });

  it('requires structuredContent to be an object, as 2025-11-25 did', () => {
    expect(
      LegacyCallToolResultSchema.safeParse({ content: [], structuredContent: [1] }).success,
    ).toBe(false);
  });
});

describe('LegacyCallToolRequestSchema', () => {
  it('accepts params without _meta and with a task', () => {
    const request = {
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'x', task: { ttl: 60_000 } },
    };
    expect(LegacyCallToolRequestSchema.parse(request)).toEqual(request);
  });
});

describe('LegacyToolSchema', () => {
  it('keeps execution.taskSupport', () => {
    const tool = {
      name: 't',
      inputSchema: { type: 'object' },
      execution: { taskSupport: 'optional' },
    };
    expect(LegacyToolSchema.parse(tool)).toEqual(tool);
    expect(
      LegacyToolSchema.safeParse({ ...tool, execution: { taskSupport: 'sometimes' } }).success,
    ).toBe(false);
  });
});
