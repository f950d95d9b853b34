import type { McpServer } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSseStream } from '../../src/server/request-streams.js';
import {
  ACCEPT_BOTH,
  LegacyClient,
  SseReader,
  sleep,
  startServer,
} from './helpers/legacy-client.js';
import type { TestServer } from './helpers/legacy-client.js';

let release: () => void = () => undefined;
let closed: boolean | undefined;

function register(server: McpServer): void {
  server.registerTool('noop', { description: 'Does nothing.' }, () => 'done');
  server.registerTool(
    'polling',
    { description: 'Closes its SSE connection, then finishes later.' },
    async (_args, ctx) => {
      ctx.progress(1, 3);
      closed = closeSseStream(ctx);
      await new Promise<void>((resolve) => (release = resolve));
      ctx.progress(2, 3);
      return 'finished after reconnect';
    },
  );
  server.registerResource({ uri: 'test://a', name: 'a' }, (uri) => ({
    contents: [{ uri, text: 'a' }],
  }));
  server.registerResource({ uri: 'test://b', name: 'b' }, (uri) => ({
    contents: [{ uri, text: 'b' }],
  }));
}

let subject: TestServer | undefined;
afterEach(async () => {
  release();
  await subject?.close();
  subject = undefined;
});

async function start(legacy: Parameters<typeof startServer>[1] = {}): Promise<TestServer> {
  closed = undefined;
  subject = await startServer(register, legacy);
  return subject;
}

async function openStandalone(client: LegacyClient): Promise<SseReader> {
  const response = await client.get();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = new SseReader(response);
  expect(await reader.next()).toMatchObject({ data: '' });
  return reader;
}

