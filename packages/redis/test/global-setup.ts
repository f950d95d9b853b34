import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../src/testing/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the redis-server this run started (or `TERN_REDIS_URL` when given). */
    redisUrl: string;
  }
}

/**
 * Starts a real redis-server on a free loopback port for the run and stops it by its PID after.
 * `TERN_REDIS_URL` points the tests at a server of your own instead. A missing `redis-server` fails
 * the run (it never skips): install Debian's `redis-server` (`scripts/ensure-redis.sh` does it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['TERN_REDIS_URL'];
  if (given !== undefined && given !== '') {
    project.provide('redisUrl', given);
    return () => Promise.resolve();
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
