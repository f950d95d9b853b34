import { afterEach, describe, expect, inject, it } from 'vitest';
import { RedisConnection } from '../src/index.js';
import { startRedisServer, type RedisServer } from '../src/testing/index.js';

describe('RedisConnection', () => {
  const opened: RedisConnection[] = [];
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.close()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('runs commands under its key prefix and opens one shared subscriber', async () => {
    const connection = await RedisConnection.connect({ url: inject('redisUrl'), keyPrefix: 'test-conn:' });
    opened.push(connection);
    expect(connection.key('bus', 'events')).toBe('test-conn:bus:events');
    await connection.client.set(connection.key('probe'), 'yes');
    await expect(connection.client.get('test-conn:probe')).resolves.toBe('yes');
    const [first, second] = await Promise.all([connection.subscriber(), connection.subscriber()]);
    expect(first).toBe(second);
    expect(connection.ready).toBe(true);
  });

  it('fails commands at once while Redis is down, and reconnects by itself when it is back', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const errors: Error[] = [];
    const connection = await RedisConnection.connect({ url: server.url, onError: (error) => errors.push(error) });
    opened.push(connection);
    await server.stop();
    await expect(connection.client.ping()).rejects.toThrow();
    await server.restart();
    await expect.poll(() => connection.ready, { timeout: 10_000 }).toBe(true);
    await expect(connection.client.ping()).resolves.toBe('PONG');
    expect(errors.length).toBeGreaterThan(0);
  });
});
