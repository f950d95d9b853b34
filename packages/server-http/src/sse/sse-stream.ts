/**
 * One SSE response: JSON-RPC messages framed as `message` events, keep-alive comments, and a
 * bounded queue for a reader that applies backpressure (ST §6.2, §7; requirements.md #108-#114;
 * security checklist F6).
 */
import type { RequestSignal } from '@tern/core-protocol';
import type { HttpStreamWriter } from '../exchange.js';
import type { StreamLimits } from '../options.js';
import { keepAliveClock } from './keep-alive-clock.js';
import type { KeepAliveClock, KeepAliveTarget } from './keep-alive-clock.js';

/** An SSE comment line: clients ignore it (#113), proxies see traffic. */
const KEEP_ALIVE = ':\n\n';

/** Frames one JSON text as an SSE event. JSON text has no raw line breaks, so one `data:` line suffices. */
function frame(json: string): string {
  return `event: message\ndata: ${json}\n\n`;
}

/**
 * Writes events to a {@link HttpStreamWriter}. While the writer reports backpressure, events wait
 * in a queue bounded by `maxQueuedEvents` and `maxQueuedBytes`; past either bound the stream is
 * dropped (`writer.abort()`, which aborts the request's signal, so a listen stream unsubscribes).
 * Nothing is written after {@link end}, {@link abort} or the request's signal aborted.
 * @internal
 */
export class SseStream implements KeepAliveTarget {
  readonly #writer: HttpStreamWriter;
  readonly #limits: StreamLimits;
  readonly #signal: RequestSignal;
  #queue: string[] = [];
  #queueHead = 0;
  #queuedBytes = 0;
  #blocked = false;
  #ending = false;
  #done = false;
  /** The shared clock that pings this stream while it is open (none when `keepAliveMs` is 0). */
  #keepAlive: KeepAliveClock | undefined;

  constructor(writer: HttpStreamWriter, limits: StreamLimits, signal: RequestSignal) {
    this.#writer = writer;
    this.#limits = limits;
    this.#signal = signal;
    writer.onDrain(this.#drain);
    signal.addEventListener('abort', this.#stop, { once: true });
    if (limits.keepAliveMs > 0) {
      this.#keepAlive = keepAliveClock(limits.keepAliveMs);
      this.#keepAlive.add(this);
    }
  }

  /** Sends a notification (JSON text) before the final response. */
  send(json: string): void {
    this.#push(frame(json));
  }

  /** Sends the final response (JSON text) and ends the stream once it is written (#111). */
  end(json: string): void {
    if (this.#done || this.#ending) return;
    this.#push(frame(json));
    this.#ending = true;
    if (!this.#blocked) this.#close();
  }

  /** Drops the stream at once. */
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
      this.#queue.length - this.#queueHead > this.#limits.maxQueuedEvents ||
      this.#queuedBytes > this.#limits.maxQueuedBytes
    ) {
      // The reader fell too far behind: drop this stream only, never buffer without bound.
      this.abort();
    }
  }

  readonly #drain = (): void => {
    if (this.#done) return;
    this.#blocked = false;
    const queue = this.#queue;
    while (this.#queueHead < queue.length && !this.#blocked) {
      const chunk = queue[this.#queueHead] ?? '';
      this.#queueHead += 1;
      this.#queuedBytes -= chunk.length;
      this.#blocked = !this.#writer.write(chunk);
    }
    if (this.#queueHead === queue.length) {
      this.#queue = [];
      this.#queueHead = 0;
      if (this.#ending && !this.#blocked) this.#close();
    }
  };

  /** Writes a keep-alive comment (called by the shared clock). */
  ping(): void {
    // A backpressured stream is not idle; its queue must not grow with comments either.
    if (!this.#done && !this.#blocked && !this.#ending)
      this.#blocked = !this.#writer.write(KEEP_ALIVE);
  }

  #close(): void {
    this.#stop();
    this.#writer.close();
  }

  readonly #stop = (): void => {
    this.#done = true;
    this.#queue = [];
    this.#queueHead = 0;
    this.#queuedBytes = 0;
    this.#keepAlive?.delete(this);
    this.#keepAlive = undefined;
    this.#signal.removeEventListener('abort', this.#stop);
  };
}
