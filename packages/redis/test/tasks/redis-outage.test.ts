// The Redis task store while Redis is away: a request that needs it fails at once (or within the
// command timeout when Redis hangs) with -32603 and `{ retryAfterSeconds, limit: 'server' }`, which
// HTTP answers as 503 with Retry-After; it works again once Redis is back, without a restart, and
// a watcher that missed a change while its subscriber was disconnected catches up.
import { isJsonRpcError } from '@tern/jsonrpc';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisConnection, RedisTaskStore } from '../../src/index.js';
import { startRedisServer } from '../../src/testing/index.js';
import type { RedisServer } from '../../src/testing/index.js';

const NEW = { owner: null, ttlMs: 60_000, pollIntervalMs: 100 };
const ELICIT = {
  method: 'elicitation/create',
  params: { mode: 'form', message: 'Sure?', requestedSchema: { type: 'object', properties: {} } },
} as const;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(commandTimeoutMs = 5000): Promise<{
  server: RedisServer;
  connection: RedisConnection;
  store: RedisTaskStore;
}> {
  const server = await startRedisServer();
  cleanup.push(() => server.stop());
  const connection = await RedisConnection.connect({ url: server.url, maxReconnectDelayMs: 100 });
  cleanup.push(() => connection.close());
  return { server, connection, store: new RedisTaskStore({ connection, commandTimeoutMs }) };
}

async function unavailable(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isJsonRpcError(error)).toBe(true);
  return (error as { toJson(): unknown }).toJson();
}

describe('RedisTaskStore while Redis is away', () => {
  it('fails at once with the 503 shape while Redis is down, and works again once it is back', async () => {
    const { server, connection, store } = await setup();
    await server.stop();
    expect(await unavailable(store.get('t1'))).toEqual({
      code: -32603,
      message: 'The shared store (Redis) is unavailable; try again later',
      data: { retryAfterSeconds: 2, limit: 'server' },
    });
    await expect(store.create({ taskId: 't1', ...NEW })).rejects.toThrow(/unavailable/);
    await server.restart();
    await expect.poll(() => connection.ready, { timeout: 10_000 }).toBe(true);
    await expect(store.create({ taskId: 't1', ...NEW })).resolves.toMatchObject({
      status: 'working',
    });
  });

  it('fails within the command timeout while Redis hangs, and finishes what it sent once Redis resumes', async () => {
    const { server, store } = await setup(300);
    await store.create({ taskId: 't2', ...NEW });
    server.pause();
    try {
      const started = Date.now();
      expect(await unavailable(store.get('t2'))).toMatchObject({ code: -32603 });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      server.resume();
    }
    await expect
      .poll(async () => (await store.get('t2'))?.status, { timeout: 5_000 })
      .toBe('working');
  });

  it('expires a task with Redis itself once its ttlMs elapsed', async () => {
    const { connection, store } = await setup();
    await store.create({ taskId: 't3', ...NEW, ttlMs: 200 });
    const ttl = await connection.client.pTTL(connection.key('task', 't3'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await expect.poll(() => connection.client.exists(connection.key('task', 't3'))).toBe(0);
  });

  it('catches a watcher up with the change it missed while its subscriber reconnected', async () => {
    const { connection, store } = await setup();
    const other = await RedisConnection.connect({ url: connection.client.options?.url ?? '' });
    cleanup.push(() => other.close());
    const elsewhere = new RedisTaskStore({ connection: other });
    await store.create({ taskId: 't4', ...NEW });
    const seen: string[] = [];
    store.watch('t4', (task) => seen.push(task.status));
    await store.ask('t4', 'k', ELICIT);
    await expect.poll(() => seen).toEqual(['input_required']);
    // The kill and the change go out back to back: the change is published while no subscriber
    // of `store` listens, and only the catch-up on reconnection can tell the watcher.
    await Promise.all([
      other.client.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']),
      elsewhere.deliver('t4', { k: { action: 'decline' } }),
    ]);
    await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toBe('working');
  });
});
