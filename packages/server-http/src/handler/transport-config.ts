import type { McpServer } from '@tern/core-protocol';
import type { Authenticate, McpHttpFallback, McpHttpOptions, StreamLimits } from '../options.js';
import { readLimit } from '../options.js';
import type { HttpRequestInfo } from '../exchange.js';
import { authenticateBearer } from '../auth/authenticate-bearer.js';
import { resolveResourceServer } from '../auth/resource-server-options.js';
import type { ResourceServer } from '../auth/resource-server-options.js';
import { HostOriginGuard } from './host-origin-guard.js';
import { usageError } from '@tern/jsonrpc';

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
  /** The resource server, when the `authorization` option is set. */
  readonly resourceServer: ResourceServer | undefined;
  readonly fallback: McpHttpFallback | undefined;
  readonly onError: ((error: unknown, request: HttpRequestInfo) => void) | undefined;
}

/**
 * Checks and resolves the options.
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer (`keepAliveMs` may be 0)
 * @throws SdkError INVALID_USAGE for an allow-list entry that is not a host or an origin, a bad
 *   `authorization` option, or both `authorization` and `authenticate`
 */
export function resolveTransportConfig(
  server: McpServer,
  options: McpHttpOptions,
): TransportConfig {
  if (options.authorization !== undefined && options.authenticate !== undefined) {
    throw usageError('Pass either authorization or authenticate, not both');
  }
  const resourceServer =
    options.authorization === undefined ? undefined : resolveResourceServer(options.authorization);
  return {
    server,
    guard: new HostOriginGuard(options.allowedHosts, options.allowedOrigins),
    maxBodyBytes: readLimit(options, 'maxBodyBytes', 1),
    stream: {
      keepAliveMs: readLimit(options, 'keepAliveMs', 0),
      maxQueuedEvents: readLimit(options, 'maxQueuedEvents', 1),
      maxQueuedBytes: readLimit(options, 'maxQueuedBytes', 1),
    },
    authenticate:
      resourceServer === undefined
        ? options.authenticate
        : (request) => authenticateBearer(resourceServer, request),
    resourceServer,
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
