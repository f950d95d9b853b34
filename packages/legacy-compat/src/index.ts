/**
 * `@tern/legacy-compat`: dual-era MCP for Tern. The server part serves 2025-era clients
 * (2025-11-25, 2025-06-18, 2025-03-26) from the same endpoint and handlers as 2026-07-28; the
 * client part (`DualEraTransport`) lets one `McpClient` talk to servers of either era. Everything
 * exported here is public API; anything else in this package is internal.
 *
 * @module
 */

// Client: a transport for servers of both eras
export { DualEraTransport } from './client/dual-era-transport.js';
export type {
  DualEraHeaders,
  DualEraTransportOptions,
  ModernTransportFactory,
  ModernTransportInit,
} from './client/dual-era-transport.js';
export { InMemoryEraStore } from './client/era-store.js';
export type { EraStore, ServerEra } from './client/era-store.js';

// Server: the dual-era layer, plugged into @tern/server-http as its fallback
export { createLegacyLayer } from './server/legacy-layer.js';
export type { LegacyLayer } from './server/legacy-layer.js';
export { withLegacy } from './server/with-legacy.js';
export type { WithLegacyOptions } from './server/with-legacy.js';
export { DEFAULT_LEGACY_LIMITS } from './server/legacy-layer-options.js';
export type { LegacyLayerOptions } from './server/legacy-layer-options.js';
export { InMemorySessionStore } from './server/session-store.js';
export type { SessionStore } from './server/session-store.js';
export type { LegacySession } from './server/legacy-session.js';
export { closeSseStream } from './server/request-streams.js';
export type {
  BackplaneListener,
  RelayMessage,
  SessionBackplane,
  SharedSessionLimits,
  SharedSessionRecord,
  SharedSessionState,
} from './server/session-backplane.js';
