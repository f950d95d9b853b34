import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { SubscriptionFilter, SubscriptionsListenResult } from '@tern/schema';
import type { ChangeDelivery, ChangeEvent, ChangeSubscription } from '../change-bus.js';
import type { RequestSignal } from '../lazy-abort-signal.js';
import type { AuthInfo } from '../request-context.js';
import type { ListenSlot, ServerRuntime } from '../server-runtime.js';
import { TernMetaKey } from '../../shared/tern-meta.js';
import { refetchNotifications } from './listen-delivery.js';
import { mayRead } from './resources.js';

/** What the bus hands a stream: a change (with its cursor on a resumable bus) or a refetch. */
export type Delivery = ChangeDelivery | { kind: 'event'; event: ChangeEvent; cursor: undefined };

/** What a stream needs to know of its request. Only these small values outlive the request. */
export interface ListenStreamInit {
  runtime: ServerRuntime;
  notify: (notification: JsonRpcNotification) => void;
  signal: RequestSignal;
  /** `_meta` of every message of the stream: the subscription id. */
  meta: SubscriptionsListenResult['_meta'] & Record<string, unknown>;
  honoured: SubscriptionFilter;
  auth: AuthInfo | undefined;
  /** The client's key in `listenQuota` (none for a client that cannot be told apart). */
  client: string | undefined;
}

/**
 * One open `subscriptions/listen` stream: forwards the changes its filter honours until the
 * client goes away or the server closes, then gives back its slot and quota. One object per
 * stream, whose methods are the bus callback, the topic sender and (as `handleEvent`) the abort
 * listener, so an idle stream holds this object and two small functions, not a closure apiece.
 */
export class ListenStream implements ListenSlot {
  /** Hands the bus's deliveries to the stream (queued until the acknowledgement is sent). */
  readonly deliver = (delivery: Delivery): void => this.#onDelivery(delivery);
  /** Sends an extension topic's notification (`registerListenTopic`). */
  readonly sendTopic = (method: string, extra: Record<string, unknown>): void => {
    if (this.#init.signal.aborted) return;
    const meta = { ...(extra['_meta'] as object | undefined), ...this.#init.meta };
    this.#send({ jsonrpc: '2.0', method, params: { ...extra, _meta: meta } });
  };

  readonly #init: ListenStreamInit;
  /** Deliveries that came before the acknowledgement; `undefined` once the stream is sending. */
  #queued: Delivery[] | undefined = [];
  #subscription: ChangeSubscription | undefined;
  #stopTopics: () => void = noop;
  #resolve: ((result: SubscriptionsListenResult) => void) | undefined;
  #endedEarly = false;

  constructor(init: ListenStreamInit) {
    this.#init = init;
  }

  /** `_meta` of every message of the stream: the subscription id. */
  get meta(): ListenStreamInit['meta'] {
    return this.#init.meta;
  }

  /** The part of the client's filter this server honours. */
  get honoured(): SubscriptionFilter {
    return this.#init.honoured;
  }

  /** Takes the stream's slot (before the bus is asked, so concurrent requests respect the limit). */
  open(): void {
    this.#init.runtime.listenStreams.add(this);
  }

  /** Gives back the slot and quota of a stream that failed before it started. */
  abandon(): void {
    this.#init.runtime.listenStreams.delete(this);
    this.#init.runtime.listenQuota.release(this.#init.client);
  }

  /**
   * Starts forwarding: queued deliveries first (`first`, such as a refetch, before them), then
   * live ones, until the end. Resolves with the stream's final result.
   */
  run(
    subscription: ChangeSubscription,
    first: Delivery | undefined,
    openTopics: (send: ListenStream['sendTopic']) => () => void,
  ): Promise<SubscriptionsListenResult> {
    this.#subscription = subscription;
    return new Promise((resolve) => {
      this.#resolve = resolve;
      const queued = this.#queued ?? [];
      this.#queued = undefined;
      if (first !== undefined) this.#onDelivery(first);
      for (const delivery of queued) this.#onDelivery(delivery);
      const { signal, runtime } = this.#init;
      // Ended already (by a failed write just now), or to be ended (aborted, or closed early).
      if (signal.aborted || this.#endedEarly || !runtime.listenStreams.has(this)) {
        this.end();
        return;
      }
      signal.addEventListener('abort', this, { once: true });
      // Opened last: a topic may send at once (the current state), and a failed send ends the stream.
      const stop = openTopics(this.sendTopic);
      if (runtime.listenStreams.has(this)) this.#stopTopics = stop;
      else stop();
    });
  }

  /** The abort listener: the client went away. */
  handleEvent(): void {
    this.end();
  }

  /** Ends the stream gracefully (server.close(), a failed write, the client gone). Idempotent. */
  end(): void {
    if (this.#resolve === undefined) {
      // Not started yet: `run` ends it as soon as it starts.
      this.#endedEarly = true;
      return;
    }
    const { runtime, signal, client, meta } = this.#init;
    if (!runtime.listenStreams.delete(this)) return;
    this.#subscription?.close();
    this.#stopTopics();
    signal.removeEventListener('abort', this);
    runtime.listenQuota.release(client);
    this.#resolve({ resultType: 'complete', _meta: meta });
  }

  #onDelivery(delivery: Delivery): void {
    if (this.#init.signal.aborted) return;
    if (this.#queued !== undefined) {
      this.#queued.push(delivery);
      return;
    }
    try {
      this.#forward(delivery);
    } catch {
      // A stream that can no longer be written to is over. Its failure must not reach the bus,
      // where it would keep the change from other listeners and fail the code that made it.
      this.end();
    }
  }

  #send(notification: JsonRpcNotification): void {
    try {
      this.#init.notify(notification);
    } catch {
      this.end();
    }
  }

  #forward(delivery: Delivery): void {
    const { runtime, notify, meta, honoured, auth } = this.#init;
    if (delivery.kind === 'refetch') {
      const readable = (uri: string): boolean => mayRead(runtime, uri, auth);
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
    if (
      event.type === 'resources/updated'
        ? !mayRead(runtime, event.uri, auth)
        : !runtime.access.concerns(event, auth)
    )
      return;
    const uri = event.type === 'resources/updated' ? { uri: event.uri } : {};
    notify({ jsonrpc: '2.0', method, params: { _meta: withCursor(meta, cursor), ...uri } });
  }
}

function noop(): void {
  // Nothing to stop.
}

/** `meta` with the cursor of a resumable bus, when there is one. */
export function withCursor(
  meta: Record<string, unknown>,
  cursor: string | undefined,
): Record<string, unknown> {
  return cursor === undefined ? meta : { ...meta, [TernMetaKey.Cursor]: cursor };
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
