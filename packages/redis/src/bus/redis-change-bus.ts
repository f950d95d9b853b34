import type {
  ChangeBus,
  ChangeDelivery,
  ChangeEvent,
  ChangeListenOptions,
  ChangeSubscription,
} from '@tern/core-protocol';
import type { RedisConnection } from '../connection.js';
import { DEFAULT_RETRY_AFTER_SECONDS, positiveOption, redisUnavailable } from '../errors.js';
import { PUBLISH, READ } from './bus-scripts.js';
import { compareIds, formatCursor, parseCursor, parseMessage, toDelivery } from './stream-entry.js';
import type { ChannelMessage } from './stream-entry.js';

/** Options of {@link RedisChangeBus}. */
export interface RedisChangeBusOptions {
  /** The process's shared connection. */
  connection: RedisConnection;
  /** Name of the bus, so several servers can share one Redis and key prefix. Default `changes`. */
  name?: string;
  /** How long an event stays available for resumption, in ms. Default 300 000 (5 minutes). */
  retentionMs?: number;
  /** Most events kept for resumption (the stream's length). Default 10 000. */
  maxRetainedEvents?: number;
  /** `Retry-After` of the 503 answered while Redis is unreachable, in seconds. Default 2. */
  retryAfterSeconds?: number;
  /** Hears failures that no request sees (a subscription or a gap fill that failed). Default: ignored. */
  onError?: (error: Error) => void;
}

/** Tries of a gap fill that fails (Redis still coming back), this far apart. */
const MAX_FILL_ATTEMPTS = 30;
const FILL_RETRY_MS = 500;

/** What the READ script says: the epoch, the last id, `live`/`ok`/`gone`, and the entries after the position. */
interface StreamRead {
  epoch: string;
  last: string;
  status: string;
  entries: [string, string][];
}

/** A delivery with the stream id (and the epoch of that stream) it came from, for ordering. */
interface Tracked {
  epoch: string;
  id: string;
  delivery: ChangeDelivery;
}

/**
 * A {@link ChangeBus} on Redis that reaches the listen streams of every instance, resumably.
 *
 * Each event is appended to a Redis Stream (its id is the cursor) and published on a pub/sub
 * channel in the same Lua script, so the order on the channel is the order in the stream. Every
 * process holds one channel subscription (on the connection's subscriber) and fans the events out
 * to its local listeners. A listener that resumes reads the stream after its cursor while the
 * channel is already buffering, then merges the two without gaps or repeats. The stream is trimmed
 * to `retentionMs` and `maxRetainedEvents` on each publish; a cursor older than what was trimmed,
 * or from a Redis that lost its data (another epoch), gets `refetch`.
 */
