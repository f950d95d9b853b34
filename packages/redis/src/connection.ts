import { createClient } from '@redis/client';
import { withDeadline } from './deadline.js';

/** The node-redis client type this package uses (protocol defaults, no modules). */
export type RedisClient = ReturnType<typeof makeClient>;

/** Options of {@link connectRedis}. */
export interface RedisConnectionOptions {
  /** `redis://` or `rediss://` URL. Default `redis://127.0.0.1:6379`. */
  url?: string;
  /** Prefix of every key and channel this package writes, so several apps can share one Redis. Default `tern:`. */
  keyPrefix?: string;
  /** Milliseconds to wait for a (re)connection before failing it. Default 5000. */
  connectTimeoutMs?: number;
  /** Upper bound of the wait between reconnection attempts, in milliseconds. Default 2000. */
  maxReconnectDelayMs?: number;
  /**
   * Longest wait for a reply before a request that needs Redis is refused (a Redis that hangs,
   * say paused or overloaded, would otherwise hold it). Default 2000.
   */
  commandTimeoutMs?: number;
  /** Hears connection errors (the client keeps reconnecting by itself). Default: ignored. */
  onError?: (error: Error) => void;
}

/**
 * One process's connections to Redis, shared by the bus and the stores of this package: a command
 * connection, and a subscriber connection opened on first use (a connection in subscriber mode
 * cannot run other commands).
 *
 * Commands fail at once while Redis is unreachable (no offline queue), so a request that needs Redis
 * gets a prompt error instead of waiting; the client reconnects by itself with a capped backoff.
 */
export class RedisConnection {
  readonly client: RedisClient;
  readonly keyPrefix: string;
  /** See {@link RedisConnectionOptions.commandTimeoutMs}. */
  readonly commandTimeoutMs: number;
  readonly #onError: (error: Error) => void;
  #subscriber: Promise<RedisClient> | undefined;

  private constructor(client: RedisClient, options: RedisConnectionOptions) {
    this.client = client;
    this.keyPrefix = options.keyPrefix ?? 'tern:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.#onError = options.onError ?? (() => undefined);
    client.on('error', (error: unknown) => this.#report(error));
  }

  /** Connects and resolves once the first connection is ready. */
  static async connect(options: RedisConnectionOptions = {}): Promise<RedisConnection> {
    const client = makeClient(options);
    const connection = new RedisConnection(client, options);
    await client.connect();
    return connection;
  }

  /** Whether the command connection is up right now. */
  get ready(): boolean {
    return this.client.isReady;
  }

  /** A key or channel name under this connection's prefix: `key('bus', 'events')` is `tern:bus:events`. */
  key(...parts: string[]): string {
    return this.keyPrefix + parts.join(':');
  }

  /** The shared subscriber connection, opened on first use (and again after a failed opening). */
  subscriber(): Promise<RedisClient> {
    this.#subscriber ??= (async () => {
      const subscriber = this.client.duplicate();
      subscriber.on('error', (error: unknown) => this.#report(error));
      await subscriber.connect();
      return subscriber;
    })();
    // A subscriber that could not connect (Redis down at the time) is tried again on next use.
    this.#subscriber.catch(() => {
      this.#subscriber = undefined;
    });
    return this.#subscriber;
  }

  /**
   * Waits for `command` at most `timeoutMs` (default: this connection's `commandTimeoutMs`).
   * @throws RedisTimeoutError when Redis did not answer in time (the command itself may still complete)
   */
  deadline<T>(command: Promise<T>, timeoutMs = this.commandTimeoutMs): Promise<T> {
    return withDeadline(command, timeoutMs);
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (subscriber !== undefined) (await subscriber).destroy();
    this.client.destroy();
  }

  #report(error: unknown): void {
    this.#onError(error instanceof Error ? error : new Error(String(error)));
  }
}

function makeClient(options: RedisConnectionOptions) {
  const maxDelay = options.maxReconnectDelayMs ?? 2000;
  return createClient({
    url: options.url ?? 'redis://127.0.0.1:6379',
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 5000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay),
    },
  });
}
