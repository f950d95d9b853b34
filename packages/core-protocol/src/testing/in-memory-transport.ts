import { JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type { ClientTransport, TransportSendOptions } from '../client/client-transport.js';
import type { McpServer } from '../server/mcp-server.js';
import type { AuthInfo } from '../server/request-context.js';

/** Options of {@link InMemoryTransport}. */
export interface InMemoryTransportOptions {
  /** The caller the server sees (the state of MRTR conversations is bound to it). */
  auth?: AuthInfo;
  /** Key separating authorization contexts in the client's cache. Default: `auth.principal`. */
  authorizationKey?: string;
  /** Pretend to mirror `x-mcp-header` arguments, as an HTTP transport would. */
  mirrorsToolHeaders?: boolean;
}

/**
 * A {@link ClientTransport} that hands each request straight to an {@link McpServer} in the same
 * process, through a JSON round trip, so tests see exactly what would cross a wire. Aborting a
 * request aborts the handler's signal, as closing an HTTP stream would.
 */
export class InMemoryTransport implements ClientTransport {
  readonly #server: McpServer;
  readonly #options: InMemoryTransportOptions;
  /** Every request sent, as the server received it (for assertions in tests). */
  readonly sent: JsonRpcRequest[] = [];
  readonly authorizationKey: string | undefined;
  readonly mirrorsToolHeaders: boolean;

  constructor(server: McpServer, options: InMemoryTransportOptions = {}) {
    this.#server = server;
    this.#options = options;
    this.authorizationKey = options.authorizationKey ?? options.auth?.principal;
    this.mirrorsToolHeaders = options.mirrorsToolHeaders ?? false;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    if (options.signal.aborted) throw abortError(options.signal);
    const wire = JSON.parse(JSON.stringify(request)) as JsonRpcRequest;
    this.sent.push(wire);
    const aborted = new Promise<never>((_resolve, reject) => {
      options.signal.addEventListener('abort', () => reject(abortError(options.signal)), { once: true });
    });
    aborted.catch(() => undefined);
    const handled = this.#server.handle(wire, {
      signal: options.signal,
      notify: (notification) => {
        if (!options.signal.aborted) options.onNotification?.(JSON.parse(JSON.stringify(notification)) as typeof notification);
      },
      ...(this.#options.auth === undefined ? {} : { auth: this.#options.auth }),
    });
    const response = await Promise.race([handled, aborted]);
    if (response === undefined) throw new JsonRpcError(-32603, 'The server sent no response');
    return JSON.parse(JSON.stringify(response)) as JsonRpcResponse;
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The request was aborted', 'AbortError');
}
