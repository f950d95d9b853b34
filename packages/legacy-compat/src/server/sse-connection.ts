import type { HttpHeaders, HttpResponseSink, HttpStreamWriter } from '@tern/server-http';
import type { RequestSignal } from '@tern/core-protocol';

/** Headers of every legacy SSE response. */
export const SSE_HEADERS: HttpHeaders = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

/** Bounds and timers of one connection. @internal */
export interface ConnectionLimits {
  readonly keepAliveMs: number;
  readonly maxQueuedEvents: number;
  readonly maxQueuedBytes: number;
}

const KEEP_ALIVE = ':\n\n';

/**
 * One open HTTP response carrying SSE events: framing with event ids, keep-alive comments, and a
 * bounded queue while the reader applies backpressure. It ends when the server closes it, when
 * the client goes away (`signal`), or when the reader falls too far behind (then it is dropped;
 * the session's replay buffer still has the events). @internal
 */
export class SseConnection {
  readonly #writer: HttpStreamWriter;
  readonly #limits: ConnectionLimits;
  readonly #signal: RequestSignal;
  #queue: string[] = [];
  #queuedBytes = 0;
  #blocked = false;
  #ending = false;
  #done = false;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #onEnd: (() => void)[] = [];

  /** Starts a 200 SSE response on `sink`. `signal` aborts when the client goes away. */
  constructor(sink: HttpResponseSink, signal: RequestSignal, limits: ConnectionLimits) {
    this.#writer = sink.startStream(200, SSE_HEADERS);
    this.#limits = limits;
    this.#signal = signal;
    this.#writer.onDrain(this.#drain);
    if (signal.aborted) {
      this.#done = true;
      return;
    }
    signal.addEventListener('abort', this.#stop, { once: true });
    if (limits.keepAliveMs > 0) {
      this.#keepAlive = setInterval(this.#ping, limits.keepAliveMs);
      // Node: an idle stream must not keep the process alive. Other runtimes have no unref.
      (this.#keepAlive as { unref?: () => void }).unref?.();
    }
  }

  /** Whether events written now can still reach the client. */
  get isOpen(): boolean {
    return !this.#done && !this.#ending;
  }

  /** Calls `listener` once, when the connection is over for any reason. */
  onEnd(listener: () => void): void {
    if (this.#done) listener();
    else this.#onEnd.push(listener);
  }

  /** Writes one `message` event; `id` makes it resumable. */
  send(json: string, id?: string): void {
    this.#push(`${id === undefined ? '' : `id: ${id}\n`}event: message\ndata: ${json}\n\n`);
  }

  /** Writes the priming event (an id and empty data), with `retry` when `retryMs` is above 0. */
  prime(id: string, retryMs: number): void {
    this.#push(`id: ${id}\n${retryMs > 0 ? `retry: ${retryMs}\n` : ''}data: \n\n`);
  }

  /** Writes a comment, so the response headers go out even before the first event. */
  flush(): void {
    this.#push(KEEP_ALIVE);
  }

  /** Ends the response once everything queued is written. */
  close(): void {
    if (this.#done || this.#ending) return;
    this.#ending = true;
    if (!this.#blocked) this.#finish();
  }

  /** Drops the response at once. */
  abort(): void {
    if (this.#done) return;
    this.#stop();
    this.#writer.abort();
  }

  #push(chunk: string): void {
    if (this.#done || this.#ending) return;
    if (!this.#blocked) {
      this.#blocked = !this.#writer.write(chunk);
      return;
    }
    this.#queue.push(chunk);
    this.#queuedBytes += chunk.length;
    if (
      this.#queue.length > this.#limits.maxQueuedEvents ||
      this.#queuedBytes > this.#limits.maxQueuedBytes
    ) {
      // The reader fell too far behind: drop this connection only, never buffer without bound.
      this.abort();
    }
  }

  readonly #drain = (): void => {
    if (this.#done) return;
    this.#blocked = false;
    while (this.#queue.length > 0 && !this.#blocked) {
      const chunk = this.#queue.shift() ?? '';
      this.#queuedBytes -= chunk.length;
      this.#blocked = !this.#writer.write(chunk);
    }
    if (this.#queue.length === 0 && this.#ending && !this.#blocked) this.#finish();
  };

  readonly #ping = (): void => {
    // A backpressured connection is not idle; its queue must not grow with comments either.
    if (!this.#done && !this.#blocked && !this.#ending)
      this.#blocked = !this.#writer.write(KEEP_ALIVE);
  };

  #finish(): void {
    this.#stop();
    this.#writer.close();
  }

  readonly #stop = (): void => {
    if (this.#done) return;
    this.#done = true;
    this.#queue = [];
    this.#queuedBytes = 0;
    if (this.#keepAlive !== undefined) clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
    this.#signal.removeEventListener('abort', this.#stop);
    for (const listener of this.#onEnd.splice(0)) listener();
  };
}
