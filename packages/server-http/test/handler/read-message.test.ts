import { describe, expect, it } from 'vitest';
import { parseBody, readBody } from '../../src/handler/read-message.js';
import type { McpHttpError } from '../../src/index.js';
import type { BodyReadResult } from '../../src/index.js';
import { FakeExchange } from '../helpers/fake-exchange.js';

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as McpHttpError).status;
  }
}

describe('readBody', () => {
  it('refuses a Content-Length over the limit before reading anything (B1)', async () => {
    const exchange = new FakeExchange({ headers: { 'content-length': '11' }, body: 'x' });
    expect(await statusOf(readBody(exchange, 10))).toBe(413);
    expect(exchange.bodyReads).toBe(0);
  });

  it('reads a body at the limit, and ignores a Content-Length that is not a number', async () => {
    expect(
      await statusOf(
        readBody(new FakeExchange({ headers: { 'content-length': '10' }, body: 'x' }), 10),
      ),
    ).toBe('ok');
    expect(
      await statusOf(
        readBody(new FakeExchange({ headers: { 'content-length': 'abc' }, body: 'x' }), 10),
      ),
    ).toBe('ok');
  });

  it.each([
    [{ type: 'too-large' }, 413],
    [{ type: 'unparsable' }, 400],
    [{ type: 'unsupported' }, 415],
  ] as [BodyReadResult, number][])(
    'answers an adapter outcome %j with %i',
    async (body, status) => {
      expect(await statusOf(readBody(new FakeExchange({ body }), 10))).toBe(status);
    },
  );

  it('returns nothing when the client went away mid-body', async () => {
    await expect(
      readBody(new FakeExchange({ body: { type: 'aborted' } }), 10),
    ).resolves.toBeUndefined();
  });
});

describe('parseBody', () => {
  it('parses raw bytes, text and pre-parsed values alike', () => {
    const message = { jsonrpc: '2.0', id: 1, method: 'm' };
    expect(
      parseBody({ type: 'raw', data: new TextEncoder().encode(JSON.stringify(message)) }),
    ).toEqual({ success: true, message });
    expect(parseBody({ type: 'raw', data: JSON.stringify(message) })).toEqual({
      success: true,
      message,
    });
    expect(parseBody({ type: 'parsed', value: message })).toEqual({ success: true, message });
  });

  it('refuses a pre-parsed value that is not a JSON tree', () => {
    const parsed = parseBody({
      type: 'parsed',
      value: { jsonrpc: '2.0', id: 1, method: 'm', params: { at: new Date() } },
    });
    expect(parsed.success).toBe(false);
  });
});
