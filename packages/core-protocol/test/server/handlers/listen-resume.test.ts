// Resumable change delivery on subscriptions/listen (docs/change-delivery.md): cursors in
// `dev.tern/cursor`, resumption with `dev.tern/resumeAfter`, and the plain refetch answer past the
// bus's window. Everything stays within requirements.md #41, #73, #74 (ack first), and #140: no
// SSE event ids and no Last-Event-ID; a reconnection is a new listen request with a new id.
import type { JsonRpcId, JsonRpcNotification } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { InMemoryChangeBus, TernMetaKey } from '../../../src/index.js';
import type { ChangeBus, McpServer } from '../../../src/index.js';
import { createTestServer, errorOf } from '../helpers/server-fixtures.js';
import { listenWithMeta } from '../helpers/listen-stream.js';

async function listen(server: McpServer, id: JsonRpcId, { filter, meta = {} }: { filter: Record<string, unknown>; meta?: Record<string, unknown> }) {
  const stream = await listenWithMeta(server, { id, filter, meta });
  return { ...stream, close: async () => void (stream.controller.abort(), await stream.response) };
}

function serverOn(bus: ChangeBus): McpServer {
  const { server } = createTestServer({ changeBus: bus });
  server.registerTool('t', {}, () => 't');
  server.registerResource({ uri: 'db://orders/schema', name: 'schema' }, (uri) => ({
    contents: [{ uri, text: '' }],
  }));
  return server;
}

const metaOf = (notification: JsonRpcNotification | undefined): Record<string, unknown> =>
  (notification?.params?.['_meta'] ?? {}) as Record<string, unknown>;

