import type { McpServer } from '@tern/core-protocol';
import {
  createErrorResponse,
  InvalidRequestError,
  UnsupportedProtocolVersionError,
} from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type {
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import type { StdioEra, StdioOutput } from './era.js';

/** The key of a request id: `1` and `"1"` are different requests. @internal */
export function idKey(id: JsonRpcId): string {
  return `${typeof id}:${String(id)}`;
}

/**
 * The 2026-07-28 era on stdio: every request stands alone and goes to the core with its own
 * `_meta`; progress, log messages and listen events share stdout with the responses (listen
 * events carry their subscription id, so the client demultiplexes them, #262). The client cancels
 * with `notifications/cancelled` (#263): the handler's signal is aborted and nothing more is
 * sent for that request, not even its response. Responses from the client have no place in this
 * era (#261): they are reported on stderr and dropped. @internal
 */
export class ModernEra implements StdioEra {
  readonly #server: McpServer;
  readonly #output: StdioOutput;
  readonly #running = new Map<string, AbortController>();

  constructor(server: McpServer, output: StdioOutput) {
    this.#server = server;
    this.#output = output;
  }

  async request(request: JsonRpcRequest): Promise<void> {
    if (request.method === 'initialize' && !hasModernMeta(request)) {
      this.#refuseInitialize(request);
      return;
    }
    const key = idKey(request.id);
    if (this.#running.has(key)) {
      this.#output.send(
        createErrorResponse(
          request.id,
          new InvalidRequestError(`Request id ${String(request.id)} is already in use`).toJson(),
        ),
      );
      return;
    }
    const controller = new AbortController();
    const signal = controller.signal;
    this.#running.set(key, controller);
    try {
      const response = await this.#server.handle(request, {
        signal,
        notify: (notification) => {
          if (!signal.aborted) this.#output.send(notification);
        },
      });
      if (response !== undefined && !signal.aborted) this.#output.send(response);
    } finally {
      if (this.#running.get(key) === controller) this.#running.delete(key);
    }
  }

  notification(notification: JsonRpcNotification): void {
    if (notification.method !== 'notifications/cancelled') return;
    const requestId = (notification.params as { requestId?: unknown } | undefined)?.requestId;
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
    const reason = (notification.params as { reason?: unknown }).reason;
    // Unknown or finished ids are ignored, as the cancellation utility allows.
    this.#running
      .get(idKey(requestId))
      ?.abort(typeof reason === 'string' ? reason : 'Cancelled by the client');
  }

  response(response: JsonRpcResponse): void {
    this.#output.warn(
      `ignored a JSON-RPC response (id ${JSON.stringify(response.id)}): a 2026-07-28 server sends no requests, so a client must not send responses`,
    );
  }

  /**
   * A 2025-era opening on a process that does not serve that era: an error naming the versions
   * this server speaks, the only diagnostic a legacy client gets (spec/legacy.md §5.1).
   */
  #refuseInitialize(request: JsonRpcRequest): void {
    const requested = request.params?.['protocolVersion'];
    const supported = this.#server.supportedVersions;
    const error = new UnsupportedProtocolVersionError(
      typeof requested === 'string' ? requested : '',
      supported,
      {
        message: `This server speaks MCP ${supported.join(', ')} (no initialize); it does not serve 2025-era clients`,
      },
    );
    this.#output.send(createErrorResponse(request.id, error.toJson()));
  }

  close(reason: string): void {
    for (const controller of this.#running.values()) controller.abort(reason);
    this.#running.clear();
  }
}

/** Whether a request carries the 2026-07-28 `_meta` (an `initialize` with it is a modern mistake). */
export function hasModernMeta(request: JsonRpcRequest): boolean {
  const meta = request.params?.['_meta'];
  return typeof meta === 'object' && meta !== null && MetaKey.ProtocolVersion in meta;
}
