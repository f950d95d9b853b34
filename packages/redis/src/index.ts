export { RedisConnection } from './connection.js';
export type { RedisClient, RedisConnectionOptions } from './connection.js';
