/**
 * A request's cancellation that costs almost nothing until something needs a real `AbortSignal`.
 *
 * On Node 22 an `AbortController` and its signal take about 770 bytes of heap and 1-2 µs to make,
 * and each listener adds more: for a one-round call that is a noticeable part of what the core
 * spends, and an idle listen stream keeps it for hours. Transports make one of these per request
 * instead (the node:http and Express adapters do); the core listens to it directly, and a real
 * `AbortSignal`, in the same state and kept in step, is made only when a handler reads
 * `ctx.signal` (or someone reads {@link LazyAbortSignal.signal}).
 */

/** What listens to a {@link LazyAbortSignal}: a function, or an object with `handleEvent`. */
export type AbortListener = (() => void) | { handleEvent(): void };

/** How a request is cancelled: an `AbortSignal`, or a {@link LazyAbortSignal} from a transport. */
export type RequestSignal = AbortSignal | LazyAbortSignal;

export class LazyAbortSignal {
  #aborted = false;
  #reason: unknown;
  /** One listener as is, more in an array (a stream has two: an array of its own would be 150 bytes). */
  #listeners: AbortListener | AbortListener[] | undefined;
  #controller: AbortController | undefined;

  /** True once {@link abort} was called. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** What {@link abort} was given (an `AbortError` `DOMException` when nothing), else `undefined`. */
  get reason(): unknown {
    return this.#reason;
  }

  /** A real `AbortSignal` in the same state, made on first read and aborted with this one. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /**
   * Calls `listener` once, when the signal aborts (as `AbortSignal` does, `once` or not: it aborts
   * once). A listener already added is not added again; after the abort nothing is added.
   */
  addEventListener(_type: 'abort', listener: AbortListener, _options?: { once?: boolean }): void {
    if (this.#aborted) return;
    const listeners = this.#listeners;
    if (listeners === undefined) this.#listeners = listener;
    else if (!Array.isArray(listeners)) {
      if (listeners !== listener) this.#listeners = [listeners, listener];
    } else if (!listeners.includes(listener)) listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    const listeners = this.#listeners;
    if (listeners === listener) this.#listeners = undefined;
    else if (Array.isArray(listeners)) {
      const index = listeners.indexOf(listener);
      if (index !== -1) listeners.splice(index, 1);
    }
  }

  /**
   * Aborts with `reason` (default: an `AbortError` `DOMException`, as `AbortController` gives):
   * the real signal first, when one was made, then every listener in the order they were added.
   * A listener that throws does not stop the others; its error is thrown again in a microtask, as
   * an `EventTarget` reports it. Later calls do nothing.
   */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    for (const listener of listeners === undefined ? [] : Array.isArray(listeners) ? listeners : [listeners]) {
      try {
        if (typeof listener === 'function') listener();
        else listener.handleEvent();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * The `AbortSignal` of a request: the signal itself, or the real one of a {@link LazyAbortSignal}.
 * Tested against the global `AbortSignal`, so a lazy signal from a second copy of this package
 * is still turned into a real one.
 */
export function abortSignalOf(signal: RequestSignal): AbortSignal {
  return signal instanceof AbortSignal ? signal : signal.signal;
}
