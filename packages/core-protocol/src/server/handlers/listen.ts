import { InternalError, InvalidParamsError } from '@tern/jsonrpc';
import type { JsonRpcId } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type {
  SubscriptionFilter,
  SubscriptionsListenRequestParams,
  SubscriptionsListenResult,
} from '@tern/schema';
import type { ChangeEvent } from '../change-bus.js';
import { clientKey, overloaded } from '../client-quota.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import { acknowledgedTopics, honourTopics, openTopics } from './listen-topics.js';
import { mayRead } from './resources.js';

/**
 * `subscriptions/listen`: acknowledges first with the part of the filter this server honours
 * (requirements.md #74), then forwards only the change kinds the client opted in to (#73), each
 * tagged with the subscription id (#41). It ends with a graceful result when the server closes
 * (#76, #257), or silently when the client goes away. A stream keeps only the honoured filter and
 * its id, both bounded (`limits.maxListen*`); streams are bounded per client and per process.
 */
export async function listen(
  runtime: ServerRuntime,
  params: SubscriptionsListenRequestParams,
  call: CallInfo,
): Promise<SubscriptionsListenResult> {
  // Only these small values outlive this call: never `params` or `call`, which hold the whole
  // request as the client sent it (its unknown fields, its `_meta`), for the life of the stream.
  const { notify, signal, requestId, auth } = call;
  if (notify === undefined) throw new InternalError('This transport cannot carry a subscription stream');
  checkListenSize(runtime, params.notifications, requestId);
  const topicContext = { auth, capabilities: call.envelope.capabilities };
  // Extension topics (for example `taskIds`) decide first: they may refuse the whole request.
  const topics = await honourTopics(runtime, params.notifications, topicContext);
  if (runtime.listenStreams.size >= runtime.maxListenStreams) {
    throw overloaded('Too many open subscriptions; try again later', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      limit: 'server',
    });
  }
  const client = clientKey(call.auth, call.peer);
  if (!runtime.listenQuota.take(client)) {
    throw overloaded(
      `This client already holds ${runtime.listenQuota.limit} subscription streams; close one first`,
      { retryAfterSeconds: RETRY_AFTER_SECONDS, limit: 'client' },
    );
  }
  const honoured = honouredFilter(runtime, params.notifications);
  const meta = { [MetaKey.SubscriptionId]: requestId };
  try {
    notify({
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: { _meta: meta, notifications: { ...honoured, ...acknowledgedTopics(topics) } },
    });
  } catch (error) {
    runtime.listenQuota.release(client);
    throw error;
  }

  return new Promise((resolve) => {
    const unsubscribe = runtime.bus.subscribe((event) => {
      const method = notificationFor(event, honoured);
      if (method === undefined || signal.aborted) return;
      // A listener hears of changes to a resource only if it may read it, and of a registration
      // only if its lists show it (its scopes; docs/protecting-a-server.md).
      if (event.type === 'resources/updated' ? !mayRead(runtime, event.uri, auth) : !mayList(runtime, event, auth)) return;
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
    const send = (method: string, extra: Record<string, unknown>): void => {
      if (signal.aborted) return;
      try {
        notify({ jsonrpc: '2.0', method, params: { ...extra, _meta: { ...(extra['_meta'] as object | undefined), ...meta } } });
      } catch {
        finish();
      }
    };
    let stopTopics = (): void => undefined;
    const finish = (): void => {
      if (!runtime.listenStreams.delete(finish)) return;
      unsubscribe();
      stopTopics();
      signal.removeEventListener('abort', finish);
      runtime.listenQuota.release(client);
      resolve({ resultType: 'complete', _meta: meta });
    };
    runtime.listenStreams.add(finish);
    if (signal.aborted) {
      finish();
      return;
    }
    signal.addEventListener('abort', finish, { once: true });
    // Opened last: a topic may send at once (the current state), and a failed send ends the stream.
    const stop = openTopics(topics, send, topicContext);
    if (runtime.listenStreams.has(finish)) stopTopics = stop;
    else stop();
  });
}

/**
 * Whether a list change concerns this listener: always for a change that names no registration;
 * otherwise only when the listener's lists show the registration (all of them with
 * `unauthorizedInLists: 'show'`), so a listener without the scopes learns nothing of it.
 */
function mayList(runtime: ServerRuntime, event: Exclude<ChangeEvent, { type: 'resources/updated' }>, auth: CallInfo['auth']): boolean {
  if (event.changed === undefined) return true;
  return runtime.access.visible([{ scopes: event.changed.scopes }], auth).length > 0;
}

/** Seconds a client refused for load is told to wait (`Retry-After`). */
const RETRY_AFTER_SECONDS = 5;

/**
 * Refuses a listen request bigger than a stream may keep (the memory budget of
 * docs/deployment.md): too many or too long filter URIs, or a long string id.
 * @throws InvalidParamsError (-32602)
 */
function checkListenSize(runtime: ServerRuntime, filter: SubscriptionFilter, id: JsonRpcId): void {
  const limits = runtime.listenLimits;
  if (typeof id === 'string' && id.length > limits.maxIdLength) {
    throw new InvalidParamsError(`A subscriptions/listen id may have at most ${limits.maxIdLength} characters`);
  }
  const uris = filter.resourceSubscriptions;
  if (uris === undefined) return;
  if (uris.length > limits.maxResourceUris) {
    throw new InvalidParamsError(
      `resourceSubscriptions may list at most ${limits.maxResourceUris} URIs, got ${uris.length}`,
    );
  }
  if (uris.some((uri) => uri.length > limits.maxUriLength)) {
    throw new InvalidParamsError(`A URI in resourceSubscriptions may have at most ${limits.maxUriLength} characters`);
  }
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
    // Deduplicated copies: the filter kept is the normalised one, not the array the client sent.
    honoured.resourceSubscriptions = [...new Set(requested.resourceSubscriptions)];
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
