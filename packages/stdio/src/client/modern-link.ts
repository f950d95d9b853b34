import type { TransportSendOptions } from '@tern/core-protocol';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { PeerConnection } from './peer-connection.js';

interface Inflight {
  readonly options: TransportSendOptions;
  readonly progressToken: unknown;
  readonly wantsLogs: boolean;
}

function keyOf(id: unknown): string {
  return `${typeof id}:${String(id)}`;
}

function metaOf(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const meta = params?.['_meta'];
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

/**
 * A 2026-07-28 server over stdio: requests go as they are; the notifications that share stdout
 * are routed to the request they belong to: listen events by their subscription id (#262),
 * progress by its token, log messages to the requests that asked for logs. Aborting a request
 * sends `notifications/cancelled` (#263). @internal
 */
export class ModernLink {
  readonly era = 'modern';
  readonly #peer: PeerConnection;
  readonly #inflight = new Map<string, Inflight>();

  constructor(peer: PeerConnection) {
    this.#peer = peer;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const key = keyOf(request.id);
    const meta = metaOf(request.params);
    this.#inflight.set(key, {
      options,
      progressToken: meta[MetaKey.ProgressToken],
      wantsLogs: meta[MetaKey.LogLevel] !== undefined,
    });
    try {
      return await this.#peer.call(request, options.signal);
    } catch (error) {
      if (options.signal.aborted) this.#peer.cancel(request.id, options.signal);
      throw error;
    } finally {
      this.#inflight.delete(key);
    }
  }

  notification(notification: JsonRpcNotification): void {
    const params = notification.params;
    const subscriptionId = metaOf(params)[MetaKey.SubscriptionId];
    if (subscriptionId !== undefined) {
      this.#inflight.get(keyOf(subscriptionId))?.options.onNotification?.(notification);
      return;
    }
    if (notification.method === 'notifications/progress') {
      const token = params?.['progressToken'];
      for (const inflight of this.#inflight.values()) {
        if (inflight.progressToken !== undefined && inflight.progressToken === token)
          inflight.options.onNotification?.(notification);
      }
      return;
    }
    if (notification.method === 'notifications/message') {
      for (const inflight of this.#inflight.values())
        if (inflight.wantsLogs) inflight.options.onNotification?.(notification);
    }
  }
}
