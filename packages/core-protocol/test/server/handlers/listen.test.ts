// subscriptions/listen, driven through McpServer.handle with a notify callback and an
// AbortController (the response only comes when the stream ends). Requirements: #41 (every
// notification carries subscriptionId), #73 (only opted-in types), #74 (acknowledged first with
// the honoured filter), #76 and #257 (graceful close result with subscriptionId), #151, #165,
// #173, #198; checklist F6 (bounded number of streams).
import type { JsonRpcId, JsonRpcNotification } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { InMemoryChangeBus } from '../../../src/index.js';
import type { ChangeBus } from '../../../src/index.js';
import { createTestServer, requestMeta, SERVER_INFO, sleep } from '../helpers/server-fixtures.js';
import { listen, listenWithMeta } from '../helpers/listen-stream.js';

const tagged = (
  id: JsonRpcId,
  method: string,
  extra: Record<string, unknown> = {},
): JsonRpcNotification => ({
  jsonrpc: '2.0',
  method,
  // A resumable bus (the in-memory default) adds a cursor to every message: listen-resume.test.ts.
  params: { _meta: { [MetaKey.SubscriptionId]: id, [CURSOR]: expect.any(String) }, ...extra },
});
const CURSOR = 'dev.tern/cursor';

function fullServer(options: Parameters<typeof createTestServer>[0] = {}) {
  const { server } = createTestServer(options);
  server.registerTool('t', {}, () => 't');
  server.registerPrompt('p', {}, () => ({ messages: [] }));
  server.registerResource({ uri: 'db://orders/schema', name: 'schema' }, (uri) => ({
    contents: [{ uri, text: '' }],
  }));
  return server;
}

