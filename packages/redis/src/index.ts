export { RedisConnection } from './connection.js';
export type { RedisClient, RedisConnectionOptions } from './connection.js';
export { RedisSessionBackplane } from './legacy/redis-session-backplane.js';
export type { RedisSessionBackplaneOptions } from './legacy/redis-session-backplane.js';
export { RedisTaskStore, REDIS_TASK_STORE_DEFAULTS } from './tasks/redis-task-store.js';
export type { RedisTaskStoreOptions } from './tasks/redis-task-store.js';
