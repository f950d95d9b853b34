import { InternalError, InvalidParamsError } from '@tern/jsonrpc';
import type { JsonRpcId } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type {
  SubscriptionFilter,
  SubscriptionsListenRequestParams,
  SubscriptionsListenResult,
} from '@tern/schema';
import type { ChangeSubscription } from '../change-bus.js';
import { TernMetaKey } from '../../shared/tern-meta.js';
import { openDelivery, resumeCursor } from './listen-delivery.js';
import { ListenStream, withCursor, type Delivery } from './listen-stream.js';
import { clientKey, overloaded } from '../client-quota.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import { acknowledgedTopics, honourTopics, openTopics } from './listen-topics.js';

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
  const stream = new ListenStream({
    runtime,
    notify,
    signal,
    meta: { [MetaKey.SubscriptionId]: requestId },
    honoured: honouredFilter(runtime, params.notifications),
    auth,
    client,
  });
  // The stream's slot is taken before the bus is asked (which may wait on a network), so that
  // concurrent requests cannot overrun maxListenStreams; server.close() meanwhile ends it at once.
  stream.open();
  let subscription: ChangeSubscription;
  let first: Delivery | undefined;
  try {
    const after = resumeCursor(params._meta);
    subscription = await openDelivery(runtime.bus, after, stream.deliver);
    try {
      const resume = after === undefined ? {} : { [TernMetaKey.Resume]: subscription.start };
      notify({
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: {
          _meta: { ...withCursor(stream.meta, subscription.head), ...resume },
          notifications: { ...stream.honoured, ...acknowledgedTopics(topics) },
        },
      });
      if (subscription.start === 'refetch') first = { kind: 'refetch', cursor: subscription.head };
    } catch (error) {
      subscription.close();
      throw error;
    }
  } catch (error) {
    stream.abandon();
    throw error;
  }
  return stream.run(subscription, first, (send) => openTopics(topics, send, topicContext));
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
