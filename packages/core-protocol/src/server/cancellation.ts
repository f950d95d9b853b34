import type { RequestSignal } from './lazy-abort-signal.js';

/**
 * Whether `error` is the end of a request the client cancelled: its signal is aborted and the
 * error is the abort itself (the signal's reason, or an `AbortError` such as `fetch` throws when
 * handed `ctx.signal`). Cancellation is normal (requirements.md #95, #107): it is not reported
 * to `onError`. Any other error thrown after the abort still is.
 */
export function isCancellation(error: unknown, signal: RequestSignal | undefined): boolean {
  if (signal?.aborted !== true) return false;
  if (error === signal.reason) return true;
  return error instanceof Error && error.name === 'AbortError';
}
