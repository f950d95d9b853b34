import { JsonRpcError } from '@tern/jsonrpc';
import { isSdkError, SdkError, SdkErrorCode } from '../errors.js';
import { MetaKey } from '@tern/schema';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { SubscriptionFilter } from '@tern/schema';
import { TernMetaKey } from '../shared/tern-meta.js';

/** What a subscription yields. */
export type SubscriptionEvent =
  /**
   * The server acknowledged the stream with the part of the filter it honours. After a
   * reconnection to a Tern server with a resumable bus, `resumed` says how it went: `replayed`
   * (what the dropped stream missed follows, nothing is lost) or `refetch` (events may be lost;
   * refetch notifications for every honoured kind follow). Absent: the server cannot resume.
   */
  | { type: 'acknowledged'; filter: SubscriptionFilter; reconnected: boolean; resumed?: 'replayed' | 'refetch' }
  /** A change notification (list changed, resource updated). */
  | { type: 'notification'; notification: JsonRpcNotification }
  /**
   * The stream dropped and is being opened again. Unless the next `acknowledged` says
   * `resumed: 'replayed'`, refetch what you show once it arrives.
   */
  | { type: 'reconnecting'; attempt: number; error: unknown };

/** Options of `client.listen()`. */
export interface SubscriptionOptions {
  signal?: AbortSignal;
  /** Reconnection after a dropped stream. `false` ends the subscription instead. */
  reconnect?: false | { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Most events buffered while nobody reads; past it the oldest are dropped. Default 1000. */
  maxBufferedEvents?: number;
  /**
   * On reconnection, ask the server to resume after the last `dev.tern/cursor` seen
   * (docs/change-delivery.md). Servers that do not know the key ignore it. Default true.
   */
  resume?: boolean;
}

/** What a {@link Subscription} needs from the client. @internal */
export interface SubscriptionInit {
  filter: SubscriptionFilter;
  options: SubscriptionOptions;
  open: (
    onNotification: (notification: JsonRpcNotification, subscriptionId: number) => void,
    signal: AbortSignal,
    resumeAfter: string | undefined,
  ) => Promise<Record<string, unknown>>;
  onChange: (notification: JsonRpcNotification) => void | Promise<void>;
}

/**
 * A `subscriptions/listen` stream as an async iterable. Only notifications tagged with this
 * stream's subscription id are delivered (requirements.md #41, #262). The iteration ends when the
 * server closes the stream gracefully, when `close()` is called, or when reconnecting gives up.
 */
export class Subscription implements AsyncIterable<SubscriptionEvent> {
  readonly #init: SubscriptionInit;
  readonly #controller = new AbortController();
  readonly #buffer: SubscriptionEvent[] = [];
  #waiting: ((result: IteratorResult<SubscriptionEvent>) => void) | undefined;
  #failure: ((error: unknown) => void) | undefined;
  #done = false;
  #error: Error | undefined;
  #resolveAck: (filter: SubscriptionFilter) => void = () => undefined;
  #rejectAck: (error: Error) => void = () => undefined;
  #acknowledgedOnce = false;
  /** The last `dev.tern/cursor` this subscription heard. */
  #cursor: string | undefined;
  /** Events are delivered in order, each change only after the cache dropped what it made stale. */
  #chain: Promise<void> = Promise.resolve();
  /** Resolves with the honoured filter of the first acknowledgement. */
  readonly acknowledged: Promise<SubscriptionFilter>;

  constructor(init: SubscriptionInit) {
    this.#init = init;
    this.acknowledged = new Promise((resolve, reject) => {
      this.#resolveAck = resolve;
      this.#rejectAck = reject;
    });
    // Observed here so that nobody awaiting it is no unhandled rejection; awaiting still rejects.
    this.acknowledged.catch(() => undefined);
    const signal = init.options.signal;
    if (signal !== undefined) {
      if (signal.aborted) this.close();
      else signal.addEventListener('abort', () => this.close(), { once: true });
    }
    void this.#run();
  }

