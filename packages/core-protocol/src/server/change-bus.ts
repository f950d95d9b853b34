import { encodeBase64Url } from '../shared/base64.js';

/** The kinds of list a registration changes. */
export type ListChangeType = 'tools/list_changed' | 'prompts/list_changed' | 'resources/list_changed';

/**
 * A change that listeners of `subscriptions/listen` may want to hear about. A list change made by
 * registering or removing something names it in `changed` with the `scopes` it was registered
 * with (absent: the server's default scopes), so listeners that could not see it in the list are
 * not told; a list change without `changed` (`notifyToolsListChanged()`, ...) reaches everyone.
 * Events are plain JSON, so a distributed bus can carry them as they are.
 */
export type ChangeEvent =
  | { type: ListChangeType; changed?: { scopes?: readonly string[] } }
  | { type: 'resources/updated'; uri: string };

/** The event of registering or removing something registered with `scopes` (undefined: the default). */
export function registrationChanged(type: ListChangeType, scopes: readonly string[] | undefined): ChangeEvent {
  return { type, changed: scopes === undefined ? {} : { scopes: [...scopes] } };
}

/**
 * What a resumable bus hands a listener: an event with its cursor, or word that events may have
 * been lost (the bus could not fill a gap), so everything the listener shows must be refetched.
 */
export type ChangeDelivery =
  | { kind: 'event'; event: ChangeEvent; cursor: string }
  | { kind: 'refetch'; cursor: string | undefined };

/** Options of {@link ChangeBus.listen}. */
export interface ChangeListenOptions {
  /** Resume after this cursor: replay what was published since, then go on live. */
  after?: string | undefined;
}

/** An open {@link ChangeBus.listen} subscription. */
export interface ChangeSubscription {
  /**
   * How it started: `live` (no cursor asked for), `replayed` (every event after the cursor was
   * delivered first), or `refetch` (the cursor is past the retention window or unknown: events may
   * have been missed, so the listener must refetch).
   */
  readonly start: 'live' | 'replayed' | 'refetch';
  /** The cursor this subscription starts from: resuming from it later misses nothing delivered after it. */
  readonly head: string | undefined;
  /** Stops the deliveries. */
  close(): void;
}

/**
 * Carries change events from the code that changes things to every open listen stream (and, with
 * the dual-era layer, to legacy GET streams). The in-memory bus serves one process; a distributed
 * bus (Redis, NATS, ...) implements the same methods to reach listeners on other instances.
 *
 * `listen` is optional: a bus without it still works, but its listen streams cannot resume (a
 * client that asks to is told to refetch). The contract of a bus is `runChangeBusContract` in
 * `@tern/core-protocol/testing/contracts`.
 */
export interface ChangeBus {
  /** Delivers an event to every subscriber. */
  publish(event: ChangeEvent): void | Promise<void>;
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  /**
   * Adds a subscriber that gets a cursor with every event and may resume after a cursor. Events
   * of a subscription are delivered in publish order, without gaps or repeats; replayed ones may
   * arrive before the returned promise settles.
   * @throws whatever keeps the bus from subscribing (a distributed bus whose backend is down)
   */
  listen?(
    listener: (delivery: ChangeDelivery) => void,
    options?: ChangeListenOptions,
  ): Promise<ChangeSubscription>;
}

/** Options of {@link InMemoryChangeBus}. */
export interface InMemoryChangeBusOptions {
  /** Most events kept for resumption. Default 1000. */
  maxRetainedEvents?: number;
  /** Most bytes (UTF-16 code units of URIs, plus 64 per event) kept for resumption. Default 4 MiB. */
  maxRetainedBytes?: number;
  /** How long an event is kept for resumption, in ms. Default 300 000 (5 minutes). */
  retentionMs?: number;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * A {@link ChangeBus} for one process, resumable within a bounded window (by count, bytes and age).
 * Its cursors name this bus instance: a cursor from another process or an earlier run is unknown,
 * and its listener is told to refetch.
 */
export class InMemoryChangeBus implements ChangeBus {
  readonly #listeners = new Set<(delivery: ChangeDelivery) => void>();
  readonly #log: { seq: number; at: number; size: number; event: ChangeEvent }[] = [];
  readonly #epoch = encodeBase64Url(crypto.getRandomValues(new Uint8Array(6)));
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #retentionMs: number;
  readonly #now: () => number;
  #seq = 0;
  /** The highest sequence number dropped from the log. */
  #dropped = 0;

  /** @throws RangeError for a bound that is not a positive integer */
  constructor(options: InMemoryChangeBusOptions = {}) {
    this.#maxEvents = positive('maxRetainedEvents', options.maxRetainedEvents ?? 1000);
    this.#maxBytes = positive('maxRetainedBytes', options.maxRetainedBytes ?? 4 * 1024 * 1024);
    this.#retentionMs = positive('retentionMs', options.retentionMs ?? 300_000);
    this.#now = options.now ?? Date.now;
  }

  publish(event: ChangeEvent): void {
    this.#seq += 1;
    const size = 64 + (event.type === 'resources/updated' ? event.uri.length : 0);
    this.#log.push({ seq: this.#seq, at: this.#now(), size, event });
    this.#bytes += size;
    this.#trim();
    const delivery: ChangeDelivery = { kind: 'event', event, cursor: this.#cursor(this.#seq) };
    for (const listener of [...this.#listeners]) listener(delivery);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    const wrapped = (delivery: ChangeDelivery): void => {
      if (delivery.kind === 'event') listener(delivery.event);
    };
    this.#listeners.add(wrapped);
    return () => this.#listeners.delete(wrapped);
  }

  listen(
    listener: (delivery: ChangeDelivery) => void,
    options: ChangeListenOptions = {},
  ): Promise<ChangeSubscription> {
    this.#trim();
    const head = this.#cursor(this.#seq);
    let start: ChangeSubscription['start'] = 'live';
    let from = head;
    if (options.after !== undefined) {
      const after = this.#parse(options.after);
      if (after === undefined || after < this.#dropped || after > this.#seq) {
        start = 'refetch';
      } else {
        start = 'replayed';
        from = options.after;
        for (const entry of this.#log) {
          if (entry.seq > after)
            listener({ kind: 'event', event: entry.event, cursor: this.#cursor(entry.seq) });
        }
      }
    }
    this.#listeners.add(listener);
    return Promise.resolve({
      start,
      head: from,
      close: () => void this.#listeners.delete(listener),
    });
  }

  /** Number of current subscribers (for tests and metrics). */
  get size(): number {
    return this.#listeners.size;
  }

  #trim(): void {
    const oldest = this.#now() - this.#retentionMs;
    for (let first = this.#log[0]; first !== undefined; first = this.#log[0]) {
      if (this.#log.length <= this.#maxEvents && this.#bytes <= this.#maxBytes && first.at >= oldest) return;
      this.#log.shift();
      this.#bytes -= first.size;
      this.#dropped = first.seq;
    }
  }

  #cursor(seq: number): string {
    return `${this.#epoch}.${String(seq)}`;
  }

  #parse(cursor: string): number | undefined {
    const [epoch, seq, ...rest] = cursor.split('.');
    if (epoch !== this.#epoch || rest.length > 0 || seq === undefined || !/^\d{1,15}$/.test(seq))
      return undefined;
    return Number(seq);
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(
      `InMemoryChangeBus: ${name} must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}
