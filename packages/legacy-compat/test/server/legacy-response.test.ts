import { describe, expect, it } from 'vitest';
import { toLegacyResponse } from '../../src/server/legacy-response.js';

const SERVER_INFO = { 'io.modelcontextprotocol/serverInfo': { name: 's', version: '1' } };

describe('toLegacyResponse', () => {
  it('strips resultType, caching hints and the serverInfo _meta key', () => {
    const response = toLegacyResponse(
      'resources/read',
      {
        jsonrpc: '2.0',
        id: 1,
        result: {
          resultType: 'complete',
          ttlMs: 0,
          cacheScope: 'private',
          contents: [],
          _meta: { ...SERVER_INFO, trace: 'x' },
        },
      },
      '2025-11-25',
    );
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { contents: [], _meta: { trace: 'x' } },
    });
  });

  it('turns resource not found into -32002 for resources/read only', () => {
    const error = {
      code: -32602,
      message: 'Resource not found: test://x',
      data: { uri: 'test://x' },
    };
    expect(
      toLegacyResponse('resources/read', { jsonrpc: '2.0', id: 1, error }, '2025-11-25'),
    ).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { ...error, code: -32002 },
    });
    expect(
      toLegacyResponse('tools/call', { jsonrpc: '2.0', id: 1, error }, '2025-11-25'),
    ).toMatchObject({
      error: { code: -32602 },
    });
  });

  it('answers -32021 (2026-only) as a 2025 server would: an isError tool result, else -32603', () => {
    const error = {
      code: -32021,
      message: 'This request needs the client capability elicitation',
      data: { requiredCapabilities: { elicitation: {} } },
    };
    expect(toLegacyResponse('tools/call', { jsonrpc: '2.0', id: 3, error }, '2025-11-25')).toEqual({
      jsonrpc: '2.0',
      id: 3,
      result: { content: [{ type: 'text', text: error.message }], isError: true },
    });
    expect(toLegacyResponse('prompts/get', { jsonrpc: '2.0', id: 4, error }, '2025-06-18')).toEqual(
      {
        jsonrpc: '2.0',
        id: 4,
        error: { ...error, code: -32603 },
      },
    );
  });

  it('removes structured output for 2025-03-26', () => {
    const call = toLegacyResponse(
      'tools/call',
      {
        jsonrpc: '2.0',
        id: 1,
        result: { resultType: 'complete', content: [], structuredContent: { a: 1 } },
      },
      '2025-03-26',
    );
    expect(call).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [] } });
    const list = toLegacyResponse(
      'tools/list',
      {
        jsonrpc: '2.0',
        id: 2,
        result: {
          tools: [{ name: 't', inputSchema: { type: 'object' }, outputSchema: { type: 'object' } }],
        },
      },
      '2025-03-26',
    );
    expect(list).toEqual({
      jsonrpc: '2.0',
      id: 2,
      result: { tools: [{ name: 't', inputSchema: { type: 'object' } }] },
    });
  });
});