describe('listen', () => {
  it('acknowledges first, with only the kinds backed by an advertised capability (requirements.md #74)', async () => {
    const { server } = createTestServer();
    server.registerTool('t', {}, () => 't');
    const stream = await listen(server, 'sub-7', {
      toolsListChanged: true,
      promptsListChanged: true,
      resourcesListChanged: true,
      resourceSubscriptions: ['db://orders/schema'],
    });
    expect(stream.notifications).toEqual([
      tagged('sub-7', 'notifications/subscriptions/acknowledged', {
        notifications: { toolsListChanged: true },
      }),
    ]);
    expect(stream.done()).toBe(false);
    server.close();
    await stream.response;
  });

  it('acknowledges every requested kind the server supports, and none that were not requested or were false', async () => {
    const server = fullServer();
    const stream = await listen(server, 1, {
      toolsListChanged: false,
      promptsListChanged: true,
      resourcesListChanged: true,
      resourceSubscriptions: ['db://a', 'db://b'],
    });
    expect(stream.notifications[0]?.params?.['notifications']).toEqual({
      promptsListChanged: true,
      resourcesListChanged: true,
      resourceSubscriptions: ['db://a', 'db://b'],
    });
    server.close();
    await stream.response;
  });

  it('delivers only the notification types the client opted in to (requirements.md #73, #151, #165, #173)', async () => {
    const server = fullServer();
    const tools = await listen(server, 'tools', { toolsListChanged: true });
    const all = await listen(server, 'all', {
      toolsListChanged: true,
      promptsListChanged: true,
      resourcesListChanged: true,
    });
    server.registerPrompt('p2', {}, () => ({ messages: [] }));
    server.notifyResourcesListChanged();
    server.notifyResourceUpdated('db://orders/schema');
    server.registerTool('t2', {}, () => 't2');
    server.notifyToolsListChanged();
    server.notifyPromptsListChanged();
    server
      .registerResource({ uri: 'db://x', name: 'x' }, (uri) => ({ contents: [{ uri, text: '' }] }))
      .remove();
    expect(tools.notifications.slice(1)).toEqual([
      tagged('tools', 'notifications/tools/list_changed'),
      tagged('tools', 'notifications/tools/list_changed'),
    ]);
    expect(all.notifications.slice(1).map((notification) => notification.method)).toEqual([
      'notifications/prompts/list_changed',
      'notifications/resources/list_changed',
      'notifications/tools/list_changed',
      'notifications/tools/list_changed',
      'notifications/prompts/list_changed',
      'notifications/resources/list_changed',
      'notifications/resources/list_changed',
    ]);
    server.close();
    await Promise.all([tools.response, all.response]);
  });

  it('tags every notification with subscriptionId equal to the request id, keeping its JSON type (requirements.md #41)', async () => {
    const server = fullServer();
    const numeric = await listen(server, 7, { toolsListChanged: true });
    const text = await listen(server, '7', { toolsListChanged: true });
    server.notifyToolsListChanged();
    for (const notification of numeric.notifications)
      expect(notification.params?.['_meta']).toEqual({ [MetaKey.SubscriptionId]: 7, [CURSOR]: expect.any(String) });
    for (const notification of text.notifications)
      expect(notification.params?.['_meta']).toEqual({ [MetaKey.SubscriptionId]: '7', [CURSOR]: expect.any(String) });
    expect(numeric.notifications).toHaveLength(2);
    expect(text.notifications).toHaveLength(2);
    server.close();
    await Promise.all([numeric.response, text.response]);
  });

  it('delivers resources/updated for a subscribed URI and its sub-resources, not for others', async () => {
    const server = fullServer();
    const stream = await listen(server, 's', {
      resourceSubscriptions: ['db://orders/schema', 'file:///etc/app/'],
    });
    for (const uri of [
      'db://orders/schema',
      'db://orders/schema/v2',
      'db://orders/schemas',
      'db://orders',
      'file:///etc/app/app.toml',
      'file:///etc/application',
      'other://x',
    ]) {
      server.notifyResourceUpdated(uri);
    }
    expect(stream.notifications.slice(1)).toEqual([
      tagged('s', 'notifications/resources/updated', { uri: 'db://orders/schema' }),
      tagged('s', 'notifications/resources/updated', { uri: 'db://orders/schema/v2' }),
      tagged('s', 'notifications/resources/updated', { uri: 'file:///etc/app/app.toml' }),
    ]);
    server.close();
    await stream.response;
  });

  it('emits tools/list_changed to an open stream when a tool is registered or removed after it started', async () => {
    const server = fullServer();
    const stream = await listen(server, 'live', { toolsListChanged: true });
    const later = server.registerTool('later', {}, () => 'later');
    later.remove();
    expect(stream.notifications.slice(1)).toEqual([
      tagged('live', 'notifications/tools/list_changed'),
      tagged('live', 'notifications/tools/list_changed'),
    ]);
    server.close();
    await stream.response;
  });

  it('ends the stream when the client aborts: nothing more is delivered and the bus listener is gone (requirements.md #114)', async () => {
    const bus = new InMemoryChangeBus();
    const server = fullServer({ changeBus: bus });
    const stream = await listen(server, 'gone', { toolsListChanged: true });
    expect(bus.size).toBe(1);
    stream.controller.abort();
    await stream.response;
    expect(stream.done()).toBe(true);
    server.notifyToolsListChanged();
    expect(stream.notifications).toHaveLength(1);
    expect(bus.size).toBe(0);
  });

  it('ends every stream on server.close() with a graceful result carrying subscriptionId and serverInfo (requirements.md #76, #257)', async () => {
    const server = fullServer();
    const first = await listen(server, 'sub-1', { toolsListChanged: true });
    const second = await listen(server, 2, { promptsListChanged: true });
    server.close();
    expect(await first.response).toEqual({
      jsonrpc: '2.0',
      id: 'sub-1',
      result: {
        resultType: 'complete',
        _meta: { [MetaKey.SubscriptionId]: 'sub-1', [MetaKey.ServerInfo]: SERVER_INFO },
      },
    });
    expect(await second.response).toMatchObject({
      id: 2,
      result: { resultType: 'complete', _meta: { [MetaKey.SubscriptionId]: 2 } },
    });
    server.notifyToolsListChanged();
    expect(first.notifications).toHaveLength(1);
  });

  it('refuses a stream past maxListenStreams with -32603, and accepts one again after another ended (F6)', async () => {
    const server = fullServer({ limits: { maxListenStreams: 2 } });
    const first = await listen(server, 1, { toolsListChanged: true });
    const second = await listen(server, 2, { toolsListChanged: true });
    const third = await listen(server, 3, { toolsListChanged: true });
    expect(await third.response).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: {
        code: -32603,
        message: 'Too many open subscriptions; try again later',
        data: { retryAfterSeconds: 5, limit: 'server' },
      },
    });
    expect(third.notifications).toEqual([]);
    first.controller.abort();
    await first.response;
    const fourth = await listen(server, 4, { toolsListChanged: true });
    expect(fourth.notifications).toHaveLength(1);
    server.close();
    await Promise.all([second.response, fourth.response]);
  });

  it('answers -32603 on a transport that cannot stream notifications', async () => {
    const server = fullServer();
    const response = await server.handle({
      jsonrpc: '2.0',
      id: 1,
      method: 'subscriptions/listen',
      params: { _meta: requestMeta(), notifications: { toolsListChanged: true } },
    });
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32603, message: 'This transport cannot carry a subscription stream' },
    });
  });

  it('sends no progress or log notifications on a listen stream (requirements.md #198)', async () => {
    const server = fullServer();
    const stream = await listenWithMeta(server, {
      id: 'quiet',
      filter: { toolsListChanged: true },
      meta: { [MetaKey.ProgressToken]: 'p', [MetaKey.LogLevel]: 'debug' },
    });
    server.notifyToolsListChanged();
    expect(stream.notifications.map((notification) => notification.method)).toEqual([
      'notifications/subscriptions/acknowledged',
      'notifications/tools/list_changed',
    ]);
    server.close();
    await stream.response;
  });

  it('hears changes made on another instance through a shared change bus', async () => {
    const bus = new InMemoryChangeBus();
    const one = fullServer({ changeBus: bus });
    const two = fullServer({ changeBus: bus });
    const stream = await listen(one, 'x', { toolsListChanged: true });
    two.registerTool('elsewhere', {}, () => 'e');
    expect(stream.notifications.slice(1)).toEqual([
      tagged('x', 'notifications/tools/list_changed'),
    ]);
    one.close();
    await stream.response;
  });

  it('ends only the stream whose notify callback throws; other streams and registrations carry on', async () => {
    const server = fullServer();
    let calls = 0;
    let acknowledged: () => void = () => undefined;
    const ack = new Promise<void>((resolve) => (acknowledged = resolve));
    const broken = server.handle(
      {
        jsonrpc: '2.0',
        id: 'broken',
        method: 'subscriptions/listen',
        params: { _meta: requestMeta(), notifications: { toolsListChanged: true } },
      },
      {
        notify: () => {
          calls += 1;
          acknowledged();
          if (calls > 1) throw new Error('stream closed');
        },
      },
    );
    await ack;
    const healthy = await listen(server, 'healthy', { toolsListChanged: true });
    expect(() => server.registerTool('t2', {}, () => 't2')).not.toThrow();
    expect(await broken).toMatchObject({ id: 'broken', result: { resultType: 'complete' } });
    server.registerTool('t3', {}, () => 't3');
    expect(calls).toBe(2);
    expect(healthy.notifications.slice(1)).toEqual([
      tagged('healthy', 'notifications/tools/list_changed'),
      tagged('healthy', 'notifications/tools/list_changed'),
    ]);
    server.close();
    await healthy.response;
  });

  it('reports a failing change bus to onError without breaking registrations, even when onError throws', async () => {
    const seen: unknown[] = [];
    const failing: ChangeBus = {
      publish: (event) =>
        event.type === 'tools/list_changed' ? Promise.reject(new Error('bus down')) : undefined,
      subscribe: () => () => undefined,
    };
    const { server } = createTestServer({
      changeBus: failing,
      onError: (error, request) => seen.push([String(error), request]),
    });
    server.registerTool('t', {}, () => 't');
    await sleep(1);
    expect(seen).toEqual([['Error: bus down', { method: 'change:tools/list_changed' }]]);
    const throwing: ChangeBus = {
      publish: () => {
        throw new Error('bus broken');
      },
      subscribe: () => () => undefined,
    };
    const hooked = createTestServer({
      changeBus: throwing,
      onError: () => {
        throw new Error('hook broken too');
      },
    }).server;
    expect(() => hooked.registerTool('t', {}, () => 't')).not.toThrow();
    const rejecting = createTestServer({
      changeBus: failing,
      onError: () => {
        throw new Error('hook broken too');
      },
    }).server;
    rejecting.registerTool('t', {}, () => 't');
    await sleep(1);
  });
});
