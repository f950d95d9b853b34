import { eventId } from './event-stream.js';
import type { EventPosition, StreamConnection } from './event-stream.js';
import type { LegacySession } from './legacy-session.js';
import type { RelayMessage, SessionBackplane } from './session-backplane.js';

/**
 * The holder's end of a relay: a connection of a stream whose events are written, through the
 * backplane, to the SSE response another instance holds. Ends when the holder closes it, when the
 * other instance says the client went away, or when nobody hears it any more.
 */
class RelayedConnection implements StreamConnection {
  readonly #backplane: SessionBackplane;
  readonly #to: string;
  readonly #relay: string;
  readonly #onError: (error: unknown) => void;
  readonly #listeners: (() => void)[] = [];
  #open = true;

  /** Writes to the response of relay `route.relay` on instance `route.to`. */
  constructor(backplane: SessionBackplane, route: { to: string; relay: string }, onError: (error: unknown) => void) {
    this.#backplane = backplane;
    this.#to = route.to;
    this.#relay = route.relay;
    this.#onError = onError;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  onEnd(listener: () => void): void {
    if (this.#open) this.#listeners.push(listener);
    else listener();
  }

  send(json: string, id?: string): void {
    this.#post({ kind: 'event', relay: this.#relay, json, id });
  }

  prime(id: string, retryMs: number): void {
    this.#post({ kind: 'prime', relay: this.#relay, id, retryMs });
  }

  flush(): void {
    this.#post({ kind: 'flush', relay: this.#relay });
  }

  close(): void {
    this.#post({ kind: 'end', relay: this.#relay });
    this.stop();
  }

  /** Ends this end without telling the other instance (it told us, or it is gone). */
  stop(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const listener of this.#listeners.splice(0)) listener();
  }

  #post(message: RelayMessage): void {
    if (!this.#open) return;
    // One connection publishes in order, so the other instance writes the events in order.
    this.#backplane.relay(this.#to, message).then(
      (heard) => {
        if (!heard) this.stop();
      },
      (error: unknown) => {
        this.#onError(error);
        this.stop();
      },
    );
  }
}

/**
 * The stream relays of one instance (2025-11-25 "Resumability and Redelivery" across instances):
 * `GET` with a `Last-Event-ID` that names another instance is fed by that instance, which replays
 * what was missed from its buffer and goes on writing the stream there, so a stream survives its
 * client reconnecting anywhere. @internal
 */
export class StreamRelays {
  readonly #backplane: SessionBackplane;
  readonly #retryMs: number;
  readonly #onError: (error: unknown) => void;
  /** Streams held here, written to another instance, by relay id. */
  readonly #outgoing = new Map<string, RelayedConnection>();
  /** SSE responses here, fed by another instance, by relay id. */
  readonly #incoming = new Map<string, StreamConnection>();

  constructor(backplane: SessionBackplane, retryMs: number, onError: (error: unknown) => void) {
    this.#backplane = backplane;
    this.#retryMs = retryMs;
    this.#onError = onError;
  }

  /**
   * Asks the instance named in `position` to feed `connection` with the rest of the stream.
   * @returns `false` when no such instance listens (the stream is gone with it)
   */
  async resume(session: LegacySession, position: EventPosition & { node: string }, connection: StreamConnection): Promise<boolean> {
    const relay = crypto.randomUUID();
    this.#incoming.set(relay, connection);
    connection.onEnd(() => {
      // Ended here (the client went away), not by the holder: the holder lets go too.
      if (this.#incoming.get(relay) !== connection) return;
      this.#incoming.delete(relay);
      this.#backplane.relay(position.node, { kind: 'release', relay }).catch(this.#onError);
    });
    try {
      const heard = await this.#backplane.relay(position.node, {
        kind: 'resume',
        relay,
        from: this.#backplane.node,
        sessionId: session.id,
        stream: position.stream,
        afterSeq: position.seq,
      });
      if (!heard) this.#incoming.delete(relay);
      return heard;
    } catch (error) {
      this.#incoming.delete(relay);
      throw error;
    }
  }

  /** Takes one relay message for this instance. */
  handle(message: RelayMessage, held: (sessionId: string) => LegacySession | undefined): void {
    switch (message.kind) {
      case 'resume':
        this.#feed(message, held(message.sessionId));
        return;
      case 'release':
        this.#outgoing.get(message.relay)?.stop();
        return;
      case 'end': {
        const connection = this.#incoming.get(message.relay);
        this.#incoming.delete(message.relay);
        connection?.close();
        return;
      }
      case 'event':
        this.#incoming.get(message.relay)?.send(message.json, message.id);
        return;
      case 'prime':
        this.#incoming.get(message.relay)?.prime(message.id, message.retryMs);
        return;
      case 'flush':
        this.#incoming.get(message.relay)?.flush();
        return;
    }
  }

  /** Ends every relay of this instance (the layer closes). */
  close(): void {
    for (const connection of [...this.#outgoing.values()]) connection.close();
    for (const connection of [...this.#incoming.values()]) connection.close();
    this.#incoming.clear();
  }

  /** The holder's side of `resume`: what `GET` with `Last-Event-ID` does here, written there. */
  #feed(message: Extract<RelayMessage, { kind: 'resume' }>, session: LegacySession | undefined): void {
    const remote = new RelayedConnection(
      this.#backplane,
      { to: message.from, relay: message.relay },
      this.#onError,
    );
    this.#outgoing.set(message.relay, remote);
    remote.onEnd(() => this.#outgoing.delete(message.relay));
    const stream = session?.streamByNumber(message.stream);
    if (stream !== undefined) {
      stream.attach(remote, message.afterSeq);
      stream.prime(this.#retryMs);
      return;
    }
    // A stream that already ended: what is still kept, then the end.
    for (const event of session?.buffer.after(message.stream, message.afterSeq) ?? [])
      remote.send(event.json, eventId(event.stream, event.seq, session?.node));
    remote.close();
  }
}
