// The ConversationStore contract of @tern/core-protocol/testing/contracts against
// RedisConversationStore on a real redis-server, each test under a key prefix of its own.
import { runConversationStoreContract } from '@tern/core-protocol/testing/contracts';
import { afterAll, inject } from 'vitest';
import { RedisConnection, RedisConversationStore } from '../../src/index.js';

const opened: RedisConnection[] = [];
afterAll(async () => {
  for (const connection of opened) await connection.close();
});

let run = 0;
runConversationStoreContract('RedisConversationStore', async (clock) => {
  run += 1;
  const connection = await RedisConnection.connect({ url: inject('redisUrl'), keyPrefix: `test-conv-${String(process.pid)}-${String(run)}:` });
  opened.push(connection);
  return new RedisConversationStore({ connection, now: () => clock.now() });
});
