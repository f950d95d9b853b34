import { InternalError, InvalidParamsError } from '@tern/jsonrpc';
import type { JsonRpcId } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type {
  SubscriptionFilter,
  SubscriptionsListenRequestParams,
  SubscriptionsListenResult,
} from '@tern/schema';
import type { ChangeDelivery, ChangeEvent, ChangeSubscription } from '../change-bus.js';
import { TernMetaKey } from '../../shared/tern-meta.js';
import { openDelivery, refetchNotifications, resumeCursor } from './listen-delivery.js';
import { clientKey, overloaded } from '../client-quota.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import { acknowledgedTopics, honourTopics, openTopics } from './listen-topics.js';
import { mayRead } from './resources.js';

/**
 * `subscriptions/listen`: acknowledges first with the part of the filter this server honours
 * (requirements.md #74), then forwards only the change kinds the client opted in to (#73), each
 * tagged with the subscription id (#41). With a resumable bus, the acknowledgement and every
 * notification also carry a `dev.tern/cursor`, and a request with `dev.tern/resumeAfter` first
 * gets what it missed, or, past the bus's window, refetch notifications (docs/change-delivery.md).
 * It ends with a graceful result when the server closes
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
  const readable = (uri: string): boolean => mayRead(runtime, uri, auth);
  let sending = false;
  const pending: Delivery[] = [];
  const send = (delivery: Delivery): void => {
    if (delivery.kind === 'refetch') {
      for (const notification of refetchNotifications(
        honoured,
        withCursor(meta, delivery.cursor),
        readable,
      ))
        notify(notification);
      return;
    }
    const { event, cursor } = delivery;
    const method = notificationFor(event, honoured);
    if (method === undefined) return;
    // A listener hears of changes to a resource only if it may read it, and of a registration
    // only if its lists show it (its scopes; docs/protecting-a-server.md).
    if (event.type === 'resources/updated' ? !readable(event.uri) : !runtime.access.concerns(event, auth)) return;
    const uri = event.type === 'resources/updated' ? { uri: event.uri } : {};
    notify({ jsonrpc: '2.0', method, params: { _meta: withCursor(meta, cursor), ...uri } });
  };
  // The stream's slot is taken before the bus is asked (which may wait on a network), so that
  // concurrent requests cannot overrun maxListenStreams; server.close() meanwhile ends it at once.
  let endedEarly = false;
  let finish = (): void => void (endedEarly = true);
  const slot = (): void => finish();
  runtime.listenStreams.add(slot);
  const onDelivery = (delivery: Delivery): void => {
    if (signal.aborted) return;
    if (!sending) {
      pending.push(delivery);
      return;
    }
    try {
      send(delivery);
    } catch {
      // A stream that can no longer be written to is over. Its failure must not reach the bus,
      // where it would keep the change from other listeners and fail the code that made it.
      finish();
    }
  };
  let subscription: ChangeSubscription;
  try {
    const after = resumeCursor(params._meta);
    subscription = await openDelivery(runtime.bus, after, onDelivery);
    try {
      const resume = after === undefined ? {} : { [TernMetaKey.Resume]: subscription.start };
      notify({
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: {
          _meta: { ...withCursor(meta, subscription.head), ...resume },
          notifications: { ...honoured, ...acknowledgedTopics(topics) },
        },
      });
      if (subscription.start === 'refetch')
        pending.unshift({ kind: 'refetch', cursor: subscription.head });
    } catch (error) {
      subscription.close();
      throw error;
    }
  } catch (error) {
    runtime.listenStreams.delete(slot);
    runtime.listenQuota.release(client);
    throw error;
  }

  return new Promise((resolve) => {
    const sendTopic = (method: string, extra: Record<string, unknown>): void => {
      if (signal.aborted) return;
      try {
        notify({ jsonrpc: '2.0', method, params: { ...extra, _meta: { ...(extra['_meta'] as object | undefined), ...meta } } });
      } catch {
        finish();
      }
    };
    let stopTopics = (): void => undefined;
    finish = (): void => {
      if (!runtime.listenStreams.delete(slot)) return;
      subscription.close();
      stopTopics();
      signal.removeEventListener('abort', finish);
      runtime.listenQuota.release(client);
      resolve({ resultType: 'complete', _meta: meta });
    };
    sending = true;
    for (const delivery of pending.splice(0)) onDelivery(delivery);
    if (signal.aborted || endedEarly) {
      finish();
      return;
    }
    signal.addEventListener('abort', finish, { once: true });
    // Opened last: a topic may send at once (the current state), and a failed send ends the stream.
    const stop = openTopics(topics, sendTopic, topicContext);
    if (runtime.listenStreams.has(slot)) stopTopics = stop;
    else stop();
  });
}

type Delivery = ChangeDelivery | { kind: 'event'; event: ChangeEvent; cursor: undefined };

function withCursor(
  meta: Record<string, unknown>,
  cursor: string | undefined,
): Record<string, unknown> {
  return cursor === undefined ? meta : { ...meta, [TernMetaKey.Cursor]: cursor };
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
    throw new InvalidParamsError(
      `A subscriptions/listen id may have at most ${limits.maxIdLength} characters`,
    );
  }
  const uris = filter.resourceSubscriptions;
  if (uris === undefined) return;
  if (uris.length > limits.maxResourceUris) {
    throw new InvalidParamsError(
      `resourceSubscriptions may list at most ${limits.maxResourceUris} URIs, got ${uris.length}`,
    );
  }
  if (uris.some((uri) => uri.length > limits.maxUriLength)) {
    throw new InvalidParamsError(
      `A URI in resourceSubscriptions may have at most ${limits.maxUriLength} characters`,
    );
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
      return filter.resourcesListChanged === true
        ? 'notifications/resources/list_changed'
        : undefined;
    case 'resources/updated': {
      const subscribed = (filter.resourceSubscriptions ?? []).some(
        (uri) => event.uri === uri || event.uri.startsWith(uri.endsWith('/') ? uri : `${uri}/`),
      );
      return subscribed ? 'notifications/resources/updated' : undefined;
    }
  }
}
