// The transport logic through createMcpHttpHandler and an in-memory exchange: inputs no HTTP
// parser lets through, the authenticate and fallback seams, and faults.
import { describe, expect, it, vi } from 'vitest';
import { createMcpHttpHandler, McpHttpError } from '../../src/index.js';
import type { McpHttpOptions } from '../../src/index.js';
import { createFixture } from '../helpers/fixture-server.js';
import { FakeExchange, fakePost } from '../helpers/fake-exchange.js';
import { mcpHeaders, meta, rpc, waitFor } from '../helpers/http-client.js';
import { SdkError } from '@tern/jsonrpc';

function setup(options: McpHttpOptions = {}) {
  const fixture = createFixture();
  return { fixture, handle: createMcpHttpHandler(fixture.server, options) };
}

describe('createMcpHttpHandler', () => {
  it.each([
    ['Mcp-Name', { 'mcp-name': 'ec\u0001ho' }],
    ['Mcp-Name with a line feed', { 'mcp-name': 'echo\nX-Injected: 1' }],
  ])('refuses control characters in %s with 400 -32020 (C5, #131)', async (_name, headers) => {
    const { handle } = setup();
    const exchange = fakePost('tools/call', { name: 'echo', arguments: {} }, headers);
    await handle(exchange, exchange);
    expect(exchange.answer?.status).toBe(400);
    expect(exchange.json()['error']).toMatchObject({ code: -32020 });
  });

  it('refuses control characters in a recognised Mcp-Param-* header (C6, #131)', async () => {
    const { handle } = setup();
    const exchange = fakePost(
      'tools/call',
      { name: 'region', arguments: { region: 'us' } },
      { 'mcp-param-region': 'u\u0007s' },
    );
    await handle(exchange, exchange);
    expect(exchange.answer?.status).toBe(400);
    expect(exchange.json()).toMatchObject({ id: 1, error: { code: -32020 } });
  });

  it('checks the version header before _meta, and a mismatch before support (ST §5 order)', async () => {
    const { handle } = setup();
    const noHeaderNoMeta = new FakeExchange({
      headers: {
        host: 'localhost',
        ...mcpHeaders('tools/list'),
        'mcp-protocol-version': undefined,
      },
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    });
    await handle(noHeaderNoMeta, noHeaderNoMeta);
    expect(noHeaderNoMeta.json()['error']).toMatchObject({ code: -32020 });
    const mismatchAndUnsupported = fakePost(
      'tools/list',
      {},
      { 'mcp-protocol-version': '2099-01-01' },
    );
    await handle(mismatchAndUnsupported, mismatchAndUnsupported);
    expect(mismatchAndUnsupported.json()['error']).toMatchObject({ code: -32020 });
  });

  it('checks Mcp-Method only after the envelope is valid', async () => {
    const { handle } = setup();
    const exchange = new FakeExchange({
      headers: { host: 'localhost', ...mcpHeaders('tools/list'), 'mcp-method': 'other' },
      body: JSON.stringify(
        rpc(1, 'tools/list', {
          _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' },
        }),
      ),
    });
    await handle(exchange, exchange);
    expect(exchange.json()['error']).toMatchObject({ code: -32602 });
  });

  it('ends an SSE stream with the error when a handler fails after it streamed (rule 3)', async () => {
    const { fixture, handle } = setup();
    fixture.server.registerTool('progress-then-ask', {}, async (_args, ctx) => {
      ctx.progress(1, 2);
      await ctx.elicit('Sure?', { type: 'object', properties: {} });
      return 'never';
    });
    const exchange = new FakeExchange({
      headers: { host: 'localhost', ...mcpHeaders('tools/call', 'progress-then-ask') },
      body: JSON.stringify(
        rpc(1, 'tools/call', {
          name: 'progress-then-ask',
          arguments: {},
          _meta: meta({ progressToken: 'p' }),
        }),
      ),
    });
    await handle(exchange, exchange);
    expect(exchange.answer?.status).toBe(200);
    expect(exchange.answer?.streamed).toBe(true);
    const events = exchange.answer?.body.trim().split('\n\n') ?? [];
    expect(events).toHaveLength(2);
    expect(events[1]).toContain('"code":-32021');
    expect(exchange.answer?.closed).toBe(true);
  });

  it('writes nothing once the client went away (#114)', async () => {
    const { fixture, handle } = setup();
    const exchange = fakePost(
      'tools/call',
      { name: 'slow', arguments: { waitMs: 5000 } },
      { 'mcp-name': 'slow' },
    );
    const done = handle(exchange, exchange);
    await waitFor(() => fixture.record.started.length === 1);
    exchange.controller.abort();
    await done;
    expect(exchange.answer).toBeUndefined();
    expect(fixture.record.aborted).toEqual([1]);
  });

  describe('authenticate', () => {
    it('passes its result to the handler as ctx.auth (#102)', async () => {
      const { fixture, handle } = setup({
        authenticate: (request) => ({ principal: request.header('authorization') ?? 'anonymous' }),
      });
      fixture.server.registerTool('whoami', {}, (_args, ctx) => ctx.auth?.principal ?? 'none');
      const exchange = fakePost(
        'tools/call',
        { name: 'whoami', arguments: {} },
        { authorization: 'Bearer alice' },
      );
      await handle(exchange, exchange);
      expect(exchange.json()['result']).toMatchObject({
        content: [{ type: 'text', text: 'Bearer alice' }],
      });
    });

    it('refuses with the McpHttpError it throws, before the body is read (G1)', async () => {
      const { handle } = setup({
        authenticate: () => {
          throw new McpHttpError(401, { headers: { 'WWW-Authenticate': 'Bearer realm="mcp"' } });
        },
      });
      const exchange = fakePost('tools/list');
      await handle(exchange, exchange);
      expect(exchange.answer).toMatchObject({
        status: 401,
        body: '',
        headers: { 'WWW-Authenticate': 'Bearer realm="mcp"' },
      });
      expect(exchange.bodyReads).toBe(0);
    });

    it('answers 500 -32603 for any other error it throws, and reports it to onError', async () => {
      const onError = vi.fn();
      const { handle } = setup({
        authenticate: () => Promise.reject(new Error('db down at /srv/secret')),
        onError,
      });
      const exchange = fakePost('tools/list');
      await handle(exchange, exchange);
      expect(exchange.answer?.status).toBe(500);
      expect(exchange.json()).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32603, message: 'Internal error' },
      });
      expect(onError).toHaveBeenCalledOnce();
    });

    it('is not consulted for requests refused earlier (403, 405, 415, 406)', async () => {
      const authenticate = vi.fn(() => undefined);
      const { handle } = setup({ authenticate });
      for (const exchange of [
        fakePost('tools/list', {}, { host: 'evil.example.com' }),
        new FakeExchange({ method: 'GET', headers: { host: 'localhost' } }),
        fakePost('tools/list', {}, { 'content-type': 'text/plain' }),
        fakePost('tools/list', {}, { accept: 'application/json' }),
      ]) {
        await handle(exchange, exchange);
      }
      expect(authenticate).not.toHaveBeenCalled();
    });
  });

  describe('fallback (the dual-era seam)', () => {
    it('gets GET and DELETE, and answers them when it returns true', async () => {
      const fallback = vi.fn((context: Parameters<NonNullable<McpHttpOptions['fallback']>>[0]) => {
        context.sink.sendJson(200, { 'Content-Type': 'text/plain' }, 'legacy');
        return true;
      });
      const { handle } = setup({ fallback });
      const exchange = new FakeExchange({
        method: 'GET',
        headers: { host: 'localhost', 'mcp-session-id': 's' },
      });
      await handle(exchange, exchange);
      expect(exchange.answer).toMatchObject({ status: 200, body: 'legacy' });
      expect(fallback.mock.calls[0]?.[0].body).toBeUndefined();
    });

    it('leaves GET to the 405 when it returns false', async () => {
      const { handle } = setup({ fallback: () => false });
      const exchange = new FakeExchange({ method: 'DELETE', headers: { host: 'localhost' } });
      await handle(exchange, exchange);
      expect(exchange.answer).toMatchObject({ status: 405, headers: { Allow: 'POST' } });
    });

    it('gets legacy-shaped POST bodies (batch, initialize, response, no modern version) but never modern ones', async () => {
      const bodies: unknown[] = [];
      const { handle } = setup({
        fallback: ({ body }) => {
          bodies.push(body);
          return false;
        },
      });
      const legacy = [
        '[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]',
        '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}',
        '{"jsonrpc":"2.0","id":"s-1","result":{"action":"accept"}}',
        '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      ];
      for (const body of [...legacy, JSON.stringify(rpc(2, 'tools/list')), '{not json']) {
        const exchange = new FakeExchange({
          headers: {
            host: 'localhost',
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body,
        });
        await handle(exchange, exchange);
      }
      expect(bodies).toEqual(legacy.map((body) => JSON.parse(body) as unknown));
    });

    it('is never consulted for a forbidden Origin', async () => {
      const fallback = vi.fn(() => true);
      const { handle } = setup({ fallback });
      const exchange = new FakeExchange({
        method: 'GET',
        headers: { host: 'localhost', origin: 'http://evil.example.com' },
      });
      await handle(exchange, exchange);
      expect(exchange.answer?.status).toBe(403);
      expect(fallback).not.toHaveBeenCalled();
    });

    it('answers 500 when it throws, and reports the error', async () => {
      const onError = vi.fn();
      const { handle } = setup({
        fallback: () => {
          throw new TypeError('broken legacy layer');
        },
        onError,
      });
      const exchange = new FakeExchange({ method: 'GET', headers: { host: 'localhost' } });
      await handle(exchange, exchange);
      expect(exchange.answer?.status).toBe(500);
      expect(onError).toHaveBeenCalledWith(expect.any(TypeError), exchange);
    });
  });

  it('answers -32603 and reports when the core itself fails', async () => {
    const onError = vi.fn();
    const { fixture, handle } = setup({ onError });
    vi.spyOn(fixture.server, 'execute').mockRejectedValue(new Error('core bug'));
    const exchange = fakePost('tools/list');
    await handle(exchange, exchange);
    expect(exchange.answer?.status).toBe(200);
    expect(exchange.json()).toMatchObject({
      id: 1,
      error: { code: -32603, message: 'Internal error' },
    });
    expect(onError).toHaveBeenCalledOnce();
  });

  it('survives an onError hook that throws', async () => {
    const { handle } = setup({
      authenticate: () => {
        throw new Error('x');
      },
      onError: () => {
        throw new Error('hook');
      },
    });
    const exchange = fakePost('tools/list');
    await expect(handle(exchange, exchange)).resolves.toBeUndefined();
    expect(exchange.answer?.status).toBe(500);
  });

  it('refuses limits that are not positive integers at construction', () => {
    const { fixture } = setup();
    expect(() => createMcpHttpHandler(fixture.server, { maxBodyBytes: 0 })).toThrow(SdkError);
    expect(() => createMcpHttpHandler(fixture.server, { maxQueuedEvents: 1.5 })).toThrow(SdkError);
    expect(() =>
      createMcpHttpHandler(fixture.server, { maxQueuedBytes: Number.POSITIVE_INFINITY }),
    ).toThrow(SdkError);
    expect(() => createMcpHttpHandler(fixture.server, { keepAliveMs: -1 })).toThrow(SdkError);
    expect(() => createMcpHttpHandler(fixture.server, { keepAliveMs: 0 })).not.toThrow();
  });
});
