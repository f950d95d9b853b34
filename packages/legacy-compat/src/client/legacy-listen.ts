/**
 * `subscriptions/listen` (2026-07-28) emulated on a legacy session: list-changed notifications
 * arrive session-wide on the standalone GET stream, `notifications/resources/updated` after
 * `resources/subscribe`. The emulation acknowledges the part of the filter the server can honour,
 * tags every forwarded notification with the listen request's id, and unsubscribes at the end.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources#subscriptions
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { TransportSendOptions } from '@tern/core-protocol';
import { createNotification, isJsonRpcErrorResponse } from '@tern/jsonrpc';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { SubscriptionFilter } from '@tern/schema';
import type { NegotiatedSession } from './handshake.js';
import { untilAborted } from './legacy-http.js';
import { isRecord } from './translate.js';

/** What the emulation needs from the session. */
export interface ListenHost {
  session: NegotiatedSession;
  /** Sends one legacy request in the session. */
  call(
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<JsonRpcResponse>;
  /** Receives every change notification of the session; returns the unsubscribe function. */
  addChangeListener(listener: (notification: JsonRpcNotification) => void): () => void;
  /** Opens the standalone stream if needed; `true` when it is up. */
  openStandalone(): Promise<boolean>;
}

/**
 * Runs one emulated listen until `options.signal` aborts (then rejects with the abort reason, as a
 * closed modern stream does) or the session ends (then rejects with `CONNECTION_CLOSED`, and the
 * client's `Subscription` reconnects, which starts a new session).
 *
 * A server without a standalone stream (GET answered 405) cannot deliver anything unrelated to a
 * request: the acknowledgement then honours nothing, which is how a modern server says the same.
 */
export async function emulateListen(
  host: ListenHost,
  request: JsonRpcRequest,
  options: TransportSendOptions,
): Promise<JsonRpcResponse> {
  const { session } = host;
  const filter = (
    isRecord(request.params?.['notifications']) ? request.params['notifications'] : {}
  ) as SubscriptionFilter;
  const hasStream = await host.openStandalone();
  const honoured = hasStream ? await honour(host, filter, options.signal) : {};
  const tag = (params: Record<string, unknown> | undefined): Record<string, unknown> => ({
    ...params,
    _meta: {
      ...(isRecord(params?.['_meta']) ? params['_meta'] : {}),
      [MetaKey.SubscriptionId]: request.id,
    },
  });
  const removeListener = host.addChangeListener((notification) => {
    if (wanted(honoured, notification)) {
      options.onNotification?.(createNotification(notification.method, tag(notification.params)));
    }
  });
  options.onNotification?.(
    createNotification(
      'notifications/subscriptions/acknowledged',
      tag({ notifications: honoured }),
    ),
  );
  const stopped = new AbortController();
  const stop = (): void => stopped.abort();
  session.ended.signal.addEventListener('abort', stop, { once: true });
  if (hasStream) session.standalone?.lost.addEventListener('abort', stop, { once: true });
  try {
    await untilAborted(
      new Promise<never>(() => undefined),
      AbortSignal.any([options.signal, stopped.signal]),
    );
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new SdkError(
      SdkErrorCode.ConnectionClosed,
      'The legacy session or its standalone stream ended',
      {
        cause: error,
      },
    );
  } finally {
    removeListener();
    session.ended.signal.removeEventListener('abort', stop);
    session.standalone?.lost.removeEventListener('abort', stop);
    await unsubscribe(host, honoured.resourceSubscriptions ?? []);
  }
  throw new SdkError(SdkErrorCode.ConnectionClosed, 'The emulated subscription ended');
}

/**
 * The part of `filter` this server can deliver: list changes it declared `listChanged` for, and
 * the resources it accepted `resources/subscribe` for (needs `resources.subscribe`).
 */
async function honour(
  host: ListenHost,
  filter: SubscriptionFilter,
  signal: AbortSignal,
): Promise<SubscriptionFilter> {
  const capabilities = host.session.initialize.capabilities;
  const honoured: SubscriptionFilter = {};
  if (filter.toolsListChanged === true && capabilities.tools?.listChanged === true)
    honoured.toolsListChanged = true;
  if (filter.promptsListChanged === true && capabilities.prompts?.listChanged === true)
    honoured.promptsListChanged = true;
  if (filter.resourcesListChanged === true && capabilities.resources?.listChanged === true) {
    honoured.resourcesListChanged = true;
  }
  const uris = filter.resourceSubscriptions ?? [];
  if (uris.length > 0 && capabilities.resources?.subscribe === true) {
    const accepted: string[] = [];
    for (const uri of uris) {
      const response = await host
        .call('resources/subscribe', { uri }, signal)
        .catch((error: unknown) => {
          if (signal.aborted) throw error;
          return undefined;
        });
      if (response !== undefined && !isJsonRpcErrorResponse(response)) accepted.push(uri);
    }
    honoured.resourceSubscriptions = accepted;
  }
  return honoured;
}

function wanted(filter: SubscriptionFilter, notification: JsonRpcNotification): boolean {
  switch (notification.method) {
    case 'notifications/tools/list_changed':
      return filter.toolsListChanged === true;
    case 'notifications/prompts/list_changed':
      return filter.promptsListChanged === true;
    case 'notifications/resources/list_changed':
      return filter.resourcesListChanged === true;
    case 'notifications/resources/updated':
      return filter.resourceSubscriptions?.includes(String(notification.params?.['uri'])) === true;
    default:
      return false;
  }
}

/** Best effort: a session that ended has no subscriptions left to cancel. */
async function unsubscribe(host: ListenHost, uris: readonly string[]): Promise<void> {
  if (host.session.ended.signal.aborted) return;
  await Promise.all(
    uris.map((uri) =>
      host.call('resources/unsubscribe', { uri }, AbortSignal.timeout(5000)).catch(() => undefined),
    ),
  );
}
