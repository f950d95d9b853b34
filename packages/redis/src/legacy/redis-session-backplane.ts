import { randomBytes } from 'node:crypto';
import type {
  BackplaneListener,
  RelayMessage,
  SessionBackplane,
  SharedSessionLimits,
  SharedSessionRecord,
  SharedSessionState,
} from '@tern/legacy-compat';
import { usageError } from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import type { RedisConnection } from '../connection.js';
import { parseBroadcast, parseDelivery } from './messages.js';
import { LuaScript } from '../script.js';
import { END_SCRIPT, OPEN_SCRIPT, TOUCH_SCRIPT, UPDATE_SCRIPT } from './scripts.js';

/** Options of {@link RedisSessionBackplane}. */
export interface RedisSessionBackplaneOptions {
  /** This instance's name among the instances. Default: 8 random bytes, hex (a new one per process). */
  node?: string;
  /** Longest wait for one Redis command before the request gets 503. Default: the connection's `commandTimeoutMs`. */
  commandTimeoutMs?: number;
  /** Hears messages from other instances that could not be read. Default: ignored. */
  onError?: (error: unknown) => void;
}

const open = new LuaScript(OPEN_SCRIPT);
const touch = new LuaScript(TOUCH_SCRIPT);
const update = new LuaScript(UPDATE_SCRIPT);
const end = new LuaScript(END_SCRIPT);

/**
 * 2025-era sessions shared by every instance through Redis (a `SessionBackplane` for
 * `createLegacyLayer`'s `backplane` option). Records are hashes with a TTL of the idle timeout;
 * the caps are counted in Lua scripts over sorted sets, so they hold for all instances at once;
 * DELETE and evictions are announced on one pub/sub channel, and a client's answer to an ask
 * goes straight to the channel of the instance whose handler awaits it, as do the events of a
 * stream resumed (`Last-Event-ID`) on another instance than the one that holds it. Every command is bounded
 * by `commandTimeoutMs`, and all instances share the connection's subscriber.
 *
 * @example
 * ```ts
 * import { createLegacyLayer } from '@tern/legacy-compat';
 * import { RedisConnection, RedisSessionBackplane } from '@tern/redis';
 * import type { McpServer } from '@tern/core-protocol';
 *
 * declare const server: McpServer;
 * const redis = await RedisConnection.connect({ url: 'redis://127.0.0.1:6379' });
 * const legacy = createLegacyLayer(server, { backplane: new RedisSessionBackplane(redis) });
 * ```
 */
export class RedisSessionBackplane implements SessionBackplane {
  readonly node: string;
  readonly #redis: RedisConnection;
  readonly #timeoutMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #events: string;
  readonly #all: string;
  readonly #sessionPrefix: string;
  readonly #clientPrefix: string;

  /** @throws SdkError INVALID_USAGE for a `node` name that cannot be part of an id */
  constructor(redis: RedisConnection, options: RedisSessionBackplaneOptions = {}) {
    this.node = options.node ?? randomBytes(8).toString('hex');
    if (!/^[\w.-]{1,64}$/.test(this.node))
      throw usageError(`node must be 1 to 64 letters, digits, '_', '.' or '-', got ${this.node}`);
    this.#redis = redis;
    this.#timeoutMs = options.commandTimeoutMs ?? redis.commandTimeoutMs;
    this.#onError = options.onError ?? (() => undefined);
    this.#events = redis.key('legacy', 'events');
    this.#all = redis.key('legacy', 'sessions');
    this.#sessionPrefix = redis.key('legacy', 's', '');
    this.#clientPrefix = redis.key('legacy', 'c', '');
  }

  async open(record: SharedSessionRecord, limits: SharedSessionLimits): Promise<'client' | 'server' | undefined> {
    const { state, ...description } = record;
    const client = record.client ?? '';
    const reply = await this.#run(
      open,
      [this.#all, this.#clientPrefix + client, this.#sessionPrefix + record.id],
      [
        record.id,
        String(limits.ttlMs),
        String(limits.maxSessions),
        String(limits.maxSessionsPerClient),
        JSON.stringify(description),
        JSON.stringify(state),
        String(record.openedAt),
        client,
        this.#sessionPrefix,
        this.#clientPrefix,
        this.#events,
      ],
    );
    return reply === 'client' || reply === 'server' ? reply : undefined;
  }

  async touch(id: string, ttlMs: number): Promise<SharedSessionRecord | undefined> {
    const reply = await this.#run(touch, [this.#sessionPrefix + id, this.#all], [id, String(ttlMs), this.#clientPrefix]);
    if (!Array.isArray(reply)) return undefined;
    const [description, state] = reply as [string, string];
    return { ...(JSON.parse(description) as Omit<SharedSessionRecord, 'state'>), state: JSON.parse(state) as SharedSessionState };
  }

  async update(id: string, state: SharedSessionState): Promise<void> {
    const json = JSON.stringify(state);
    await this.#run(
      update,
      [this.#sessionPrefix + id],
      [json, state.initialized ? '1' : '0', this.#events, JSON.stringify({ t: 'changed', id, state })],
    );
  }

  async end(id: string): Promise<boolean> {
    const reply = await this.#run(end, [this.#all], [id, this.#sessionPrefix, this.#clientPrefix, this.#events]);
    return reply === 1;
  }

  answer(node: string, sessionId: string, response: JsonRpcResponse): Promise<boolean> {
    return this.#deliver(node, { k: 'answer', id: sessionId, response });
  }

  relay(node: string, message: RelayMessage): Promise<boolean> {
    return this.#deliver(node, { k: 'relay', message });
  }

  async cancel(sessionId: string, requestId: JsonRpcId, reason: string | undefined): Promise<void> {
    const message = JSON.stringify({ t: 'cancel', id: sessionId, requestId, reason });
    await this.#redis.deadline(this.#redis.client.publish(this.#events, message), this.#timeoutMs);
  }

  async listen(listener: BackplaneListener): Promise<() => Promise<void>> {
    const subscriber = await this.#redis.deadline(this.#redis.subscriber(), this.#timeoutMs);
    const onBroadcast = (text: string): void => {
      const message = parseBroadcast(text);
      if (message === undefined) this.#onError(new Error('An unreadable legacy session event was ignored'));
      else if (message.t === 'ended') listener.ended(message.id);
      else if (message.t === 'changed') listener.changed(message.id, message.state);
      else listener.cancel(message.id, message.requestId, message.reason);
    };
    const onDelivery = (text: string): void => {
      const message = parseDelivery(text);
      if (message === undefined) this.#onError(new Error('An unreadable message from another instance was ignored'));
      else if (message.k === 'answer') listener.answer(message.id, message.response);
      else listener.relay(message.message);
    };
    const own = this.#nodeChannel(this.node);
    await this.#redis.deadline(Promise.all([subscriber.subscribe(this.#events, onBroadcast), subscriber.subscribe(own, onDelivery)]), this.#timeoutMs);
    return async () => {
      await Promise.all([subscriber.unsubscribe(this.#events, onBroadcast), subscriber.unsubscribe(own, onDelivery)]);
    };
  }

  /** Publishes to one instance's channel; `false` when no instance of that name listens. */
  async #deliver(node: string, message: object): Promise<boolean> {
    const receivers = await this.#redis.deadline(
      this.#redis.client.publish(this.#nodeChannel(node), JSON.stringify(message)),
      this.#timeoutMs,
    );
    return receivers > 0;
  }

  #nodeChannel(node: string): string {
    return this.#redis.key('legacy', 'node', node);
  }

  #run(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    return this.#redis.deadline(script.run(this.#redis.client, keys, args), this.#timeoutMs);
  }
}
