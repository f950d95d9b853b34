import { describe, expect, it } from 'vitest';
import {
  JSONRPCErrorResponseSchema,
  JSONRPCMessageSchema,
  JSONRPCRequestSchema,
  JSONRPCResultResponseSchema,
} from '../src/index.js';

describe('JSONRPCRequestSchema', () => {
  it('rejects a null id', () => {
    expect(JSONRPCRequestSchema.safeParse({ jsonrpc: '2.0', id: null, method: 'm' }).success).toBe(
      false,
    );
  });

  it('treats id 0 as a real request id', () => {
    expect(JSONRPCRequestSchema.parse({ jsonrpc: '2.0', id: 0, method: 'm' })).toEqual({
      jsonrpc: '2.0',
      id: 0,
      method: 'm',
    });
  });

  it('is strict about the jsonrpc version', () => {
    expect(JSONRPCRequestSchema.safeParse({ jsonrpc: '2', id: 1, method: 'm' }).success).toBe(
      false,
    );
  });
});

describe('JSONRPCResultResponseSchema', () => {
  it('requires resultType on the result', () => {
    expect(
      JSONRPCResultResponseSchema.safeParse({ jsonrpc: '2.0', id: 1, result: {} }).success,
    ).toBe(false);
  });
});

describe('JSONRPCErrorResponseSchema', () => {
  it('allows a missing id and any error data', () => {
    const response = {
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error', data: [1, { a: null }] },
    };
    expect(JSONRPCErrorResponseSchema.parse(response)).toEqual(response);
  });

  it('requires an integer code', () => {
    const response = { jsonrpc: '2.0', id: 1, error: { code: -32600.5, message: 'x' } };
    expect(JSONRPCErrorResponseSchema.safeParse(response).success).toBe(false);
  });
});

describe('JSONRPCMessageSchema', () => {
  it('accepts each kind of message', () => {
    for (const message of [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
      { jsonrpc: '2.0', id: 1, result: { resultType: 'complete' } },
      { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'Method not found' } },
    ]) {
      expect(JSONRPCMessageSchema.parse(message)).toEqual(message);
    }
  });
});
