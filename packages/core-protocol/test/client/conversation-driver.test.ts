// The recomposed client: one conversation driver for the automatic and manual paths, handlers per
// call, a typed error for a refused requestState with an opt-in restart, the result cache keyed by
// the identity the next request will carry, and a client-level hook for stray notifications.
// Requirements: #59 (refused state), #65-#68 (client MRTR), #186 (private cache entries).
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidRequestStateError, McpClient } from '../../src/index.js';
import type { ClientTransport, TransportSendOptions } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { createTestServer } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

function bookingServer() {
  const server = createTestServer({ requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(7) }] } });
  server.registerTool('book', {}, async (_args, ctx) => {
    const first = await ctx.elicit('Nights?', z.object({ nights: z.number().int() }), { key: 'nights' });
    const second = await ctx.elicit('Sure?', z.object({ ok: z.boolean() }), { key: 'sure' });
    if (first.action !== 'accept' || second.action !== 'accept') return 'nothing';
    return `booked ${first.content.nights} (${String(second.content.ok)})`;
  });
  return server;
}

/** Replaces the requestState of the second round with a token the server will refuse. */
class StateBreakingTransport implements ClientTransport {
  readonly inner: InMemoryTransport;
  readonly sent: JsonRpcRequest[] = [];
  breaks: number;

  constructor(inner: InMemoryTransport, breaks: number) {
    this.inner = inner;
    this.breaks = breaks;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    this.sent.push(request);
    const params = request.params ?? {};
    if (typeof params['requestState'] === 'string' && params['inputResponses'] !== undefined && 'sure' in (params['inputResponses'] as object) && this.breaks > 0) {
      this.breaks -= 1;
      return this.inner.send({ ...request, params: { ...params, requestState: `${String(params['requestState'])}x` } }, options);
    }
    return this.inner.send(request, options);
  }
}

describe('McpClient conversations, recomposed', () => {
  it('uses the handlers given to one call, and declares the capabilities they back on that call', async () => {
    const server = bookingServer();
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport });
    expect(client.capabilities.elicitation).toBeUndefined();
    const result = await client.callTool('book', {}, {
      handlers: {
        elicitForm: ({ message }) => ({ action: 'accept', content: message === 'Nights?' ? { nights: 4 } : { ok: true } }),
      },
    });
    expect(result.content).toEqual([{ type: 'text', text: 'booked 4 (true)' }]);
    const declared = transport.sent.map((request) => (request.params?.['_meta'] as Record<string, { elicitation?: unknown }>)['io.modelcontextprotocol/clientCapabilities']);
    expect(declared.every((capabilities) => capabilities?.elicitation !== undefined)).toBe(true);
  });

  it('surfaces a refused requestState as InvalidRequestStateError with its reason', async () => {
    const server = bookingServer();
    const transport = new StateBreakingTransport(new InMemoryTransport(server), 1);
    const client = new McpClient(CLIENT_INFO, {
      transport,
      handlers: { elicitForm: ({ message }) => ({ action: 'accept', content: message === 'Nights?' ? { nights: 2 } : { ok: true } }) },
    });
    const error = await client.callTool('book').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestStateError);
    expect((error as InvalidRequestStateError).data).toEqual({ reason: 'invalid' });
  });

  it('starts the call over once when restartOnInvalidState is on, and asks the user again', async () => {
    const server = bookingServer();
    const transport = new StateBreakingTransport(new InMemoryTransport(server), 1);
    const asked: string[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport,
      restartOnInvalidState: true,
      handlers: {
        elicitForm: ({ message }) => {
          asked.push(message);
          return { action: 'accept', content: message === 'Nights?' ? { nights: 2 } : { ok: true } };
        },
      },
    });
    const result = await client.callTool('book');
    expect(result.content).toEqual([{ type: 'text', text: 'booked 2 (true)' }]);
    expect(asked).toEqual(['Nights?', 'Sure?', 'Nights?', 'Sure?']);
    // Bounded: a second refusal in the same call reaches the caller.
    const again = new StateBreakingTransport(new InMemoryTransport(bookingServer()), 2);
    const stubborn = new McpClient(CLIENT_INFO, {
      transport: again,
      restartOnInvalidState: true,
      handlers: { elicitForm: ({ message }) => ({ action: 'accept', content: message === 'Nights?' ? { nights: 2 } : { ok: true } }) },
    });
    await expect(stubborn.callTool('book')).rejects.toBeInstanceOf(InvalidRequestStateError);
  });

  it('lets a stored conversation fail with the typed error, for the caller to start over by hand', async () => {
    const server = bookingServer();
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server), capabilities: { elicitation: {} } });
    const started = await client.startConversation('tools/call', { name: 'book', arguments: {} });
    if (started.status !== 'input_required') throw new Error('expected a round');
    const broken = { ...started.pending, requestState: `${started.pending.requestState ?? ''}x` };
    const error = await client.continueConversation(broken, { nights: { action: 'accept', content: { nights: 1 } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestStateError);
  });
});

describe('McpClient cache identity', () => {
  it('resolves the identity the next request carries before the lookup, so a token switch never serves another user', async () => {
    const server = createTestServer({ cache: { read: { ttlMs: 60_000, cacheScope: 'private' } } });
    server.registerResource({ uri: 'file:///me', name: 'me' }, (uri, ctx) => ({ contents: [{ uri, text: `hello ${ctx.auth?.principal ?? 'nobody'}` }] }));
    let user = 'ada';
    const transports = new Map([
      ['ada', new InMemoryTransport(server, { auth: { principal: 'ada' } })],
      ['bob', new InMemoryTransport(server, { auth: { principal: 'bob' } })],
    ]);
    const current = (): InMemoryTransport => {
      const transport = transports.get(user);
      if (transport === undefined) throw new Error(`no transport for ${user}`);
      return transport;
    };
    // One transport object whose identity switches between requests, as a token refresh does.
    const switching: ClientTransport = {
      send: (request, options) => current().send(request, options),
      // The synchronous key lags one request behind, like a transport that digests headers on send.
      authorizationKey: 'stale',
      resolveAuthorizationKey: () => Promise.resolve(user),
    };
    const client = new McpClient(CLIENT_INFO, { transport: switching, cache: true });
    const text = async () => ((await client.readResource('file:///me')).contents[0] as { text: string }).text;
    expect(await text()).toBe('hello ada');
    user = 'bob';
    expect(await text()).toBe('hello bob');
    user = 'ada';
    expect(await text()).toBe('hello ada');
    expect(transports.get('ada')?.sent).toHaveLength(1);
  });
});

describe('McpClient onNotification', () => {
  it('receives the log messages of calls that set no onLog', async () => {
    const server = createTestServer();
    server.registerTool('chatty', {}, (_args, ctx) => {
      ctx.log('warning', 'disk almost full');
      return 'ok';
    });
    const seen: string[] = [];
    const client = new McpClient(CLIENT_INFO, {
      transport: new InMemoryTransport(server),
      onNotification: (notification) => seen.push(`${notification.method}:${String(notification.params?.['data'])}`),
    });
    await client.callTool('chatty', {}, { logLevel: 'info' });
    expect(seen).toEqual(['notifications/message:disk almost full']);
  });
});