describe('listen: resumable delivery', () => {
  it('puts a cursor on the acknowledgement and every notification, and nothing else new', async () => {
    const server = serverOn(new InMemoryChangeBus());
    const stream = await listen(server, 1, { filter: { toolsListChanged: true } });
    server.notifyToolsListChanged();
    server.notifyToolsListChanged();
    const cursors = stream.notifications.map(
      (notification) => metaOf(notification)[TernMetaKey.Cursor],
    );
    expect(cursors).toHaveLength(3);
    expect(new Set(cursors).size).toBe(3);
    expect(metaOf(stream.notifications[0])).not.toHaveProperty(TernMetaKey.Resume);
    await stream.close();
  });

  it('replays on another instance what a dropped stream missed, after the acknowledgement and filtered, then goes live', async () => {
    const bus = new InMemoryChangeBus();
    const [a, b] = [serverOn(bus), serverOn(bus)];
    const first = await listen(a, 'one', {
      filter: { toolsListChanged: true, resourceSubscriptions: ['db://orders/schema'] },
    });
    a.notifyToolsListChanged();
    const cursor = metaOf(first.notifications.at(-1))[TernMetaKey.Cursor];
    await first.close();
    a.notifyResourceUpdated('db://orders/schema');
    a.notifyPromptsListChanged();
    a.notifyResourceUpdated('db://other');
    const again = await listen(b, 'two', {
      filter: { toolsListChanged: true, resourceSubscriptions: ['db://orders/schema'] },
      meta: { [TernMetaKey.ResumeAfter]: cursor },
    });
    b.notifyToolsListChanged();
    const [ack, ...rest] = again.notifications;
    expect(ack?.method).toBe('notifications/subscriptions/acknowledged');
    expect(metaOf(ack)).toMatchObject({
      [MetaKey.SubscriptionId]: 'two',
      [TernMetaKey.Resume]: 'replayed',
      [TernMetaKey.Cursor]: cursor,
    });
    expect(rest.map((notification) => [notification.method, notification.params?.['uri']])).toEqual(
      [
        ['notifications/resources/updated', 'db://orders/schema'],
        ['notifications/tools/list_changed', undefined],
      ],
    );
    expect(
      rest.every((notification) => metaOf(notification)[MetaKey.SubscriptionId] === 'two'),
    ).toBe(true);
    await again.close();
  });

  it('past the window, says refetch on the acknowledgement and sends one marked notification per honoured kind', async () => {
    const bus = new InMemoryChangeBus({ maxRetainedEvents: 2 });
    const server = serverOn(bus);
    const first = await listen(server, 1, { filter: { toolsListChanged: true } });
    const cursor = metaOf(first.notifications[0])[TernMetaKey.Cursor];
    await first.close();
    for (let n = 0; n < 3; n += 1) server.notifyToolsListChanged();
    const again = await listen(server, 2, {
      filter: {
        toolsListChanged: true,
        promptsListChanged: true,
        resourceSubscriptions: ['db://orders/schema'],
      },
      meta: { [TernMetaKey.ResumeAfter]: cursor },
    });
    const [ack, ...rest] = again.notifications;
    expect(metaOf(ack)[TernMetaKey.Resume]).toBe('refetch');
    // promptsListChanged is not honoured (no prompts here), so it gets no refetch either (#73).
    expect(
      rest.map((notification) => [
        notification.method,
        notification.params?.['uri'],
        metaOf(notification)[TernMetaKey.Refetch],
      ]),
    ).toEqual([
      ['notifications/tools/list_changed', undefined, true],
      ['notifications/resources/updated', 'db://orders/schema', true],
    ]);
    await again.close();
  });

  it('tells a client to refetch when the bus cannot resume (a custom bus without listen)', async () => {
    const plain = new InMemoryChangeBus();
    const bus: ChangeBus = {
      publish: (event) => plain.publish(event),
      subscribe: (listener) => plain.subscribe(listener),
    };
    const server = serverOn(bus);
    const stream = await listen(server, 1, {
      filter: { toolsListChanged: true },
      meta: { [TernMetaKey.ResumeAfter]: 'anything' },
    });
    server.notifyToolsListChanged();
    expect(
      stream.notifications.map((notification) => [notification.method, metaOf(notification)]),
    ).toEqual([
      [
        'notifications/subscriptions/acknowledged',
        { [MetaKey.SubscriptionId]: 1, [TernMetaKey.Resume]: 'refetch' },
      ],
      [
        'notifications/tools/list_changed',
        { [MetaKey.SubscriptionId]: 1, [TernMetaKey.Refetch]: true },
      ],
      ['notifications/tools/list_changed', { [MetaKey.SubscriptionId]: 1 }],
    ]);
    await stream.close();
  });

  it('refuses a resumeAfter that is not a short string with -32602', async () => {
    const server = serverOn(new InMemoryChangeBus());
    for (const after of [7, '', 'x'.repeat(201)]) {
      const stream = await listen(server, 1, {
        filter: { toolsListChanged: true },
        meta: { [TernMetaKey.ResumeAfter]: after },
      });
      expect(errorOf(await stream.response).code).toBe(-32602);
      expect(stream.notifications).toEqual([]);
    }
  });

  it('answers with the bus error when the bus cannot subscribe, and frees the stream slot', async () => {
    const plain = new InMemoryChangeBus();
    let down = true;
    const bus: ChangeBus = {
      publish: (event) => plain.publish(event),
      subscribe: (listener) => plain.subscribe(listener),
      listen: (listener, options) =>
        down ? Promise.reject(new Error('backend down')) : plain.listen(listener, options),
    };
    const { server } = createTestServer({ changeBus: bus, limits: { maxListenStreams: 1 } });
    server.registerTool('t', {}, () => 't');
    const failed = await listen(server, 1, { filter: { toolsListChanged: true } });
    expect(errorOf(await failed.response).code).toBe(-32603);
    down = false;
    const stream = await listen(server, 2, { filter: { toolsListChanged: true } });
    expect(stream.notifications[0]?.method).toBe('notifications/subscriptions/acknowledged');
    await stream.close();
  });
});
