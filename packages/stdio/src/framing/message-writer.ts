import type { Writable } from 'node:stream';

/**
 * Writes newline-delimited JSON-RPC messages to a stream (requirements.md #258). `JSON.stringify`
 * never emits a raw newline, so every message is exactly one line. When the stream's buffer is
 * full `write` returns `false` and the owner stops reading new input until {@link onDrain} fires:
 * a slow reader slows the peer down instead of growing memory without bound.
 */
export class MessageWriter {
  readonly #stream: Writable;
  #closed = false;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', () => {
      // EPIPE and friends: the reader is gone; the owner learns it from its input closing.
      this.#closed = true;
    });
  }

  get isClosed(): boolean {
    return this.#closed || this.#stream.destroyed || this.#stream.writableEnded;
  }

  /**
   * Serializes and writes one message.
   * @returns `false` when the stream asks the writer to wait for `drain`
   * @throws TypeError when `message` is not JSON (a BigInt, a cycle): nothing is written
   */
  write(message: object): boolean {
    const line = `${JSON.stringify(message)}\n`;
    if (this.isClosed) return true;
    return this.#stream.write(line);
  }

  /** Calls `listener` once the stream's buffer has room again. */
  onDrain(listener: () => void): void {
    this.#stream.once('drain', listener);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    if (this.isClosed || this.#stream.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#stream.write('', () => resolve());
    });
  }
}