describe('handleGet', () => {
  it('sends list_changed to a legacy GET stream and a modern listen stream from one notify call', async () => {
    const { url, mcp } = await start();
    const legacy = new LegacyClient(url);
    await legacy.connect();
    const standalone = await openStandalone(legacy);

    const listen = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: ACCEPT_BOTH,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'subscriptions/listen',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'listen-1',
        method: 'subscriptions/listen',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {},
          },
          notifications: { toolsListChanged: true },
        },
      }),
    });
    const modern = new SseReader(listen);
    expect(await modern.message()).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
    });

    mcp.notifyToolsListChanged();
    expect(await standalone.message()).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/tools/list_changed',
    });
    expect(await modern.message()).toMatchObject({ method: 'notifications/tools/list_changed' });
    await modern.cancel();
    await standalone.cancel();
  });

  it('sends resources/updated only to sessions subscribed to that URI', async () => {
    const { url, mcp } = await start();
    const subscriber = new LegacyClient(url);
    await subscriber.connect();
    const other = new LegacyClient(url);
    await other.connect();
    expect(
      (await subscriber.request('resources/subscribe', { uri: 'test://a' }))['result'],
    ).toEqual({});
    const subscribed = await openStandalone(subscriber);
    const unsubscribed = await openStandalone(other);

    mcp.notifyResourceUpdated('test://b');
    mcp.notifyResourceUpdated('test://a');
    expect(await subscribed.message()).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/resources/updated',
      params: { uri: 'test://a' },
    });
    mcp.notifyToolsListChanged();
    // The other session got neither update: its first message is the list change.
    expect(await unsubscribed.message()).toMatchObject({
      method: 'notifications/tools/list_changed',
    });

    expect(
      (await subscriber.request('resources/unsubscribe', { uri: 'test://a' }))['result'],
    ).toEqual({});
    mcp.notifyResourceUpdated('test://a');
    mcp.notifyPromptsListChanged();
    mcp.notifyResourcesListChanged();
    // Tools changed before; no prompts capability, so the next one is the resource list change.
    expect(await subscribed.message()).toMatchObject({
      method: 'notifications/tools/list_changed',
    });
    expect(await subscribed.message()).toMatchObject({
      method: 'notifications/resources/list_changed',
    });
    await subscribed.cancel();
    await unsubscribed.cancel();
  });

  it('replays the missed events of the GET stream after Last-Event-ID, and only those', async () => {
    const { url, mcp } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const first = await openStandalone(client);
    mcp.notifyToolsListChanged();
    const seen = await first.next();
    expect(seen?.id).toMatch(/^\d+-1$/);
    await first.cancel();
    await sleep(20);
    // Missed while disconnected.
    mcp.notifyResourcesListChanged();
    mcp.notifyToolsListChanged();

    const resumed = new SseReader(await client.get(seen?.id));
    expect(await resumed.message()).toMatchObject({
      method: 'notifications/resources/list_changed',
    });
    expect(await resumed.message()).toMatchObject({ method: 'notifications/tools/list_changed' });
    // Live again on the resumed connection.
    mcp.notifyResourcesListChanged();
    expect(await resumed.message()).toMatchObject({
      method: 'notifications/resources/list_changed',
    });
    await resumed.cancel();
  });

  it('lets a tool close its POST stream (closeSseStream); GET with Last-Event-ID then delivers the rest and the response', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, response } = await client.send('tools/call', {
      name: 'polling',
      _meta: { progressToken: 'p' },
    });
    const post = new SseReader(response);
    const events = await post.rest();
    expect(closed).toBe(true);
    expect(events[0]).toMatchObject({ data: '', retry: 1000 });
    const last = events.at(-1);
    expect(JSON.parse(last?.data ?? '{}')).toMatchObject({
      method: 'notifications/progress',
      params: { progress: 1 },
    });

    const resumed = new SseReader(await client.get(last?.id));
    release();
    expect(await resumed.message()).toMatchObject({
      method: 'notifications/progress',
      params: { progress: 2 },
    });
    expect(await resumed.message()).toEqual({
      jsonrpc: '2.0',
      id,
      result: { content: [{ type: 'text', text: 'finished after reconnect' }] },
    });
    expect(await resumed.next()).toBeUndefined();
  });

  it('replays a finished POST stream from the buffer and ends', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const { id, response } = await client.send('tools/call', { name: 'polling' });
    const events = await new SseReader(response).rest();
    release();
    await sleep(30);
    const replay = new SseReader(await client.get(events[0]?.id));
    expect(await replay.message()).toMatchObject({
      id,
      result: { content: [{ text: 'finished after reconnect' }] },
    });
    expect(await replay.next()).toBeUndefined();
  });

  it('does not close streams of a 2025-06-18 session, which have no priming event', async () => {
    const { url } = await start();
    const client = new LegacyClient(url, '2025-06-18');
    await client.connect();
    const { id, response } = await client.send('tools/call', {
      name: 'polling',
      _meta: { progressToken: 1 },
    });
    const reader = new SseReader(response);
    expect(await reader.message()).toMatchObject({ method: 'notifications/progress' });
    await sleep(20);
    expect(closed).toBe(false);
    release();
    expect(await reader.message()).toMatchObject({
      method: 'notifications/progress',
      params: { progress: 2 },
    });
    expect(await reader.message()).toMatchObject({ id, result: {} });
  });

  it('gives each event an id naming its stream, unique in the session', async () => {
    const { url, mcp } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const standalone = await openStandalone(client);
    const { response } = await client.send('tools/call', { name: 'polling' });
    const post = await new SseReader(response).rest();
    mcp.notifyToolsListChanged();
    const notification = await standalone.next();
    const streamOf = (id: string | undefined): string | undefined => id?.split('-')[0];
    expect(streamOf(notification?.id)).not.toBe(streamOf(post[0]?.id));
    await standalone.cancel();
  });

  it('replaces an open standalone connection with a new GET, so each message goes to one stream', async () => {
    const { url, mcp } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const first = await openStandalone(client);
    const second = await openStandalone(client);
    expect(await first.next()).toBeUndefined();
    mcp.notifyToolsListChanged();
    expect(await second.message()).toMatchObject({ method: 'notifications/tools/list_changed' });
    await second.cancel();
  });

  it('refuses a GET without text/event-stream in Accept with 406', async () => {
    const { url } = await start();
    const client = new LegacyClient(url);
    await client.connect();
    const response = await fetch(url, {
      headers: {
        accept: 'application/json',
        'mcp-session-id': client.sessionId ?? '',
        'mcp-protocol-version': '2025-11-25',
      },
    });
    expect(response.status).toBe(406);
  });

  it('keeps a session with an open GET stream alive past the idle timeout', async () => {
    const { url, layer } = await start({ legacy: { idleTimeoutMs: 40 } });
    const client = new LegacyClient(url);
    await client.connect();
    const standalone = await openStandalone(client);
    await sleep(100);
    expect((await client.request('ping'))['result']).toEqual({});
    expect(layer.sessionCount).toBe(1);
    await standalone.cancel();
  });
});
