import type { JsonRpcNotification } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../src/errors.js';
import { jsonRpcErrorOf, readResponse } from '../src/read-response.js';

function context(overrides: { signal?: AbortSignal; maxEventSize?: number } = {}) {
  const notifications: JsonRpcNotification[] = [];
  return {
    notifications,
    value: {
      id: 1,
      method: 'tools/call',
      signal: overrides.signal ?? new AbortController().signal,
      onNotification: (notification: JsonRpcNotification) => notifications.push(notification),
      maxEventSize: overrides.maxEventSize,
    },
  };
}

const sse = (text: string, init: ResponseInit = {}): Response =>
  new Response(text, { ...init, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });

describe('readResponse', () => {
  it('accepts a JSON Content-Type with parameters', async () => {
    const response = new Response('{"jsonrpc":"2.0","id":1,"result":{}}', {
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
    });
    await expect(readResponse(response, context().value)).resolves.toEqual({
      kind: 'response',
      response: { jsonrpc: '2.0', id: 1, result: {} },
    });
  });

  it('treats an id-less error on a 2xx as the answer to the request', async () => {
    const response = Response.json({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
    await expect(readResponse(response, context().value)).resolves.toMatchObject({
      kind: 'response',
      response: { error: { code: -32700 } },
    });
  });

  it('reports an SSE stream that ends before the response as broken', async () => {
    const { value, notifications } = context();
    const outcome = await readResponse(
      sse('data: {"jsonrpc":"2.0","method":"notifications/progress","params":{}}\n\n'),
      value,
    );
    expect(outcome).toEqual({ kind: 'broken', cause: undefined });
    expect(notifications).toHaveLength(1);
  });

  it('refuses an oversized SSE event without re-issuing', async () => {
    await expect(
      readResponse(sse(`data: ${'x'.repeat(500)}`), context({ maxEventSize: 100 }).value),
    ).rejects.toMatchObject({
      name: 'SdkError',
      code: 'INVALID_RESULT',
    });
  });

  it('keeps at most 64 KiB of an error body', async () => {
    const response = new Response('x'.repeat(100_000), { status: 502 });
    const error = (await readResponse(response, context().value).catch(
      (caught: unknown) => caught,
    )) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.body).toHaveLength(64 * 1024);
    expect(error.message).toBe('HTTP 502 for tools/call');
  });

  it('rejects with the abort reason when the signal aborted while the stream was read', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({
      start(streamController) {
        controller.signal.addEventListener('abort', () =>
          streamController.error(new DOMException('aborted', 'AbortError')),
        );
      },
    });
    const pending = readResponse(
      new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } }),
      context({ signal: controller.signal }).value,
    );
    controller.abort(new Error('cancelled by the user'));
    await expect(pending).rejects.toThrow('cancelled by the user');
  });
});

describe('jsonRpcErrorOf', () => {
  it('returns the error of an error response and nothing else', () => {
    expect(jsonRpcErrorOf('{"jsonrpc":"2.0","error":{"code":-32600,"message":"no"}}')).toEqual({
      code: -32600,
      message: 'no',
    });
    expect(jsonRpcErrorOf('{"jsonrpc":"2.0","id":1,"result":{}}')).toBeUndefined();
    expect(jsonRpcErrorOf('not json')).toBeUndefined();
    expect(jsonRpcErrorOf('')).toBeUndefined();
  });
});