export class RedisChangeBus implements ChangeBus {
  readonly #connection: RedisConnection;
  readonly #stream: string;
  readonly #meta: string;
  readonly #channel: string;
  readonly #retentionMs: number;
  readonly #maxEvents: number;
  readonly #retryAfter: number;
  readonly #onError: (error: Error) => void;
  readonly #epochCandidate = Math.random().toString(36).slice(2, 10);
  readonly #listeners = new Set<(tracked: Tracked) => void>();
  #subscribed: Promise<void> | undefined;
  /** The last stream id fanned out here, and its epoch: where a gap fill starts. */
  #position: { epoch: string; id: string } | undefined;
  /** Messages held while a gap is being filled from the stream. */
  #filling: ChannelMessage[] | undefined;
  /** A publish failed: listeners are owed a refetch once Redis is back. */
  #owedRefetch = false;
  #closed = false;
  /** The command connection is back: settle a refetch owed, and fill what the subscriber missed. */
  readonly #onReady = (): void => {
    void this.#settleOwed();
    void this.#fillGap([]);
  };

  /** @throws SdkError INVALID_USAGE for a bound that is not a positive integer */
  constructor(options: RedisChangeBusOptions) {
    const name = options.name ?? 'changes';
    this.#connection = options.connection;
    this.#stream = options.connection.key(`{bus:${name}}`, 'events');
    this.#meta = options.connection.key(`{bus:${name}}`, 'meta');
    this.#channel = options.connection.key('bus', name, 'live');
    this.#retentionMs = positiveOption('RedisChangeBus', 'retentionMs', options.retentionMs ?? 300_000);
    this.#maxEvents = positiveOption('RedisChangeBus', 'maxRetainedEvents', options.maxRetainedEvents ?? 10_000);
    this.#retryAfter = positiveOption('RedisChangeBus', 'retryAfterSeconds', options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    this.#onError = options.onError ?? (() => undefined);
    this.#connection.client.on('ready', this.#onReady);
  }

  /** Appends the event to the stream and publishes it to every instance. @throws InternalError (503) while Redis is unreachable */
  async publish(event: ChangeEvent): Promise<void> {
    await this.#settleOwed();
    await this.#append(JSON.stringify(event));
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    const entry = ({ delivery }: Tracked): void => {
      if (delivery.kind === 'event') listener(delivery.event);
    };
    this.#listeners.add(entry);
    this.#ensureSubscribed().catch((error: unknown) => this.#report(error));
    return () => void this.#listeners.delete(entry);
  }

  /** @throws InternalError (503) while Redis is unreachable */
  async listen(listener: (delivery: ChangeDelivery) => void, options: ChangeListenOptions = {}): Promise<ChangeSubscription> {
    const buffered: Tracked[] = [];
    /** Where the stream read left this listener (epoch and id); set when it goes live. */
    let position: { epoch: string; id: string } | undefined;
    const entry = (tracked: Tracked): void => {
      if (position === undefined) buffered.push(tracked);
      // The stream is read on the command connection and the channel heard on the subscriber, so
      // the message of an event the read already covered may arrive after the read: an event of
      // that stream at or before the position was replayed already (or precedes the head), never
      // deliver it again. A refetch, or an event of another epoch, always goes through.
      else if (isAfter(tracked, position)) listener(tracked.delivery);
    };
    this.#listeners.add(entry);
    const close = (): void => void this.#listeners.delete(entry);
    try {
      await this.#ensureSubscribed();
      const after = options.after === undefined ? undefined : parseCursor(options.after);
      const read = await this.#read(after?.id ?? '');
      let start: ChangeSubscription['start'] = 'live';
      let reached = read.last;
      if (options.after !== undefined) {
        if (after?.epoch !== read.epoch || read.status !== 'ok') {
          start = 'refetch';
        } else {
          start = 'replayed';
          reached = after.id;
          for (const [id, json] of read.entries) {
            listener(toDelivery(json, formatCursor(read.epoch, id)));
            reached = id;
          }
        }
      }
      position = { epoch: read.epoch, id: reached };
      for (const tracked of buffered.splice(0)) entry(tracked);
      const head = start === 'replayed' ? options.after : formatCursor(read.epoch, read.last);
      return { start, head, close };
    } catch (error) {
      close();
      throw redisUnavailable(error, this.#retryAfter);
    }
  }

  /** Number of local subscribers (for tests and metrics). */
  get size(): number {
    return this.#listeners.size;
  }

  /** Stops hearing the channel and drops every local subscriber. The connection stays open. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#connection.client.off('ready', this.#onReady);
    if (this.#subscribed === undefined) return;
    this.#subscribed = undefined;
    try {
      await (await this.#connection.subscriber()).unsubscribe(this.#channel);
    } catch (error) {
      this.#report(error);
    }
  }

  async #append(json: string): Promise<void> {
    const args = [json, String(this.#maxEvents), String(this.#retentionMs), this.#epochCandidate, this.#channel];
    try {
      await this.#connection.deadline(PUBLISH.run(this.#connection.client, [this.#stream, this.#meta], args));
    } catch (error) {
      // The change is not lost silently: the caller hears of it, and every listener is told to
      // refetch once Redis is back.
      this.#owedRefetch = true;
      throw redisUnavailable(error, this.#retryAfter);
    }
  }

  async #settleOwed(): Promise<void> {
    if (!this.#owedRefetch || !this.#connection.ready) return;
    this.#owedRefetch = false;
    await this.#append(JSON.stringify({ refetch: true })).catch((error: unknown) => this.#report(error));
  }

  async #read(after: string): Promise<StreamRead> {
    const args = [this.#epochCandidate, after, String(this.#maxEvents)];
    const reply = (await this.#connection.deadline(READ.run(this.#connection.client, [this.#stream, this.#meta], args))) as [string, string, string, [string, string[]][]];
    const [epoch, last, status, rows] = reply;
    const entries = rows.map(([id, fields]): [string, string] => [id, fields[1] ?? 'null']);
    return { epoch, last, status, entries };
  }

  #ensureSubscribed(): Promise<void> {
    this.#subscribed ??= (async () => {
      const subscriber = await this.#connection.deadline(this.#connection.subscriber());
      await this.#connection.deadline(subscriber.subscribe(this.#channel, (message: string) => this.#onMessage(message)));
      // Later reconnections of the subscriber may have missed messages: fill the gap.
      subscriber.on('ready', () => void this.#fillGap([]));
      const read = await this.#read('');
      this.#position ??= { epoch: read.epoch, id: read.last };
    })().catch((error: unknown) => {
      this.#subscribed = undefined;
      throw error;
    });
    return this.#subscribed;
  }

  #onMessage(message: string): void {
    const parsed = parseMessage(message);
    if (parsed === undefined) return;
    if (this.#filling !== undefined) {
      this.#filling.push(parsed);
      return;
    }
    const position = this.#position;
    // The message does not follow the last one fanned out: some were missed (the subscriber
    // reconnected, or resubscribed late). Fill the gap from the stream first.
    if (position?.epoch === parsed.epoch && compareIds(parsed.previous, position.id) > 0) {
      void this.#fillGap([parsed]);
      return;
    }
    this.#fanOut(parsed);
  }

  #fanOut(parsed: ChannelMessage): void {
    const position = this.#position;
    if (position?.epoch === parsed.epoch && compareIds(parsed.id, position.id) <= 0) return;
    this.#position = { epoch: parsed.epoch, id: parsed.id };
    this.#dispatch({ epoch: parsed.epoch, id: parsed.id, delivery: toDelivery(parsed.json, formatCursor(parsed.epoch, parsed.id)) });
  }

  #dispatch(tracked: Tracked): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(tracked);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  /**
   * Delivers what this process missed (after its subscriber reconnected, or when a message shows a
   * gap), from the stream, or a refetch when the stream no longer has it.
   */
  async #fillGap(held: ChannelMessage[], attempt = 1): Promise<void> {
    const position = this.#position;
    if (this.#closed || position === undefined) return;
    if (this.#filling !== undefined) {
      this.#filling.push(...held);
      return;
    }
    this.#filling = held;
    let read: StreamRead | undefined;
    try {
      read = await this.#read(position.id);
    } catch (error) {
      this.#report(error);
    }
    this.#filling = undefined;
    if (read === undefined && attempt < MAX_FILL_ATTEMPTS && !this.#closed) {
      // Redis answers pub/sub before commands, or not yet at all: try again a little later,
      // holding what arrived meanwhile.
      setTimeout(() => void this.#fillGap(held, attempt + 1), FILL_RETRY_MS).unref();
      return;
    }
    if (read?.epoch !== position.epoch || read.status !== 'ok') {
      // The stream no longer has (or cannot give) what was missed: listeners must refetch.
      const epoch = read?.epoch ?? position.epoch;
      const last = read?.last ?? held.at(-1)?.id ?? position.id;
      this.#position = { epoch, id: last };
      this.#dispatch({ epoch, id: last, delivery: { kind: 'refetch', cursor: formatCursor(epoch, last) } });
    } else {
      for (const [id, json] of read.entries) this.#fanOut({ epoch: read.epoch, previous: '', id, json });
    }
    for (const message of held) this.#fanOut(message);
  }

  #report(error: unknown): void {
    try {
      this.#onError(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // Nothing left to tell.
    }
  }
}

/** False only for an event of the stream at `position` that is at or before it. */
function isAfter(tracked: Tracked, position: { epoch: string; id: string }): boolean {
  if (tracked.delivery.kind !== 'event' || tracked.epoch !== position.epoch) return true;
  return compareIds(tracked.id, position.id) > 0;
}
