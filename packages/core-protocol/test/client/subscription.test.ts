import { JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { InMemoryChangeBus, McpClient, SdkError, TernMetaKey } from '../../src/index.js';
import type { ClientTransport, McpServer, Subscription, SubscriptionEvent, TransportSendOptions } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { acknowledged, errorFor, metaOf, resultFor, ScriptedTransport } from './helpers/scripted-transport.js';
import { createTestServer, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };

function createListenServer(options: Parameters<typeof createTestServer>[0] = {}): McpServer {
  const server = createTestServer(options);
  server.registerTool('t', {}, () => 't');
  server.registerResource({ uri: 'file:///watched/a.txt', name: 'a' }, (uri) => ({ contents: [{ uri, text: 'a' }] }));
  return server;
}

/** The next event, without ending the subscription. */
async function nextEvent(subscription: Subscription): Promise<SubscriptionEvent | 'done'> {
  const next = await subscription[Symbol.asyncIterator]().next();
  return next.done === true ? 'done' : next.value;
}

/** Every event until the subscription ends. */
async function drain(subscription: Subscription): Promise<SubscriptionEvent[]> {
  const events: SubscriptionEvent[] = [];
  for await (const event of subscription) events.push(event);
  return events;
}

/** A listen stream that stays open until the client goes away, then ends the way a drop would. */
function openUntilAborted(options: TransportSendOptions): Promise<JsonRpcResponse> {
  return new Promise((_resolve, reject) => {
    options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
  });
}

describe('McpClient.listen', () => {
  it('yields the acknowledgement first, then change notifications tagged with its id (requirements.md #41, #74)', async () => {
    const server = createListenServer();
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport });
    const subscription = client.listen({ toolsListChanged: true });

    expect(await nextEvent(subscription)).toEqual({ type: 'acknowledged', filter: { toolsListChanged: true }, reconnected: false });
    server.notifyToolsListChanged();
    const listenId = transport.sent[0]!.id;
    expect(await nextEvent(subscription)).toEqual({
      type: 'notification',
      notification: {
        jsonrpc: '2.0',
        method: 'notifications/tools/list_changed',
        params: { _meta: { [MetaKey.SubscriptionId]: listenId, [TernMetaKey.Cursor]: expect.any(String) } },
      },
    });
    subscription.close();
    expect(await nextEvent(subscription)).toBe('done');
  });

  it('resumes after the last cursor on reconnection, on another instance of the same bus, and misses nothing', async () => {
    const bus = new InMemoryChangeBus();
    const [a, b] = [createListenServer({ changeBus: bus }), createListenServer({ changeBus: bus })];
    const [toA, toB] = [new InMemoryTransport(a), new InMemoryTransport(b)];
    let drop: () => void = () => undefined;
    const transport: ClientTransport = {
      send: (request, options) => {
        if (toA.sent.length > 0) return toB.send(request, options);
        // The first stream goes to A and drops when the test says so, as a network failure would.
        const link = new AbortController();
        options.signal.addEventListener('abort', () => link.abort(), { once: true });
        drop = () => link.abort(new TypeError('connection reset'));
        return toA.send(request, { ...options, signal: link.signal });
      },
    };
    const client = new McpClient(CLIENT_INFO, { transport });
    const filter = { toolsListChanged: true, resourceSubscriptions: ['file:///watched/'] };
    const subscription = client.listen(filter, { reconnect: { initialDelayMs: 1 } });
    expect(await nextEvent(subscription)).toMatchObject({ type: 'acknowledged', reconnected: false });
    a.notifyToolsListChanged();
    const seen = await nextEvent(subscription);
    const cursor = seen !== 'done' && seen.type === 'notification' ? (seen.notification.params?.['_meta'] as Record<string, unknown>)[TernMetaKey.Cursor] : undefined;
    drop();
    a.notifyResourceUpdated('file:///watched/a.txt');
    a.notifyToolsListChanged();
    expect(await nextEvent(subscription)).toMatchObject({ type: 'reconnecting', attempt: 1 });
    expect(await nextEvent(subscription)).toEqual({ type: 'acknowledged', filter, reconnected: true, resumed: 'replayed' });
    const replayed = [await nextEvent(subscription), await nextEvent(subscription)];
    expect(replayed.map((event) => (event !== 'done' && event.type === 'notification' ? event.notification.method : event))).toEqual([
      'notifications/resources/updated',
      'notifications/tools/list_changed',
    ]);
    expect(typeof cursor).toBe('string');
    expect(toB.sent[0] === undefined ? undefined : metaOf(toB.sent[0])[TernMetaKey.ResumeAfter]).toBe(cursor);
    subscription.close();
  });

  it('resolves acknowledged with the part of the filter the server honours (requirements.md #75)', async () => {
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(createListenServer()) });
    // The server has no prompts, so it cannot honour promptsListChanged.
    const subscription = client.listen({ toolsListChanged: true, promptsListChanged: true, resourceSubscriptions: ['file:///watched/'] });
    expect(await subscription.acknowledged).toEqual({ toolsListChanged: true, resourceSubscriptions: ['file:///watched/'] });
    subscription.close();
  });

  it('ignores notifications with another or no subscription id (requirements.md #262)', async () => {
    const transport = new ScriptedTransport((request, options) => {
      const notify = options.onNotification!;
      notify(acknowledged('someone-else', { toolsListChanged: true }));
      notify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { [MetaKey.SubscriptionId]: 'someone-else' } } });
      notify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { [MetaKey.SubscriptionId]: String(request.id) } } });
      notify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      notify(acknowledged(request.id, { toolsListChanged: true }));
      notify({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { _meta: { [MetaKey.SubscriptionId]: request.id }, uri: 'file:///x' } });
      return resultFor(request, { resultType: 'complete', _meta: { [MetaKey.SubscriptionId]: request.id } });
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    const events = await drain(client.listen({ toolsListChanged: true }));
    expect(events).toEqual([
      { type: 'acknowledged', filter: { toolsListChanged: true }, reconnected: false },
      { type: 'notification', notification: expect.objectContaining({ method: 'notifications/resources/updated', params: expect.objectContaining({ uri: 'file:///x' }) }) },
    ]);
  });

  it('ends the iteration without error when the server closes the stream gracefully (requirements.md #76)', async () => {
    const server = createListenServer();
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server) });
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    server.notifyToolsListChanged();
    server.close();
    const events = await drain(subscription);
    expect(events.map((event) => event.type)).toEqual(['acknowledged', 'notification']);
  });

  it('ends the iteration on close(), and the server stops the stream', async () => {
    const server = createListenServer({ limits: { maxListenStreams: 1 } });
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport });
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    const pending = drain(subscription);
    subscription.close();
    server.notifyToolsListChanged();
    expect((await pending).map((event) => event.type)).toEqual(['acknowledged']);

    // The server freed the slot: a new listen is accepted despite maxListenStreams: 1.
    const again = client.listen({ toolsListChanged: true });
    await expect(again.acknowledged).resolves.toEqual({ toolsListChanged: true });
    again.close();
  });

  it('ends the iteration when its signal aborts, and when the loop breaks', async () => {
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(createListenServer()) });
    const controller = new AbortController();
    const subscription = client.listen({ toolsListChanged: true }, { signal: controller.signal });
    await subscription.acknowledged;
    controller.abort();
    expect((await drain(subscription)).map((event) => event.type)).toEqual(['acknowledged']);

    const broken = client.listen({ toolsListChanged: true });
    for await (const event of broken) {
      expect(event.type).toBe('acknowledged');
      break;
    }
    expect(await nextEvent(broken)).toBe('done');
  });

  it('reconnects with a new request after a dropped stream and says so (requirements.md #142, #265)', async () => {
    let opened = 0;
    const drop = new TypeError('network down');
    const transport = new ScriptedTransport(async (request, options) => {
      opened += 1;
      options.onNotification?.(acknowledged(request.id, { toolsListChanged: true }));
      if (opened === 1) throw drop;
      return openUntilAborted(options);
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    const subscription = client.listen({ toolsListChanged: true }, { reconnect: { initialDelayMs: 1 } });

    expect(await nextEvent(subscription)).toEqual({ type: 'acknowledged', filter: { toolsListChanged: true }, reconnected: false });
    expect(await nextEvent(subscription)).toEqual({ type: 'reconnecting', attempt: 1, error: drop });
    expect(await nextEvent(subscription)).toEqual({ type: 'acknowledged', filter: { toolsListChanged: true }, reconnected: true });
    subscription.close();
    expect(await nextEvent(subscription)).toBe('done');

    const [first, second] = transport.requests as [JsonRpcRequest, JsonRpcRequest];
    expect(second.id).not.toBe(first.id);
    expect(second.params).toEqual(first.params);
    expect(metaOf(second)[MetaKey.ProtocolVersion]).toBe(metaOf(first)[MetaKey.ProtocolVersion]);
  });

  it('starts counting reconnection attempts afresh once a reconnected stream is acknowledged', async () => {
    let opened = 0;
    const transport = new ScriptedTransport(async (request, options) => {
      opened += 1;
      options.onNotification?.(acknowledged(request.id, { toolsListChanged: true }));
      if (opened <= 2) throw new TypeError(`drop ${opened}`);
      return openUntilAborted(options);
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    const subscription = client.listen({ toolsListChanged: true }, { reconnect: { maxAttempts: 1, initialDelayMs: 1 } });
    const events: (SubscriptionEvent | 'done')[] = [];
    for (let index = 0; index < 5; index += 1) events.push(await nextEvent(subscription));
    subscription.close();
    expect(events.map((event) => (event === 'done' ? event : event.type === 'reconnecting' ? `reconnecting ${event.attempt}` : event.type))).toEqual([
      'acknowledged',
      'reconnecting 1',
      'acknowledged',
      'reconnecting 1',
      'acknowledged',
    ]);
  });

  it('gives up after maxAttempts failed reconnections and ends with the last error', async () => {
    const transport = new ScriptedTransport(() => Promise.reject(new TypeError('unreachable')));
    const client = new McpClient(CLIENT_INFO, { transport });
    const subscription = client.listen({ toolsListChanged: true }, { reconnect: { maxAttempts: 2, initialDelayMs: 1 } });
    const events: SubscriptionEvent[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of subscription) events.push(event);
      })(),
    );
    expect(events.map((event) => event.type)).toEqual(['reconnecting', 'reconnecting']);
    expect(error).toBeInstanceOf(TypeError);
    expect(transport.requests).toHaveLength(3);
  });

  it('ends with the error at once when reconnect is false', async () => {
    const transport = new ScriptedTransport(() => Promise.reject(new TypeError('gone')));
    const client = new McpClient(CLIENT_INFO, { transport });
    const error = await rejectionOf(drain(client.listen({ toolsListChanged: true }, { reconnect: false })));
    expect(error).toMatchObject({ name: 'TypeError', message: 'gone' });
    expect(transport.requests).toHaveLength(1);
  });

  it('wraps a non-Error failure in SdkError CONNECTION_CLOSED', async () => {
    const transport = new ScriptedTransport(() => {
      // A transport that fails with something that is not an Error (a thrown string).
      throw 'connection reset' as unknown as Error;
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    const error = await rejectionOf(drain(client.listen({ toolsListChanged: true }, { reconnect: false })));
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('ends with the JSON-RPC error when the server refuses the subscription, without reconnecting', async () => {
    const transport = new ScriptedTransport((request) => errorFor(request, { code: -32603, message: 'Too many open subscriptions' }));
    const client = new McpClient(CLIENT_INFO, { transport });
    const error = await rejectionOf(drain(client.listen({ toolsListChanged: true }, { reconnect: { initialDelayMs: 1 } })));
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32603, message: 'Too many open subscriptions' });
    expect(transport.requests).toHaveLength(1);
  });

  it('ends with the JSON-RPC error of a real server over its stream limit', async () => {
    const server = createListenServer({ limits: { maxListenStreams: 1 } });
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server) });
    const first = client.listen({ toolsListChanged: true });
    await first.acknowledged;
    const error = await rejectionOf(drain(client.listen({ toolsListChanged: true })));
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32603 });
    first.close();
  });

  it('keeps only the newest events past maxBufferedEvents', async () => {
    const server = createListenServer();
    const client = new McpClient(CLIENT_INFO, { transport: new InMemoryTransport(server) });
    const subscription = client.listen({ resourceSubscriptions: ['file:///watched/'] }, { maxBufferedEvents: 2 });
    await subscription.acknowledged;
    for (const name of ['a', 'b', 'c']) server.notifyResourceUpdated(`file:///watched/${name}.txt`);
    // Let every event reach the buffer while nobody reads.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const uris: unknown[] = [];
    for (let index = 0; index < 2; index += 1) {
      const event = await nextEvent(subscription);
      if (event !== 'done' && event.type === 'notification') uris.push(event.notification.params?.['uri']);
    }
    subscription.close();
    expect(uris).toEqual(['file:///watched/b.txt', 'file:///watched/c.txt']);
  });
});
