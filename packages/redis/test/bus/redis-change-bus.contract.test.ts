// The ChangeBus contract of @tern/core-protocol/testing/contracts against RedisChangeBus on a real
// redis-server: each instance() is another bus with its own connection, as another process would be.
import { runChangeBusContract } from '@tern/core-protocol/testing/contracts';
import { inject } from 'vitest';
import { RedisChangeBus, RedisConnection } from '../../src/index.js';

let run = 0;
runChangeBusContract('RedisChangeBus', ({ maxRetainedEvents }) => {
  run += 1;
  const name = `contract-${String(process.pid)}-${String(run)}`;
  const opened: { connection: RedisConnection; bus: RedisChangeBus }[] = [];
  return Promise.resolve({
    instance: async () => {
      const connection = await RedisConnection.connect({ url: inject('redisUrl'), keyPrefix: 'test-bus:' });
      const bus = new RedisChangeBus({ connection, name, maxRetainedEvents });
      opened.push({ connection, bus });
      return bus;
    },
    dispose: async () => {
      for (const { connection, bus } of opened) {
        await bus.close();
        await connection.close();
      }
    },
  });
});
