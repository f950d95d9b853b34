import type { ReplayBuffer } from './replay-buffer.js';
import type { SseConnection } from './sse-connection.js';

/** Formats the SSE event id of event `seq` of stream `stream`: unique within the session. */
export function eventId(stream: number, seq: number): string {
  return `${stream}-${seq}`;
}

/** Reads an event id made by {@link eventId}; `undefined` for anything else. */
export function parseEventId(value: string): { stream: number; seq: number } | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(value.trim());
  if (match === null) return undefined;
  return { stream: Number(match[1]), seq: Number(match[2]) };
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
  #seq = 0;
  #connection: SseConnection | undefined;
  #finished = false;

  /**
   * @param primes whether the stream starts with a priming event (2025-11-25; older revisions
   *   allow event ids and resumption but define no priming event)
   */
  constructor(number: number, buffer: ReplayBuffer, primes: boolean) {
    this.number = number;
    this.#buffer = buffer;
    this.#primes = primes;
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
    this.#connection?.send(json, eventId(this.number, this.#seq));
  }

  /**
   * Writes the priming event on the attached connection (2025-11-25: id plus empty data). Its id
   * is the stream's current position, so resuming from it replays only what comes after.
   */
  prime(retryMs: number): void {
    if (this.#primes) this.#connection?.prime(eventId(this.number, this.#seq), retryMs);
    // Older revisions have no priming event; a comment still sends the headers at once.
    else this.#connection?.flush();
  }

  /**
   * Attaches a connection, replacing (and closing) the previous one. With `afterSeq`, the kept
   * events after it are replayed first. A finished stream replays and closes at once.
   */
  attach(connection: SseConnection, afterSeq?: number): void {
    const previous = this.#connection;
    this.#connection = connection;
    if (previous !== undefined && previous !== connection) previous.close();
    connection.onEnd(() => {
      if (this.#connection === connection) this.#connection = undefined;
    });
    if (afterSeq !== undefined) {
      for (const event of this.#buffer.after(this.number, afterSeq)) {
        connection.send(event.json, eventId(event.stream, event.seq));
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
