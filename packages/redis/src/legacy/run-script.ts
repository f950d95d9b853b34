import { createHash } from 'node:crypto';
import type { RedisClient } from '../connection.js';

/** A Lua script run by its SHA1 (`EVALSHA`), sent in full only when Redis does not know it yet. */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    const options = { keys, arguments: args };
    try {
      return await client.evalSha(this.#sha, options);
    } catch (error) {
      // After a restart or SCRIPT FLUSH Redis has forgotten the script: send it once more.
      if (!String(error).includes('NOSCRIPT')) throw error;
      return client.eval(this.#source, options);
    }
  }
}

/** Error of a Redis command that got no answer in time (a Redis that hangs, a network partition). */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${String(timeoutMs)} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Waits at most `timeoutMs` for a command. The connection fails commands at once while Redis is
 * down, but a Redis that hangs (paused, partitioned) keeps the socket open: this bounds that wait.
 */
export async function bounded<TValue>(work: Promise<TValue>, timeoutMs: number): Promise<TValue> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
