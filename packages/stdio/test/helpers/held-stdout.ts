// An in-process stdout for serveStdio tests: a host that reads nothing until told to.
import { Writable } from 'node:stream';

/** A stdout that holds every write until {@link release}, recording the most bytes it held. */
export class HeldStdout extends Writable {
  readonly lines: string[] = [];
  peakBuffered = 0;
  #held: (() => void)[] = [];
  #flowing = false;
  #text = '';

  override write(chunk: unknown, ...rest: never[]): boolean {
    const ready = super.write(chunk, ...rest);
    this.peakBuffered = Math.max(this.peakBuffered, this.writableLength);
    return ready;
  }

  override _write(chunk: Buffer, _encoding: string, done: (error?: Error) => void): void {
    const take = (): void => {
      this.#text += chunk.toString('utf8');
      const parts = this.#text.split('\n');
      this.#text = parts.pop() ?? '';
      this.lines.push(...parts);
      done();
    };
    if (this.#flowing) take();
    else this.#held.push(take);
  }

  /** The reader is back: everything held and everything to come is taken. */
  release(): void {
    this.#flowing = true;
    for (const take of this.#held.splice(0)) take();
  }
}
