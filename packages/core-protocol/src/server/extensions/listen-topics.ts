import { isZodSchema, type ZodSchema } from '../../shared/zod.js';
import { SdkError, SdkErrorCode } from '../../errors.js';
import type { ClientCapabilities } from '@tern/schema';
import type { AuthInfo } from '../request-context.js';

/** Who opened a listen stream, for a {@link ListenTopic} to decide what it may hear. */
export interface ListenTopicContext {
  /** The authenticated caller, if any (for owner checks). */
  auth: AuthInfo | undefined;
  /** The client capabilities of the listen request (for extension checks, -32021). */
  capabilities: ClientCapabilities;
}

/**
 * A kind of notification that an extension adds to `subscriptions/listen` streams, under its own
 * key of `params.notifications` (the tasks extension: `taskIds`, for `notifications/tasks`).
 *
 * The core parses the key's value with `value` (`-32602` when it breaks it), asks `honour` what
 * the server agrees to deliver (the acknowledgement carries that under the same key), then calls
 * `open` once the stream is acknowledged and the function it returns when the stream ends. Only
 * the honoured value outlives the request, so keep it bounded.
 */
export interface ListenTopic<TValue> {
  /** The schema of `params.notifications[key]`. */
  value: ZodSchema<TValue>;
  /**
   * What this server agrees to deliver for this stream; `undefined` for nothing (the key is then
   * left out of the acknowledgement). Throw a wire error (from `@tern/jsonrpc`) to refuse the
   * whole listen request, for example `-32021` when the client lacks the extension.
   */
  honour(value: TValue, ctx: ListenTopicContext): Promise<TValue | undefined> | TValue | undefined;
  /**
   * Starts delivery for one stream. `send` writes a notification on it, tagged with the
   * subscription id (it never throws; a stream that can no longer be written ends). Returns the
   * function that stops delivery.
   */
  open(honoured: TValue, send: (method: string, params: Record<string, unknown>) => void, ctx: ListenTopicContext): () => void;
}

/** A registered topic. @internal */
export interface RegisteredListenTopic {
  readonly key: string;
  readonly topic: ListenTopic<unknown>;
}

/** The keys the core's own filter uses, which topics cannot take. */
const CORE_KEYS: ReadonlySet<string> = new Set([
  'toolsListChanged',
  'promptsListChanged',
  'resourcesListChanged',
  'resourceSubscriptions',
]);

/** The listen topics extensions added to a server. @internal */
export class ListenTopicRegistry {
  readonly #topics = new Map<string, RegisteredListenTopic>();

  /** @throws SdkError INVALID_USAGE for a core key, a duplicate, or a topic without its three members */
  add<TValue>(key: string, topic: ListenTopic<TValue>): void {
    if (typeof key !== 'string' || key.length === 0 || CORE_KEYS.has(key)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerListenTopic: "${String(key)}" is not a key an extension may take`);
    }
    if (this.#topics.has(key)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerListenTopic: ${key} is already registered`);
    }
    if (!isZodSchema(topic?.value) || typeof topic.honour !== 'function' || typeof topic.open !== 'function') {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerListenTopic: ${key} needs a zod value schema, honour and open`);
    }
    this.#topics.set(key, { key, topic });
  }

  remove(key: string): boolean {
    return this.#topics.delete(key);
  }

  get isEmpty(): boolean {
    return this.#topics.size === 0;
  }

  values(): Iterable<RegisteredListenTopic> {
    return this.#topics.values();
  }
}
