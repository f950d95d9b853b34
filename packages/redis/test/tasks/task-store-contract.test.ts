// The TaskStore contract of @tern/tasks (SEP-2663 §Task Status, §Task Update Requests: unique keys,
// partial and unknown answers; §Task Polling: TTL; leases), run against the in-memory store and the
// Redis store on a real redis-server, so both keep the same promises.
import { InMemoryTaskStore } from '@tern/tasks';
import { runTaskStoreContract } from '@tern/tasks/testing';
import { afterAll, beforeAll, inject } from 'vitest';
import { RedisConnection, RedisTaskStore } from '../../src/index.js';

let connection: RedisConnection;
beforeAll(async () => {
  connection = await RedisConnection.connect({ url: inject('redisUrl'), keyPrefix: 'contract:' });
});
afterAll(async () => {
  await connection.close();
});

runTaskStoreContract(
  'InMemoryTaskStore',
  (clock) => new InMemoryTaskStore({ now: () => clock.now() }),
);
runTaskStoreContract(
  'RedisTaskStore',
  (clock) => new RedisTaskStore({ connection, now: () => clock.now() }),
);
