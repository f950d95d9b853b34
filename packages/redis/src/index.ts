export { RedisConnection } from './connection.js';
export type { RedisClient, RedisConnectionOptions } from './connection.js';
export { RedisChangeBus } from './bus/redis-change-bus.js';
export type { RedisChangeBusOptions } from './bus/redis-change-bus.js';
export { RedisConversationStore } from './conversation/redis-conversation-store.js';
export type { RedisConversationStoreOptions } from './conversation/redis-conversation-store.js';
