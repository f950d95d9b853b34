import type { McpServer } from '@tern/core-protocol';
import type { AskBudget } from './ask-budget.js';
import type { ResolvedLegacyOptions } from './legacy-layer-options.js';
import type { LayerSessions } from './layer-sessions.js';
import type { ConnectionLimits } from './sse-connection.js';

/** What the HTTP handlers of a layer share. @internal */
export interface LayerContext {
  readonly server: McpServer;
  readonly options: ResolvedLegacyOptions;
  readonly sessions: LayerSessions;
  /** Memory held by pending server-to-client requests. */
  readonly askBudget: AskBudget;
  readonly limits: ConnectionLimits & { readonly retryMs: number };
}
