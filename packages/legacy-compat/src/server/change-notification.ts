import type { ChangeEvent } from '@tern/core-protocol';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { LegacySession } from './legacy-session.js';
import { coveringUris } from './subscription-index.js';

/**
 * The legacy notification a change event becomes for one session, or `undefined` when that
 * session must not get it (2025-11-25 server features):
 * - `notifications/{tools,prompts,resources}/list_changed` go to every initialized session whose
 *   `InitializeResult` declared `listChanged` for that kind (no opt-in in legacy revisions);
 * - `notifications/resources/updated` only to sessions subscribed (`resources/subscribe`) to that
 *   URI or to a parent of it (`test://a` covers `test://a/b`), the rule the core's listen streams
 *   follow too.
 */
export function toLegacyNotification(
  event: ChangeEvent,
  session: LegacySession,
): JsonRpcNotification | undefined {
  if (!session.isInitialized) return undefined;
  const capabilities = session.serverCapabilities;
  switch (event.type) {
    case 'tools/list_changed':
      return capabilities.tools?.listChanged === true
        ? notification('notifications/tools/list_changed')
        : undefined;
    case 'prompts/list_changed':
      return capabilities.prompts?.listChanged === true
        ? notification('notifications/prompts/list_changed')
        : undefined;
    case 'resources/list_changed':
      return capabilities.resources?.listChanged === true
        ? notification('notifications/resources/list_changed')
        : undefined;
    case 'resources/updated': {
      if (capabilities.resources?.subscribe !== true) return undefined;
      const subscribed = coveringUris(event.uri).some((uri) => session.subscriptions.has(uri));
      return subscribed
        ? notification('notifications/resources/updated', { uri: event.uri })
        : undefined;
    }
  }
}

function notification(method: string, params?: Record<string, unknown>): JsonRpcNotification {
  return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
}
