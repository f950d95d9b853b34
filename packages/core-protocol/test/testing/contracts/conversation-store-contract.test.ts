// The ConversationStore contract run against the in-memory store (the Redis store runs it in @tern/redis).
import { runConversationStoreContract } from '../../../src/testing/contracts/index.js';
import { MemoryConversationStore } from '../../../src/index.js';

runConversationStoreContract(
  'MemoryConversationStore',
  (clock) => new MemoryConversationStore({ now: () => clock.now() }),
);
