import { describe, expect, it } from 'vitest';
import { sendError, statusForResponse } from '../../src/handler/http-status.js';
import { McpHttpError } from '../../src/index.js';
import { InvalidRequestError } from '@tern/jsonrpc';
import { FakeExchange } from '../helpers/fake-exchange.js';

const errorResponse = (code: number) => ({
  jsonrpc: '2.0' as const,
  id: 1,
  error: { code, message: 'm' },
});

describe('statusForResponse', () => {
  it.each([
    [-32601, 404],
    [-32020, 400],
    [-32021, 400],
    [-32022, 400],
    [-32602, 200],
    [-32603, 200],
    [-1, 200],
  ])('maps a dispatched error %i to HTTP %i (ST §5, #118)', (code, status) => {
    expect(statusForResponse(errorResponse(code))).toBe(status);
  });

  it('answers results with 200', () => {
    expect(statusForResponse({ jsonrpc: '2.0', id: 1, result: {} })).toBe(200);
  });
});

describe('sendError', () => {
  it('renders an McpHttpError with its status, headers and id rule', () => {
    const sink = new FakeExchange();
    const expected = sendError(
      sink,
      new McpHttpError(405, {
        error: new InvalidRequestError('no'),
        id: null,
        headers: { Allow: 'POST' },
      }),
    );
    expect(expected).toBe(false);
    expect(sink.answer).toMatchObject({
      status: 405,
      headers: { Allow: 'POST', 'Content-Type': 'application/json' },
    });
    expect(sink.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'no' },
    });
  });

  it('leaves id out when the error has none (403)', () => {
    const sink = new FakeExchange();
    sendError(sink, new McpHttpError(403, { error: new InvalidRequestError('Forbidden') }));
    expect(sink.json()).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Forbidden' } });
  });

  it('turns anything else into a generic 500 -32603 and says it was unexpected', () => {
    const sink = new FakeExchange();
    expect(sendError(sink, new Error('internal detail'))).toBe(true);
    expect(sink.answer?.status).toBe(500);
    expect(sink.answer?.body).not.toContain('internal detail');
  });
});
