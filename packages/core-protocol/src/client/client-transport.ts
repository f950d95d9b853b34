import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type { InputRequest, InputResponse } from '@tern/schema';
import type { McpHeaderParam } from '../shared/x-mcp-header.js';

/** Options of one request sent through a {@link ClientTransport}. */
export interface TransportSendOptions {
  /** Aborting it cancels the request (on HTTP: closes the response stream). */
  signal: AbortSignal;
  /** Receives request-scoped notifications (progress, log, listen events) before the response. */
  onNotification?: (notification: JsonRpcNotification) => void;
  /** For `tools/call`: the tool's `x-mcp-header` parameters, to mirror as `Mcp-Param-*` headers. */
  headerParams?: readonly McpHeaderParam[];
  /**
   * Answers one input request with the client's registered handlers (the same ones that answer
   * MRTR `inputRequests`). A transport to a 2025-era server calls it for the server-to-client
   * requests (`elicitation/create`, `sampling/createMessage`, `roots/list`) that arrive while this
   * request runs, so application code is the same in both eras. Rejects like the MRTR loop does
   * (an undeclared capability, a missing or failing handler).
   */
  answerInputRequest?: (request: InputRequest) => Promise<InputResponse>;
}

/**
 * The seam between the client core and a transport. In 2026-07-28 every request stands alone, so
 * a transport only needs to deliver one request and bring back its response, with the
 * notifications sent before it. Streamable HTTP, stdio and the in-memory test transport implement
 * this.
 */
export interface ClientTransport {
  /**
   * Sends one request and resolves with its response (a result or a JSON-RPC error response).
   * Rejects on transport failures (network, HTTP status without a JSON-RPC body, abort). A
   * response stream that broke before its response rejects with an `SdkError` whose code is
   * `STREAM_INTERRUPTED`: the client then re-issues the request with a new id.
   */
  send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse>;
  /**
   * A key for caches that separates authorization contexts (for example a hash of the bearer
   * token). Results marked `cacheScope: "private"` are only reused under the same key.
   */
  readonly authorizationKey?: string | undefined;
  /**
   * Works out the key of {@link authorizationKey} for the identity the NEXT request will carry
   * (for example by resolving the headers it will send and digesting `Authorization`). The result
   * cache calls it before every lookup, so a token switch never serves one user's private result
   * to the next. Preferred over {@link authorizationKey} when present.
   */
  resolveAuthorizationKey?(): Promise<string | undefined>;
  /**
   * True for transports that mirror `x-mcp-header` arguments into headers (Streamable HTTP). The
   * client then drops tools with invalid annotations from `tools/list` and refuses to call them
   * (requirements.md #122-#124).
   */
  readonly mirrorsToolHeaders?: boolean;
  /**
   * Separates servers that share one result cache (for example the endpoint URL). Default: none.
   */
  readonly cacheNamespace?: string;
}
