import { InternalError } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type {
  SubscriptionFilter,
  SubscriptionsListenRequestParams,
  SubscriptionsListenResult,
} from '@tern/schema';
import type { ChangeEvent } from '../change-bus.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import { mayRead } from './resources.js';

/**
 * `subscriptions/listen`: acknowledges first with the part of the filter this server honours
 * (requirements.md #74), then forwards only the change kinds the client opted in to (#73), each
 * tagged with the subscription id (#41). It ends with a graceful result when the server closes
 * (#76, #257), or silently when the client goes away.
 */
export async function listen(
  runtime: ServerRuntime,
  params: SubscriptionsListenRequestParams,
  call: CallInfo,
): Promise<SubscriptionsListenResult> {
  const notify = call.notify;
  if (notify === undefined) throw new InternalError('This transport cannot carry a subscription stream');
  if (runtime.listenStreams.size >= runtime.maxListenStreams) {
    throw new InternalError('Too many open subscriptions; try again later');
  }
  const honoured = honouredFilter(runtime, params.notifications);
  const meta = { [MetaKey.SubscriptionId]: call.requestId };
  notify({
    jsonrpc: '2.0',
    method: 'notifications/subscriptions/acknowledged',
    params: { _meta: meta, notifications: honoured },
  });

  return new Promise((resolve) => {
    const unsubscribe = runtime.bus.subscribe((event) => {
      const method = notificationFor(event, honoured);
      if (method === undefined || call.signal.aborted) return;
      // A listener hears of changes to a resource only if it may read it (its scopes).
      if (event.type === 'resources/updated' && !mayRead(runtime, event.uri, call)) return;
      try {
        notify({
          jsonrpc: '2.0',
          method,
          params: { _meta: meta, ...(event.type === 'resources/updated' ? { uri: event.uri } : {}) },
        });
      } catch {
        // A stream that can no longer be written to is over. Its failure must not reach the bus,
        // where it would keep the change from other listeners and fail the code that made it.
        finish();
      }
    });
    const finish = (): void => {
      unsubscribe();
      call.signal.removeEventListener('abort', finish);
      runtime.listenStreams.delete(finish);
      resolve({ resultType: 'complete', _meta: meta });
    };
    runtime.listenStreams.add(finish);
    if (call.signal.aborted) finish();
    else call.signal.addEventListener('abort', finish, { once: true });
  });
}

/** The requested kinds that are backed by an advertised capability. */
function honouredFilter(runtime: ServerRuntime, requested: SubscriptionFilter): SubscriptionFilter {
  const capabilities = runtime.capabilities();
  const honoured: SubscriptionFilter = {};
  if (requested.toolsListChanged === true && capabilities.tools?.listChanged === true) {
    honoured.toolsListChanged = true;
  }
  if (requested.promptsListChanged === true && capabilities.prompts?.listChanged === true) {
    honoured.promptsListChanged = true;
  }
  if (requested.resourcesListChanged === true && capabilities.resources?.listChanged === true) {
    honoured.resourcesListChanged = true;
  }
  if (requested.resourceSubscriptions !== undefined && capabilities.resources?.subscribe === true) {
    honoured.resourceSubscriptions = [...requested.resourceSubscriptions];
  }
  return honoured;
}

function notificationFor(event: ChangeEvent, filter: SubscriptionFilter): string | undefined {
  switch (event.type) {
    case 'tools/list_changed':
      return filter.toolsListChanged === true ? 'notifications/tools/list_changed' : undefined;
    case 'prompts/list_changed':
      return filter.promptsListChanged === true ? 'notifications/prompts/list_changed' : undefined;
    case 'resources/list_changed':
      return filter.resourcesListChanged === true ? 'notifications/resources/list_changed' : undefined;
    case 'resources/updated': {
      const subscribed = (filter.resourceSubscriptions ?? []).some(
        (uri) => event.uri === uri || event.uri.startsWith(uri.endsWith('/') ? uri : `${uri}/`),
      );
      return subscribed ? 'notifications/resources/updated' : undefined;
    }
  }
}
