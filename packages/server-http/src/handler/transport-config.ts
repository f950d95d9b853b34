import type { McpServer } from '@tern/core-protocol';
import type { Authenticate, McpHttpFallback, McpHttpOptions, StreamLimits } from '../options.js';
import { readLimit } from '../options.js';
import type { HttpRequestInfo } from '../exchange.js';
import { HostOriginGuard } from './host-origin-guard.js';

/**
 * The server and its {@link McpHttpOptions}, checked and resolved once per handler, not per
 * request. @internal
 */
export interface TransportConfig {
  readonly server: McpServer;
  readonly guard: HostOriginGuard;
  readonly maxBodyBytes: number;
  readonly stream: StreamLimits;
  readonly authenticate: Authenticate | undefined;
  readonly fallback: McpHttpFallback | undefined;
  readonly onError: ((error: unknown, request: HttpRequestInfo) => void) | undefined;
}

/**
 * Checks and resolves the options.
 * @throws RangeError for a limit that is not a positive integer (`keepAliveMs` may be 0)
 * @throws TypeError for an allow-list entry that is not a host or an origin
 */
export function resolveTransportConfig(
  server: McpServer,
  options: McpHttpOptions,
): TransportConfig {
  return {
    server,
    guard: new HostOriginGuard(options.allowedHosts, options.allowedOrigins),
    maxBodyBytes: readLimit(options, 'maxBodyBytes', 1),
    stream: {
      keepAliveMs: readLimit(options, 'keepAliveMs', 0),
      maxQueuedEvents: readLimit(options, 'maxQueuedEvents', 1),
      maxQueuedBytes: readLimit(options, 'maxQueuedBytes', 1),
    },
    authenticate: options.authenticate,
    fallback: options.fallback,
    onError: options.onError,
  };
}

/** Hands an unexpected error to `onError`; an `onError` that throws changes nothing. */
export function reportError(
  config: TransportConfig,
  error: unknown,
  request: HttpRequestInfo,
): void {
  try {
    config.onError?.(error, request);
  } catch {
    // The answer is already decided; a faulty hook must not turn it into a crash.
  }
}
