import type { McpServer } from '@tern/core-protocol';
import type { McpHttpOptions } from '@tern/server-http';
import { createLegacyLayer } from './legacy-layer.js';
import type { LegacyLayer } from './legacy-layer.js';
import type { LegacyLayerOptions } from './legacy-layer-options.js';

/** Options of {@link withLegacy}: the transport's options plus the layer's under `legacy`. */
export interface WithLegacyOptions extends McpHttpOptions {
  /** Options of the legacy layer. */
  legacy?: LegacyLayerOptions;
}

/**
 * Adds a legacy layer to transport options, for any adapter of `@tern/server-http`. The layer is
 * returned as `fallback`, so it can be closed on shutdown.
 *
 * @example
 * ```ts
 * import { createExpressHandler } from '@tern/server-http/adapters/express';
 * import { withLegacy } from '@tern/legacy-compat';
 *
 * const options = withLegacy(server, { allowedHosts: ['mcp.example.com'], legacy: { maxSessions: 500 } });
 * app.all('/mcp', createExpressHandler(server, options));
 * process.once('SIGTERM', () => options.fallback.close());
 * ```
 * @throws SdkError INVALID_USAGE for a limit of the layer that is not a positive integer
 */
export function withLegacy(
  server: McpServer,
  options: WithLegacyOptions = {},
): Omit<McpHttpOptions, 'fallback'> & { fallback: LegacyLayer } {
  const { legacy, ...http } = options;
  return { ...http, fallback: createLegacyLayer(server, legacy) };
}
