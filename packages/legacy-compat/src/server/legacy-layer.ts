import type { McpServer } from '@tern/core-protocol';
import type { McpHttpFallbackContext } from '@tern/server-http';
import { AskBudget } from './ask-budget.js';
import { handleDelete } from './handle-delete.js';
import { handleGet } from './handle-get.js';
import { handlePost } from './handle-post.js';
import type { LayerContext } from './layer-context.js';
import { resolveLegacyOptions } from './legacy-layer-options.js';
import type { LegacyLayerOptions } from './legacy-layer-options.js';
import { localSessions } from './layer-sessions.js';
import { SessionRegistry } from './session-registry.js';
import { InMemorySessionStore } from './session-store.js';
import { SharedSessions } from './shared-sessions.js';

/**
 * The dual-era layer: a `fallback` for `@tern/server-http` that serves legacy clients. Call it as
 * the fallback; it also reports and ends its sessions.
 */
export interface LegacyLayer {
  /** The `McpHttpFallback`: answers legacy traffic and returns `true`, or `false` to leave it. */
  (context: McpHttpFallbackContext): Promise<boolean>;
  /** Number of open legacy sessions (with a `backplane`: those this instance holds a copy of). */
  readonly sessionCount: number;
  /**
   * Ends every session (running legacy requests are aborted, streams close) and releases the
   * change-bus subscription and timers. Requests that arrive later open new sessions as usual.
   * With a `backplane`, only this instance lets go: the sessions go on on the other instances.
   */
  close(): void;
}

/**
 * Creates the dual-era layer for one server (spec/legacy.md §5.1, §6, §7): plugged into
 * `@tern/server-http` as its `fallback`, the same endpoint serves 2026-07-28 requests statelessly
 * and clients of 2025-11-25, 2025-06-18 and 2025-03-26 in sessions opened with `initialize`
 * (`Mcp-Session-Id`, `notifications/initialized`, the GET stream, DELETE, `ping`,
 * `logging/setLevel`, `resources/subscribe`, `notifications/cancelled`, `Last-Event-ID`
 * resumption). Handlers do not change: in a legacy session `ctx.elicit`, `ctx.sample` and
 * `ctx.listRoots` send real requests to the client, and change notifications reach legacy
 * sessions too. It also adds the legacy versions to `server/discover`'s `supportedVersions`.
 *
 * @example
 * ```ts
 * import { createNodeHandler } from '@tern/server-http/adapters/node';
 * import { createLegacyLayer } from '@tern/legacy-compat';
 *
 * const handler = createNodeHandler(server, { fallback: createLegacyLayer(server) });
 * ```
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer or an unknown version
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports
 */
export function createLegacyLayer(
  server: McpServer,
  options: LegacyLayerOptions = {},
): LegacyLayer {
  const resolved = resolveLegacyOptions(options);
  const registry = new SessionRegistry(
    options.store ?? new InMemorySessionStore(),
    resolved,
    server,
  );
  const sessions =
    options.backplane === undefined
      ? localSessions(registry)
      : new SharedSessions(registry, options.backplane, resolved);
  const layer: LayerContext = {
    server,
    options: resolved,
    sessions,
    askBudget: new AskBudget(resolved.maxPendingAskBytesPerClient, resolved.maxPendingAskBytes),
    limits: {
      keepAliveMs: resolved.keepAliveMs,
      maxQueuedEvents: resolved.maxQueuedEvents,
      maxQueuedBytes: resolved.maxQueuedBytes,
      retryMs: resolved.retryMs,
    },
  };
  server.advertiseVersions(resolved.versions);

  const fallback = async (context: McpHttpFallbackContext): Promise<boolean> => {
    switch (context.exchange.method) {
      case 'POST':
        return handlePost(layer, context);
      case 'GET':
        return handleGet(layer, context);
      case 'DELETE':
        return handleDelete(layer, context);
      default:
        return false;
    }
  };
  return Object.defineProperties(fallback, {
    sessionCount: { get: () => sessions.size, enumerable: true },
    close: { value: () => sessions.closeAll('The server closed the session'), enumerable: true },
  }) as LegacyLayer;
}
