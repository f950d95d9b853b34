import type { OverloadData } from '@tern/core-protocol';
import { InternalError } from '@tern/jsonrpc';

/**
 * The error of a request that needs Redis while it is unreachable (down, paused past the command
 * timeout, failing over): `-32603` with `{ retryAfterSeconds, limit: 'server' }` as `data` (the
 * core's load-shedding shape), which the HTTP transport answers as 503 with `Retry-After`. The
 * Redis error is its `cause`, never sent to the client.
 */
export function redisUnavailable(cause: unknown, retryAfterSeconds: number): InternalError {
  const data: OverloadData = { retryAfterSeconds, limit: 'server' };
  return new InternalError('The task store is unavailable, retry later', { data, cause });
}
