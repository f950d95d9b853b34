import { createHash } from 'node:crypto';
import { ErrorReply } from '@redis/client';
import type { RedisClient } from '../connection.js';

/**
 * Runs Lua scripts by their SHA-1 (`EVALSHA`), loading a script with `EVAL` the first time a
 * server does not know it (`NOSCRIPT`: a new or restarted Redis has an empty script cache).
 */
export class ScriptRunner<TName extends string> {
  readonly #sources: Readonly<Record<TName, string>>;
  readonly #shas = new Map<TName, string>();

  constructor(sources: Readonly<Record<TName, string>>) {
    this.#sources = sources;
    for (const name of Object.keys(sources) as TName[]) {
      this.#shas.set(name, createHash('sha1').update(sources[name]).digest('hex'));
    }
  }

  async run(
    client: RedisClient,
    name: TName,
    options: { keys: string[]; arguments: string[] },
  ): Promise<unknown> {
    try {
      return await client.evalSha(this.#shas.get(name) ?? '', options);
    } catch (error) {
      if (!(error instanceof ErrorReply) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#sources[name], options);
    }
  }
}
