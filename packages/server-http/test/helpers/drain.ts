// Waits for a writable stream to drain, or to close, and leaves no listener behind: one `close`
// listener per wait would pile up on a long body (MaxListenersExceededWarning).
import type { Writable } from 'node:stream';

/** Resolves on the next `drain` or `close` of `stream`, removing both listeners. */
export function drainOrClose(stream: Pick<Writable, 'once' | 'off'>): Promise<void> {
  return new Promise<void>((resume) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resume();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}
