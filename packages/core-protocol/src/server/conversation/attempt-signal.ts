import { abortSignalOf } from '../lazy-abort-signal.js';
import type { RequestSignal } from '../lazy-abort-signal.js';

/**
 * The abort signal of one attempt of a conversation, made only when something reads it. It aborts
 * when the request's signal does (with its reason) or when the attempt ends waiting for input.
 * Making an `AbortSignal` costs about 2 µs on Node 22, and listening to the request's another
 * microsecond: more than the rest of a one-round call spends in the core. Most handlers never
 * read `ctx.signal`, so until one does only `aborted` is tracked and the request's signal is not
 * listened to.
 */
export class AttemptSignal {
  readonly #request: RequestSignal;
  #controller: AbortController | undefined;
  #forward: (() => void) | undefined;
  #ended = false;
  #reason: unknown;

  constructor(request: RequestSignal) {
    this.#request = request;
  }

  /** True once the request was aborted or the attempt ended; reading it makes no signal. */
  get aborted(): boolean {
    return this.#ended || this.#request.aborted;
  }

  /** The attempt's signal, made on first read in the state the attempt is in. */
  get signal(): AbortSignal {
    if (this.#controller !== undefined) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#ended) controller.abort(this.#reason);
    else if (this.#request.aborted) controller.abort(this.#request.reason);
    else {
      this.#forward = () => controller.abort(this.#request.reason);
      this.#request.addEventListener('abort', this.#forward, { once: true });
    }
    return controller.signal;
  }

  /** Ends the attempt with `reason`, unless the request was aborted first. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.#ended = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }

  /** Stops listening to the request's signal (when a signal was made). */
  dispose(): void {
    if (this.#forward !== undefined) this.#request.removeEventListener('abort', this.#forward);
  }
}

/** The `AbortSignal` a handler sees, from any kind of source. */
export function signalOf(source: RequestSignal | AttemptSignal): AbortSignal {
  return source instanceof AttemptSignal ? source.signal : abortSignalOf(source);
}
