import type { JsonRpcId, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { ClientTransport, TransportSendOptions } from '../../../src/index.js';

/** Answers one request of a {@link ScriptedTransport}. */
export type Responder = (
  request: JsonRpcRequest,
  options: TransportSendOptions,
) => JsonRpcResponse | Promise<JsonRpcResponse>;

/**
 * A fake {@link ClientTransport} for wire-level cases a real server cannot produce: it answers
 * with scripted responses and records every request (through a JSON round trip, as a wire would)
 * and the send options that came with it.
 */
export class ScriptedTransport implements ClientTransport {
  readonly requests: JsonRpcRequest[] = [];
  readonly sendOptions: TransportSendOptions[] = [];
  readonly authorizationKey: string | undefined;
  readonly mirrorsToolHeaders: boolean;
  readonly #responder: Responder;

  constructor(responder: Responder, options: { authorizationKey?: string; mirrorsToolHeaders?: boolean } = {}) {
    this.#responder = responder;
    this.authorizationKey = options.authorizationKey;
    this.mirrorsToolHeaders = options.mirrorsToolHeaders ?? false;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const wire = JSON.parse(JSON.stringify(request)) as JsonRpcRequest;
    this.requests.push(wire);
    this.sendOptions.push(options);
    const response = await this.#responder(wire, options);
    return JSON.parse(JSON.stringify(response)) as JsonRpcResponse;
  }

  /** The requests sent for one method. */
  requestsFor(method: string): JsonRpcRequest[] {
    return this.requests.filter((request) => request.method === method);
  }
}

/** A result response to `request`. */
export function resultFor(request: { id: JsonRpcId }, result: Record<string, unknown>): JsonRpcResponse {
  return { jsonrpc: '2.0', id: request.id, result };
}

/** An error response to `request`. */
export function errorFor(
  request: { id: JsonRpcId },
  error: { code: number; message: string; data?: unknown },
): JsonRpcResponse {
  return { jsonrpc: '2.0', id: request.id, error };
}

/** The `_meta` of a recorded request. */
export function metaOf(request: JsonRpcRequest): Record<string, unknown> {
  return (request.params?.['_meta'] ?? {}) as Record<string, unknown>;
}

/** The params of a recorded request without `_meta`. */
export function paramsOf(request: JsonRpcRequest): Record<string, unknown> {
  const { _meta: _ignored, ...rest } = request.params ?? {};
  return rest;
}

/** The listen notification that must come first on a stream (with its subscription id). */
export function acknowledged(id: JsonRpcId, notifications: Record<string, unknown> = {}): {
  jsonrpc: '2.0';
  method: string;
  params: Record<string, unknown>;
} {
  return {
    jsonrpc: '2.0',
    method: 'notifications/subscriptions/acknowledged',
    params: { _meta: { [MetaKey.SubscriptionId]: id }, notifications },
  };
}

/** An empty, fresh tools/list page. */
export function toolsPage(tools: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'public', ...extra };
}
