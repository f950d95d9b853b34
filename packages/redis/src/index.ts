export { RedisConnection } from './connection.js';
export type { RedisClient, RedisConnectionOptions } from './connection.js';
export { RedisSessionBackplane } from './legacy/redis-session-backplane.js';
export type { RedisSessionBackplaneOptions } from './legacy/redis-session-backplane.js';
