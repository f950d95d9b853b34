// RedisChangeBus beyond the shared contract: the age window, and Redis going away (stopped,
// restarted empty, a subscriber connection killed): clear 503-shaped errors, reconnection without
// a restart, gaps filled from the stream, and a refetch when they cannot be.
import { overloadOf } from '@tern/core-protocol';
import type { ChangeDelivery } from '@tern/core-protocol';
import { JsonRpcError, SdkError } from '@tern/jsonrpc';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { RedisChangeBus, RedisConnection } from '../../src/index.js';
import { startRedisServer } from '../../src/testing/index.js';
import type { RedisServer } from '../../src/testing/index.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let run = 0;
async function openBus(url: string, options: { name?: string; retentionMs?: number } = {}) {
  const connection = await RedisConnection.connect({ url, keyPrefix: 'test-bus-faults:', maxReconnectDelayMs: 100 });
  const bus = new RedisChangeBus({ connection, name: options.name ?? `faults-${String(process.pid)}-${String(run)}`, ...options });
  cleanup.push(async () => {
    await bus.close();
    await connection.close();
  });
  return { connection, bus };
}

async function ownServer(): Promise<RedisServer> {
  const server = await startRedisServer();
  cleanup.push(() => server.stop());
  return server;
}

function recorder() {
  const deliveries: ChangeDelivery[] = [];
  return { deliveries, listener: (delivery: ChangeDelivery) => void deliveries.push(delivery) };
}

describe('RedisChangeBus', () => {
  it('trims events older than retentionMs: a cursor from before them gets refetch', async () => {
    run += 1;
    const { bus } = await openBus(inject('redisUrl'), { retentionMs: 200 });
    const quiet = await bus.listen(() => undefined);
    await bus.publish({ type: 'tools/list_changed' });
    const first = recorder();
    const early = await bus.listen(first.listener, { after: String(quiet.head) });
    await vi.waitFor(() => expect(first.deliveries).toHaveLength(1));
    early.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await bus.publish({ type: 'prompts/list_changed' });
    expect((await bus.listen(() => undefined, { after: String(quiet.head) })).start).toBe('refetch');
    const later = recorder();
    expect((await bus.listen(later.listener, { after: String(first.deliveries[0]?.cursor) })).start).toBe('replayed');
    await vi.waitFor(() => expect(later.deliveries).toMatchObject([{ kind: 'event', event: { type: 'prompts/list_changed' } }]));
  });

  it('refuses with a 503-shaped error while Redis is down, reconnects by itself, and owes listeners a refetch', async () => {
    run += 1;
    const server = await ownServer();
    const { bus, connection } = await openBus(server.url);
    const heard = recorder();
    await bus.listen(heard.listener);
    await server.stop();
    const publishing = await bus.publish({ type: 'tools/list_changed' }).catch((error: unknown) => error);
    expect(publishing).toBeInstanceOf(JsonRpcError);
    expect(overloadOf(publishing as JsonRpcError)).toEqual({ retryAfterSeconds: 2, limit: 'server' });
    const listening = await bus.listen(() => undefined).catch((error: unknown) => error);
    expect(overloadOf(listening as JsonRpcError)).toEqual({ retryAfterSeconds: 2, limit: 'server' });
    await server.restart();
    await vi.waitFor(() => expect(connection.ready).toBe(true), { timeout: 10_000 });
    // The failed publish was not lost silently: once Redis is back, every listener refetches.
    await vi.waitFor(() => expect(heard.deliveries.some((delivery) => delivery.kind === 'refetch')).toBe(true), { timeout: 10_000 });
    const after = recorder();
    await vi.waitFor(() => bus.listen(after.listener), { timeout: 10_000 });
    await bus.publish({ type: 'tools/list_changed' });
    await vi.waitFor(() => expect(after.deliveries).toMatchObject([{ kind: 'event', event: { type: 'tools/list_changed' } }]));
  });

  it('fills the gap from the stream when only its subscriber connection dropped', async () => {
    run += 1;
    const server = await ownServer();
    const listening = await openBus(server.url);
    const publishing = await openBus(server.url);
    const heard = recorder();
    await listening.bus.listen(heard.listener);
    await publishing.connection.client.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    for (let n = 1; n <= 5; n += 1) await publishing.bus.publish({ type: 'resources/updated', uri: `mem://${String(n)}` });
    await vi.waitFor(
      () =>
        expect(heard.deliveries.filter((delivery) => delivery.kind === 'event').map((delivery) => delivery.kind === 'event' && delivery.event)).toEqual(
          [1, 2, 3, 4, 5].map((n) => ({ type: 'resources/updated', uri: `mem://${String(n)}` })),
        ),
      { timeout: 10_000 },
    );
  });

  it('tells listeners and resuming clients to refetch after Redis restarted empty', async () => {
    run += 1;
    const server = await ownServer();
    const { bus, connection } = await openBus(server.url);
    const heard = recorder();
    await bus.listen(heard.listener);
    await bus.publish({ type: 'tools/list_changed' });
    await vi.waitFor(() => expect(heard.deliveries).toHaveLength(1));
    const cursor = String(heard.deliveries[0]?.cursor);
    await server.restart();
    await vi.waitFor(() => expect(connection.ready).toBe(true), { timeout: 10_000 });
    await vi.waitFor(() => expect(heard.deliveries.at(-1)?.kind).toBe('refetch'), { timeout: 10_000 });
    expect((await bus.listen(() => undefined, { after: cursor })).start).toBe('refetch');
  });

  it('refuses bounds that are not positive integers', async () => {
    const connection = await RedisConnection.connect({ url: inject('redisUrl') });
    cleanup.push(() => connection.close());
    expect(() => new RedisChangeBus({ connection, retentionMs: 0 })).toThrow(SdkError);
    expect(() => new RedisChangeBus({ connection, maxRetainedEvents: 1.5 })).toThrow(SdkError);
  });
});
