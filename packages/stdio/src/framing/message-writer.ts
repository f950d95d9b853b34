import type { Writable } from 'node:stream';

/**
 * Writes newline-delimited JSON-RPC messages to a stream (requirements.md #258). `JSON.stringify`
 * never emits a raw newline, so every message is exactly one line. Once more than
 * `maxBufferedBytes` wait in the stream's buffer, {@link write} returns `false` and the owner
 * stops producing (the server stops reading stdin) until {@link onRoom} fires: a slow reader
 * slows the peer down instead of growing memory without bound.
 */
export class MessageWriter {
  readonly #stream: Writable;
  readonly #maxBufferedBytes: number;
  #roomListeners: (() => void)[] = [];
  #closed = false;
  /** Called as each write is handed to the OS: the buffer may have room again. */
  readonly #written = (): void => {
    if (this.#roomListeners.length === 0 || this.#isFull()) return;
    const listeners = this.#roomListeners;
    this.#roomListeners = [];
    for (const listener of listeners) listener();
  };

  constructor(stream: Writable, maxBufferedBytes = Number.POSITIVE_INFINITY) {
    this.#stream = stream;
    this.#maxBufferedBytes = maxBufferedBytes;
    stream.on('error', () => {
      // EPIPE and friends: the reader is gone; the owner learns it from its input closing, so
      // whoever waits for room must not wait for ever (it would never read that EOF).
      this.#closed = true;
      this.#written();
    });
  }

  get isClosed(): boolean {
    return this.#closed || this.#stream.destroyed || this.#stream.writableEnded;
  }

  /** Bytes written but not yet handed to the OS. */
  get bufferedBytes(): number {
    return this.#stream.writableLength;
  }

  /**
   * Serializes and writes one message (it is buffered whatever the answer).
   * @returns `false` when more than `maxBufferedBytes` now wait: produce nothing more until
   *   {@link onRoom}
   * @throws TypeError when `message` is not JSON (a BigInt, a cycle): nothing is written
   */
  write(message: object): boolean {
    const line = `${JSON.stringify(message)}\n`;
    if (this.isClosed) return true;
    this.#stream.write(line, this.#written);
    return !this.#isFull();
  }

  /** Calls `listener` once at most `maxBufferedBytes` wait again (at once when that is now). */
  onRoom(listener: () => void): void {
    if (!this.#isFull()) listener();
    else this.#roomListeners.push(listener);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    if (this.isClosed || this.#stream.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#stream.write('', () => resolve());
    });
  }

  #isFull(): boolean {
    return !this.isClosed && this.#stream.writableLength > this.#maxBufferedBytes;
  }
}
