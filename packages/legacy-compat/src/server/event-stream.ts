import type { ReplayBuffer } from './replay-buffer.js';
import { ASK_ID_SEPARATOR } from './session-backplane.js';

/**
 * Formats the SSE event id of event `seq` of stream `stream`: unique within the session. With
 * instances sharing sessions, it names the instance that holds the stream (`node~3-7`).
 */
export function eventId(stream: number, seq: number, node?: string): string {
  return node === undefined ? `${stream}-${seq}` : `${node}${ASK_ID_SEPARATOR}${stream}-${seq}`;
}

/** An event id read by {@link parseEventId}. */
export interface EventPosition {
  readonly node?: string | undefined;
  readonly stream: number;
  readonly seq: number;
}

/** Reads an event id made by {@link eventId}; `undefined` for anything else. */
export function parseEventId(value: string): EventPosition | undefined {
  const match = /^(?:([\w.-]{1,64})~)?(\d{1,15})-(\d{1,15})$/.exec(value.trim());
  if (match === null) return undefined;
  return { node: match[1], stream: Number(match[2]), seq: Number(match[3]) };
}

/**
 * Where a stream's events are written: an SSE response here, or one on another instance that a
 * relay feeds. @internal
 */
export interface StreamConnection {
  readonly isOpen: boolean;
  onEnd(listener: () => void): void;
  send(json: string, id?: string): void;
  prime(id: string, retryMs: number): void;
  flush(): void;
  close(): void;
}

/**
 * One logical SSE stream of a session: the stream of a POST that carries requests, or the
 * standalone GET stream. Every message gets an event id that names the stream, is kept in the
 * session's replay buffer, and is written to the connection attached at the time, if any. A
 * connection that drops leaves the stream detached (a disconnect is not a cancellation in legacy
 * HTTP); `GET` with `Last-Event-ID` attaches a new one after replaying what was missed. @internal
 */
export class EventStream {
  readonly number: number;
  readonly #buffer: ReplayBuffer;
  readonly #primes: boolean;
  readonly #node: string | undefined;
  #seq = 0;
  #connection: StreamConnection | undefined;
  #finished = false;

  /**
   * @param options.primes whether the stream starts with a priming event (2025-11-25; older
   *   revisions allow event ids and resumption but define no priming event)
   * @param options.node the instance named in event ids, when instances share sessions
   */
  constructor(number: number, buffer: ReplayBuffer, options: { primes: boolean; node?: string | undefined }) {
    this.number = number;
    this.#buffer = buffer;
    this.#primes = options.primes;
    this.#node = options.node;
  }

  /** Whether the stream ended (its last message was sent). */
  get isFinished(): boolean {
    return this.#finished;
  }

  /** Whether a connection is attached and open. */
  get isConnected(): boolean {
    return this.#connection?.isOpen === true;
  }

  /** Sends one JSON-RPC message (as JSON text). */
  send(json: string): void {
    if (this.#finished) return;
    this.#seq += 1;
    this.#buffer.add({ stream: this.number, seq: this.#seq, json });
    this.#connection?.send(json, eventId(this.number, this.#seq, this.#node));
  }

  /**
   * Writes the priming event on the attached connection (2025-11-25: id plus empty data). Its id
   * is the stream's current position, so resuming from it replays only what comes after.
   */
  prime(retryMs: number): void {
    if (this.#primes) this.#connection?.prime(eventId(this.number, this.#seq, this.#node), retryMs);
    // Older revisions have no priming event; a comment still sends the headers at once.
    else this.#connection?.flush();
  }

  /**
   * Attaches a connection, replacing (and closing) the previous one. With `afterSeq`, the kept
   * events after it are replayed first. A finished stream replays and closes at once.
   */
  attach(connection: StreamConnection, afterSeq?: number): void {
    const previous = this.#connection;
    this.#connection = connection;
    if (previous !== undefined && previous !== connection) previous.close();
    connection.onEnd(() => {
      if (this.#connection === connection) this.#connection = undefined;
    });
    if (afterSeq !== undefined) {
      for (const event of this.#buffer.after(this.number, afterSeq)) {
        connection.send(event.json, eventId(event.stream, event.seq, this.#node));
      }
    }
    if (this.#finished) connection.close();
  }

  /** Ends the connection but keeps the stream: the client reconnects with `Last-Event-ID`. */
  detach(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
  }

  /** Ends the stream: nothing more is sent, and the attached connection closes. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.detach();
  }
}
