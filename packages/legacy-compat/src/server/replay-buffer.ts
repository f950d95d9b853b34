/** One event kept for resumption. */
export interface BufferedEvent {
  readonly stream: number;
  readonly seq: number;
  readonly json: string;
}

/**
 * The events of one session kept for `Last-Event-ID` resumption (2025-11-25 transports,
 * "Resumability and Redelivery"), bounded by a count and a size: the oldest events go first, and
 * an event larger than the whole budget is never kept. Replay only ever returns events of the
 * stream that is resumed, never of another one. @internal
 */
export class ReplayBuffer {
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #events: BufferedEvent[] = [];
  #head = 0;
  #bytes = 0;

  constructor(maxEvents: number, maxBytes: number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  /** Number of events kept. */
  get size(): number {
    return this.#events.length - this.#head;
  }

  /** Keeps an event, dropping the oldest ones beyond the bounds. */
  add(event: BufferedEvent): void {
    if (event.json.length > this.#maxBytes) return;
    this.#events.push(event);
    this.#bytes += event.json.length;
    while (this.size > this.#maxEvents || this.#bytes > this.#maxBytes) {
      const dropped = this.#events[this.#head];
      this.#head += 1;
      this.#bytes -= dropped?.json.length ?? 0;
    }
    // Compact now and then instead of shifting on every drop.
    if (this.#head > 64 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The kept events of `stream` after `seq`, oldest first. */
  after(stream: number, seq: number): BufferedEvent[] {
    const found: BufferedEvent[] = [];
    for (let index = this.#head; index < this.#events.length; index += 1) {
      const event = this.#events[index];
      if (event?.stream === stream && event.seq > seq) found.push(event);
    }
    return found;
  }

  /** Drops everything (the session ended). */
  clear(): void {
    this.#events = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
