import { describe, expect, it } from 'vitest';
import {
  createErrorResponse,
  createNotification,
  createRequest,
  createResultResponse,
  isJsonRpcErrorResponse,
  isJsonRpcId,
  isJsonRpcNotification,
  isJsonRpcRequest,
  isJsonRpcResponse,
  isJsonRpcResultResponse,
  JSONRPC_VERSION,
  safeParseMessage,
} from '../src/index.js';
import type { JsonRpcMessage } from '../src/index.js';
import specMessages from './fixtures/spec-messages.json' with { type: 'json' };

const request = createRequest(1, 'tools/list', { cursor: 'c' });
const notification = createNotification('notifications/progress', { progress: 1 });
const resultResponse = createResultResponse('a', { resultType: 'complete' });
const errorResponse = createErrorResponse(2, { code: -32601, message: 'Method not found' });
const all: JsonRpcMessage[] = [request, notification, resultResponse, errorResponse];

/** Which guards accept a message, in a fixed order, for compact assertions. */
function kinds(message: JsonRpcMessage): string[] {
  const guards = {
    request: isJsonRpcRequest,
    notification: isJsonRpcNotification,
    result: isJsonRpcResultResponse,
    error: isJsonRpcErrorResponse,
    response: isJsonRpcResponse,
  };
  return Object.entries(guards)
    .filter(([, guard]) => guard(message))
    .map(([name]) => name);
}

describe('JSONRPC_VERSION', () => {
  it('is the JSON-RPC 2.0 version string', () => {
    expect(JSONRPC_VERSION).toBe('2.0');
  });
});

describe('isJsonRpcId', () => {
  it('accepts strings and safe integers (requirements.md #3)', () => {
    for (const id of ['', 'x', 0, -0, 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(isJsonRpcId(id)).toBe(true);
    }
  });

  it('rejects null, fractions, non-finite and unsafe numbers and non-scalars', () => {
    for (const id of [
      null,
      undefined,
      1.5,
      Number.NaN,
      Infinity,
      2 ** 53,
      -(2 ** 60),
      true,
      {},
      [1],
      1n,
    ]) {
      expect(isJsonRpcId(id)).toBe(false);
    }
  });
});

describe('createRequest', () => {
  it('builds a request when given id, method and params', () => {
    expect(request).toStrictEqual({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
      params: { cursor: 'c' },
    });
  });

  it('leaves params out when params is not given', () => {
    expect(createRequest('r', 'server/discover')).toStrictEqual({
      jsonrpc: '2.0',
      id: 'r',
      method: 'server/discover',
    });
  });
});

describe('createNotification', () => {
  it('builds a notification without an id (requirements.md #19)', () => {
    expect(notification).toStrictEqual({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progress: 1 },
    });
    expect(createNotification('n')).toStrictEqual({ jsonrpc: '2.0', method: 'n' });
  });
});

describe('createResultResponse', () => {
  it('echoes the id and carries the result (requirements.md #5)', () => {
    expect(resultResponse).toStrictEqual({
      jsonrpc: '2.0',
      id: 'a',
      result: { resultType: 'complete' },
    });
  });
});

describe('createErrorResponse', () => {
  it('echoes the id when the request id was read (requirements.md #10)', () => {
    expect(errorResponse).toStrictEqual({
      jsonrpc: '2.0',
      id: 2,
      error: { code: -32601, message: 'Method not found' },
    });
  });

  it('writes id null when the id is null or undefined (JSON-RPC 2.0 unreadable id)', () => {
    const error = { code: -32700, message: 'Parse error' };
    expect(createErrorResponse(null, error)).toStrictEqual({ jsonrpc: '2.0', id: null, error });
    expect(createErrorResponse(undefined, error)).toStrictEqual({
      jsonrpc: '2.0',
      id: null,
      error,
    });
    expect(JSON.stringify(createErrorResponse(undefined, error))).toBe(
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}',
    );
  });

  it('keeps id 0 when the id is 0', () => {
    expect(createErrorResponse(0, { code: 1, message: 'm' }).id).toBe(0);
  });
});

describe('isJsonRpcRequest', () => {
  it('accepts only requests', () => {
    expect(all.map(kinds)).toEqual([
      ['request'],
      ['notification'],
      ['result', 'response'],
      ['error', 'response'],
    ]);
  });
});

describe('isJsonRpcNotification', () => {
  it('accepts a message with method and no id', () => {
    expect(isJsonRpcNotification(createNotification('x'))).toBe(true);
    expect(isJsonRpcNotification(createRequest(0, 'x'))).toBe(false);
  });
});

describe('isJsonRpcResponse', () => {
  it('accepts an error response whose id is null', () => {
    const message = createErrorResponse(null, { code: -32700, message: 'Parse error' });
    expect(kinds(message)).toEqual(['error', 'response']);
  });

  it('classifies every spec example exactly once when parsed', () => {
    for (const [name, value] of Object.entries(specMessages)) {
      const parsed = safeParseMessage(JSON.stringify(value));
      expect(parsed.success).toBe(true);
      if (!parsed.success) {
        continue;
      }
      const expected = name.includes('Notification/')
        ? ['notification']
        : name.includes('Request/')
          ? ['request']
          : name.includes('Error/')
            ? ['error', 'response']
            : ['result', 'response'];
      expect(kinds(parsed.message)).toEqual(expected);
    }
  });
});

describe('isJsonRpcResultResponse', () => {
  it('accepts a message with result', () => {
    expect(isJsonRpcResultResponse(resultResponse)).toBe(true);
    expect(isJsonRpcResultResponse(errorResponse)).toBe(false);
  });
});

describe('isJsonRpcErrorResponse', () => {
  it('accepts a message with error', () => {
    expect(isJsonRpcErrorResponse(errorResponse)).toBe(true);
    expect(isJsonRpcErrorResponse(request)).toBe(false);
  });
});