  /** Ends the subscription (on HTTP: closes the stream, which is how a client cancels). */
  close(): void {
    // Stop receiving now; what was received before is still delivered, in order.
    this.#controller.abort();
    this.#enqueue(() => this.#finish(undefined));
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionEvent> {
    return {
      next: () => {
        const event = this.#buffer.shift();
        if (event !== undefined) return Promise.resolve({ value: event, done: false });
        if (this.#done) {
          return this.#error === undefined
            ? Promise.resolve({ value: undefined, done: true })
            : Promise.reject(this.#error);
        }
        return new Promise((resolve, reject) => {
          this.#waiting = resolve;
          this.#failure = reject;
        });
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  async #run(): Promise<void> {
    const reconnect = this.#init.options.reconnect;
    const maxAttempts = reconnect === false ? 0 : (reconnect?.maxAttempts ?? Infinity);
    const initialDelay = reconnect === false ? 0 : (reconnect?.initialDelayMs ?? 500);
    const maxDelay = reconnect === false ? 0 : (reconnect?.maxDelayMs ?? 30_000);
    let attempt = 0;
    let reconnected = false;
    while (!this.#controller.signal.aborted) {
      try {
        await this.#init.open((notification, id) => {
          // An acknowledged stream is up again: the next drop starts a new series of attempts
          // (and of backoff delays) instead of using up the last one's.
          if (this.#receive(notification, id, reconnected)) attempt = 0;
        }, this.#controller.signal, this.#init.options.resume === false ? undefined : this.#cursor);
        // A result is the server's graceful end of the stream (requirements.md #76).
        this.#enqueue(() => this.#finish(undefined));
        return;
      } catch (error) {
        if (this.#controller.signal.aborted) return;
        // A JSON-RPC error, or an HTTP refusal (401, 404, 405, ...), is the server refusing the
        // subscription: reconnecting would not help. Only a dropped connection is retried.
        if (error instanceof JsonRpcError || isRefusal(error) || attempt >= maxAttempts) {
          this.#enqueue(() => this.#finish(error));
          return;
        }
        attempt += 1;
        reconnected = true;
        this.#push({ type: 'reconnecting', attempt, error });
        await sleep(Math.min(maxDelay, initialDelay * 2 ** (attempt - 1)), this.#controller.signal);
      }
    }
  }

  /** Delivers one notification of this stream; true when it was the acknowledgement. */
  #receive(notification: JsonRpcNotification, subscriptionId: number, reconnected: boolean): boolean {
    const meta = notification.params?.['_meta'] as Record<string, unknown> | undefined;
    if (meta?.[MetaKey.SubscriptionId] !== subscriptionId) return false;
    const cursor = meta[TernMetaKey.Cursor];
    if (typeof cursor === 'string') this.#cursor = cursor;
    if (notification.method === 'notifications/subscriptions/acknowledged') {
      const filter = (notification.params?.['notifications'] ?? {}) as SubscriptionFilter;
      const resume = meta[TernMetaKey.Resume];
      const resumed: { resumed?: 'replayed' | 'refetch' } = resume === 'replayed' || resume === 'refetch' ? { resumed: resume } : {};
      this.#acknowledgedOnce = true;
      this.#resolveAck(filter);
      this.#enqueue(() => this.#push({ type: 'acknowledged', filter, reconnected, ...resumed }));
      return true;
    }
    this.#enqueue(async () => {
      try {
        await this.#init.onChange(notification);
      } catch {
        // A failing cache store must not break the stream; the entry simply expires.
      }
      this.#push({ type: 'notification', notification });
    });
    return false;
  }

  #enqueue(step: () => void | Promise<void>): void {
    this.#chain = this.#chain.then(step);
  }

  #push(event: SubscriptionEvent): void {
    if (this.#done) return;
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      this.#failure = undefined;
      waiting({ value: event, done: false });
      return;
    }
    this.#buffer.push(event);
    const max = this.#init.options.maxBufferedEvents ?? 1000;
    if (this.#buffer.length > max) this.#buffer.shift();
  }

  #finish(error: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error =
      error === undefined || error instanceof Error
        ? error
        : new SdkError(SdkErrorCode.ConnectionClosed, 'The subscription failed', { cause: error });
    if (!this.#acknowledgedOnce) {
      this.#rejectAck(
        this.#error ?? new SdkError(SdkErrorCode.ConnectionClosed, 'The subscription ended before it was acknowledged'),
      );
    }
    const waiting = this.#waiting;
    const failure = this.#failure;
    this.#waiting = undefined;
    this.#failure = undefined;
    if (this.#error !== undefined && failure !== undefined) failure(this.#error);
    else waiting?.({ value: undefined, done: true });
  }
}

function isRefusal(error: unknown): boolean {
  return (
    isSdkError(error) &&
    error.code !== SdkErrorCode.ConnectionClosed &&
    error.code !== SdkErrorCode.StreamInterrupted
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** The `_meta` of a listen request, asking to resume after `cursor` when there is one. @internal */
export function withResume(meta: Record<string, unknown>, cursor: string | undefined): Record<string, unknown> {
  return cursor === undefined ? meta : { ...meta, [TernMetaKey.ResumeAfter]: cursor };
}
