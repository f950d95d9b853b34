import type { McpServer } from '@tern/core-protocol';
import type { ResolvedLegacyOptions } from './legacy-layer-options.js';
import type { SessionRegistry } from './session-registry.js';
import type { ConnectionLimits } from './sse-connection.js';

/** What the HTTP handlers of a layer share. @internal */
export interface LayerContext {
  readonly server: McpServer;
  readonly options: ResolvedLegacyOptions;
  readonly registry: SessionRegistry;
  readonly limits: ConnectionLimits & { readonly retryMs: number };
}
