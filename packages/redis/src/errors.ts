import type { OverloadData } from '@tern/core-protocol';
import { InternalError, usageError } from '@tern/jsonrpc';

/** Seconds a request refused because Redis is unreachable is told to wait. Default of the options. */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

/**
 * The error of a request that needs Redis while Redis is unreachable: `-32603` with
 * `data: { retryAfterSeconds, limit: 'server' }`, which the HTTP transports answer with 503 and
 * `Retry-After` (the same path as the core's load shedding, `overloadOf`). The Redis error stays in `cause`,
 * for `onError`, never on the wire.
 */
export function redisUnavailable(cause: unknown, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS): InternalError {
  const data: OverloadData = { retryAfterSeconds, limit: 'server' };
  return new InternalError('The shared store (Redis) is unavailable; try again later', { data, cause });
}

/** Checks a positive integer option. @throws SdkError INVALID_USAGE */
export function positiveOption(owner: string, name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw usageError(`${owner}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
