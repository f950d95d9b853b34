import { createHash, randomBytes } from 'node:crypto';
import type { ConversationStore, StoredConversation } from '@tern/core-protocol';
import type { RedisConnection } from '../connection.js';
import { DEFAULT_RETRY_AFTER_SECONDS, positiveOption, redisUnavailable } from '../errors.js';
import { LuaScript } from '../script.js';

/** Options of {@link RedisConversationStore}. */
export interface RedisConversationStoreOptions {
  /** The process's shared connection. */
  connection: RedisConnection;
  /** Largest journal kept, in UTF-16 code units; a larger one fails the round. Default 1 MiB. */
  maxJournalLength?: number;
  /** `Retry-After` of the 503 answered while Redis is unreachable, in seconds. Default 2. */
  retryAfterSeconds?: number;
  /** Clock in epoch ms, for `expiresAt`. Default `Date.now`. */
  now?: () => number;
}

/**
 * Keeps the journal and records its handle under its principal, both expiring with it.
 * KEYS: journal, principal set ('' for none). ARGV: value, expiresAt (epoch ms), handle.
 */
const SAVE = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
if KEYS[2] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[3])
  if redis.call('PEXPIRETIME', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIREAT', KEYS[2], ARGV[2]) end
end
return 1
`);

/** A handle this store made: 128 random bits, base64url. Anything else is not looked up. */
const HANDLE = /^[A-Za-z0-9_-]{22}$/;

/**
 * A {@link ConversationStore} on Redis, shared by every instance: a journal saved on one instance is
 * taken on another. Each journal is one key that expires at `expiresAt` (`PXAT`); `take` is one
 * `GETDEL`, so a handle opens at most once even when two instances race for it; a set per principal
 * (expiring with its last journal) lets `revokePrincipal` drop them all. The core seals the handle
 * into `requestState`, so the client holds only a short token.
 */
export class RedisConversationStore implements ConversationStore {
  readonly #connection: RedisConnection;
  readonly #maxLength: number;
  readonly #retryAfter: number;
  readonly #now: () => number;

  /** @throws SdkError INVALID_USAGE for a bound that is not a positive integer */
  constructor(options: RedisConversationStoreOptions) {
    this.#connection = options.connection;
    this.#maxLength = positiveOption('RedisConversationStore', 'maxJournalLength', options.maxJournalLength ?? 1024 * 1024);
    this.#retryAfter = positiveOption(
      'RedisConversationStore',
      'retryAfterSeconds',
      options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    );
    this.#now = options.now ?? Date.now;
  }

  /** @throws RangeError for a journal over `maxJournalLength`; InternalError (503) while Redis is unreachable */
  async save(entry: StoredConversation): Promise<string> {
    if (entry.journal.length > this.#maxLength) {
      throw new RangeError(`RedisConversationStore: the journal has ${String(entry.journal.length)} characters, more than maxJournalLength ${String(this.#maxLength)}`);
    }
    const handle = randomBytes(16).toString('base64url');
    const value = JSON.stringify({ j: entry.journal, p: entry.principal ?? null, e: entry.expiresAt });
    // Redis expires the key by its own clock; the store's clock decides on take.
    const expireAt = String(Math.max(Math.ceil(entry.expiresAt), Date.now() + 1));
    const principal = entry.principal === undefined ? '' : this.#principalKey(entry.principal);
    await this.#run(() => SAVE.run(this.#connection.client, [this.#journalKey(handle), principal], [value, expireAt, handle]));
    return handle;
  }

  /** @throws InternalError (503) while Redis is unreachable */
  async take(handle: string): Promise<string | undefined> {
    if (!HANDLE.test(handle)) return undefined;
    const value = await this.#run(() => this.#connection.client.getDel(this.#journalKey(handle)));
    if (typeof value !== 'string') return undefined;
    const stored = JSON.parse(value) as { j: string; e: number };
    return this.#now() < stored.e ? stored.j : undefined;
  }

  /** @throws InternalError (503) while Redis is unreachable */
  async delete(handle: string): Promise<boolean> {
    if (!HANDLE.test(handle)) return false;
    return (await this.#run(() => this.#connection.client.del(this.#journalKey(handle)))) > 0;
  }

  /** Drops every journal of `principal` on every instance; returns how many. @throws InternalError (503) while Redis is unreachable */
  async revokePrincipal(principal: string): Promise<number> {
    const set = this.#principalKey(principal);
    const client = this.#connection.client;
    const handles = await this.#run(() => client.sMembers(set));
    // One DEL per journal (they live in different cluster slots); the set goes last.
    const dropped = await this.#run(() => Promise.all(handles.map((handle) => client.del(this.#journalKey(handle)))));
    await this.#run(() => client.del(set));
    return dropped.reduce((sum, count) => sum + count, 0);
  }

  #journalKey(handle: string): string {
    return this.#connection.key('conv', 'j', handle);
  }

  /** Principals can be long or hold any character: their key is a digest. */
  #principalKey(principal: string): string {
    return this.#connection.key('conv', 'p', createHash('sha256').update(principal).digest('base64url'));
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await this.#connection.deadline(command());
    } catch (error) {
      throw redisUnavailable(error, this.#retryAfter);
    }
  }
}
