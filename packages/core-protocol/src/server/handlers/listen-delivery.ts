import { InvalidParamsError } from '@tern/jsonrpc';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { SubscriptionFilter } from '@tern/schema';
import { MAX_CURSOR_LENGTH, TernMetaKey } from '../../shared/tern-meta.js';
import type { ChangeBus, ChangeDelivery, ChangeEvent, ChangeSubscription } from '../change-bus.js';

/** The cursor a listen request asks to resume after, if any. @throws InvalidParamsError (-32602) */
export function resumeCursor(meta: Record<string, unknown> | undefined): string | undefined {
  const after = meta?.[TernMetaKey.ResumeAfter];
  if (after === undefined) return undefined;
  if (typeof after !== 'string' || after.length === 0 || after.length > MAX_CURSOR_LENGTH) {
    throw new InvalidParamsError(
      `_meta["${TernMetaKey.ResumeAfter}"] must be a cursor of 1 to ${MAX_CURSOR_LENGTH} characters`,
    );
  }
  return after;
}

/**
 * Subscribes to the bus, resumably when it can. A bus without `listen` still works: its events
 * come without cursors, and a client that asked to resume is told to refetch.
 */
export async function openDelivery(
  bus: ChangeBus,
  after: string | undefined,
  deliver: (
    delivery: ChangeDelivery | { kind: 'event'; event: ChangeEvent; cursor: undefined },
  ) => void,
): Promise<ChangeSubscription> {
  if (bus.listen !== undefined) return bus.listen(deliver, { after });
  const close = bus.subscribe((event) => deliver({ kind: 'event', event, cursor: undefined }));
  return { start: after === undefined ? 'live' : 'refetch', head: undefined, close };
}

/**
 * The notifications that tell a listener to refetch everything it subscribed to: one list-changed
 * per honoured list and one `resources/updated` per subscribed URI it may read, each marked with
 * `dev.tern/refetch`, so that even a client that knows nothing of cursors refetches.
 */
export function refetchNotifications(
  filter: SubscriptionFilter,
  meta: Record<string, unknown>,
  mayRead: (uri: string) => boolean,
): JsonRpcNotification[] {
  const marked = { ...meta, [TernMetaKey.Refetch]: true };
  const methods: string[] = [];
  if (filter.toolsListChanged === true) methods.push('notifications/tools/list_changed');
  if (filter.promptsListChanged === true) methods.push('notifications/prompts/list_changed');
  if (filter.resourcesListChanged === true) methods.push('notifications/resources/list_changed');
  const notifications: JsonRpcNotification[] = methods.map((method) => ({
    jsonrpc: '2.0',
    method,
    params: { _meta: marked },
  }));
  for (const uri of filter.resourceSubscriptions ?? []) {
    if (!mayRead(uri)) continue;
    notifications.push({
      jsonrpc: '2.0',
      method: 'notifications/resources/updated',
      params: { _meta: marked, uri },
    });
  }
  return notifications;
}
