/**
 * The Streamable HTTP client transport of MCP 2026-07-28.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports
 */
import type { ClientTransport, TransportSendOptions } from '@tern/core-protocol';
import type {
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { HttpError, StreamInterruptedError } from './errors.js';
import { setMcpRequestHeaders } from './mcp-request-headers.js';
import { jsonRpcErrorOf, readResponse } from './read-response.js';
import type { ResponseOutcome } from './read-response.js';
import { abortReason } from './abort-reason.js';

/** Extra headers: fixed, or computed before each POST (for example a fresh bearer token). */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/** Options of {@link StreamableHttpTransport}. */
export interface StreamableHttpTransportOptions {
  /** The MCP endpoint, e.g. `https://host/mcp`. */
  url: string | URL;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Headers added to every POST (for example `Authorization`). The MCP headers derived from the
   * body (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`, `Mcp-Param-*`, `Accept`,
   * `Content-Type`) always win over these.
   */
  headers?: HeadersOption;
  /**
   * The key that separates authorization contexts in the client cache (`cacheScope: "private"`
   * results are reused only under the same key). Default: a SHA-256 digest (WebCrypto, 32 hex
   * digits) of the `Authorization` header the next request will carry, or `undefined` without one.
   * With a `headers` function, the cache resolves it (calls the function) before every lookup, so
   * a token switch never serves one identity's private result to another.
   */
  authorizationKey?: string | (() => string | undefined);
  /** Most characters one SSE event may hold. Default 16 Mi. */
  maxEventSize?: number;
}

/** Options of {@link StreamableHttpTransport.notify}. */
export interface NotifyOptions {
  signal?: AbortSignal;
}

/**
 * A {@link ClientTransport} over Streamable HTTP, built on `fetch`, for any JavaScript runtime.
 *
 * - Every request is its own POST with the MCP headers derived from its body (requirements #103,
 *   #104, #115, #116, #120-#128, #133).
 * - A JSON or SSE response resolves with the JSON-RPC response; SSE notifications before it go to
 *   `onNotification`; keep-alive comments are ignored (#108, #113).
 * - Aborting the signal closes the connection, which is how 2026-07-28 cancels (#84, #86, #114).
 *   The transport adds no timeout of its own, so long-lived `subscriptions/listen` streams stay
 *   open as long as the caller's signal allows.
 * - A response stream that breaks before the response rejects with
 *   {@link StreamInterruptedError} (code `STREAM_INTERRUPTED`); `McpClient` then re-issues the
 *   request with a new id, a bounded number of times (#142).
 * - A non-2xx response with a JSON-RPC error for the request resolves as that error; without one it
 *   rejects with {@link HttpError}.
 *
 * @example
 * ```ts
 * const transport = new StreamableHttpTransport({
 *   url: 'https://example.com/mcp',
 *   headers: () => ({ Authorization: `Bearer ${getToken()}` }),
 * });
 * const client = new McpClient({ name: 'agent', version: '1.0.0' }, { transport });
 * const { tools } = await client.listTools();
 * ```
 */
export class StreamableHttpTransport implements ClientTransport {
  /** Annotated tool arguments are mirrored into `Mcp-Param-*` headers (requirements #122). */
  readonly mirrorsToolHeaders = true;
  readonly #url: string;
  readonly #fetch: typeof fetch;
  readonly #options: StreamableHttpTransportOptions;
  #lastAuthorization: string | null = null;
  #lastKey: string | undefined;

  constructor(options: StreamableHttpTransportOptions) {
    this.#url = String(options.url);
    this.#options = options;
    const custom = options.fetch;
    // Calling the global fetch as a method of another object fails in browsers, so wrap it.
    this.#fetch = custom ?? ((input, init) => fetch(input, init));
  }

  /** The URL of the MCP endpoint. */
  get url(): string {
    return this.#url;
  }

  /**
   * The explicit key, or the digest of the `Authorization` header last resolved or sent (see
   * {@link StreamableHttpTransportOptions.authorizationKey}). Prefer
   * {@link resolveAuthorizationKey}, which looks at the header the next request will carry.
   */
  get authorizationKey(): string | undefined {
    const option = this.#options.authorizationKey;
    if (typeof option === 'function') return option();
    return option ?? this.#lastKey;
  }

  /** The cache key of the identity the next request will carry (it resolves the headers). */
  async resolveAuthorizationKey(): Promise<string | undefined> {
    const option = this.#options.authorizationKey;
    if (typeof option === 'function') return option();
    if (option !== undefined) return option;
    await this.#extraHeaders();
    return this.#lastKey;
  }

  /**
   * POSTs `request` and resolves with its JSON-RPC response (a result or an error response).
   *
   * @throws HttpError when the HTTP response carries no JSON-RPC response for the request
   * @throws StreamInterruptedError when the stream broke before the response arrived
   * @throws the abort reason when `options.signal` aborts
   */
  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const outcome = await this.#attempt(request, options);
    if (outcome.kind === 'response') return outcome.response;
    // The spec has no resumption: the caller sends the request again with a new id (#142).
    throw new StreamInterruptedError(
      `The response stream of ${request.method} broke before its response arrived`,
      { method: request.method, cause: outcome.cause },
    );
  }

  /**
   * POSTs a notification and resolves once the server accepted it (any 2xx, normally 202).
   * 2026-07-28 defines no client notifications on HTTP; this serves extensions and older revisions.
   *
   * @throws HttpError when the server refused it (the JSON-RPC error of the body, if any, is on
   *   `error`), or the abort reason
   */
  async notify(notification: JsonRpcNotification, options: NotifyOptions = {}): Promise<void> {
    const signal = options.signal ?? new AbortController().signal;
    const response = await this.#fetch(
      this.#url,
      await this.#requestInit(notification, [], signal),
    );
    const body = await response.text().catch(() => '');
    if (response.ok) return;
    throw new HttpError(`HTTP ${response.status} for the ${notification.method} notification`, {
      status: response.status,
      headers: response.headers,
      body: body.slice(0, 64 * 1024),
      error: jsonRpcErrorOf(body),
    });
  }

  async #attempt(request: JsonRpcRequest, options: TransportSendOptions): Promise<ResponseOutcome> {
    // Outside the try: a failing headers function is the caller's error, not a lost request.
    const init = await this.#requestInit(request, options.headerParams ?? [], options.signal);
    let response: Response;
    try {
      response = await this.#fetch(this.#url, init);
    } catch (error) {
      if (options.signal.aborted) throw abortReason(options.signal);
      // The request may never have reached the server (connection refused, reset): a lost request.
      return { kind: 'broken', cause: error };
    }
    return readResponse(response, {
      id: request.id,
      method: request.method,
      signal: options.signal,
      onNotification: options.onNotification,
      maxEventSize: this.#options.maxEventSize,
    });
  }

  async #requestInit(
    message: JsonRpcRequest | JsonRpcNotification,
    headerParams: NonNullable<TransportSendOptions['headerParams']>,
    signal: AbortSignal,
  ): Promise<RequestInit> {
    const headers = new Headers(await this.#extraHeaders());
    setMcpRequestHeaders(headers, message, headerParams);
    return { method: 'POST', headers, body: JSON.stringify(message), signal };
  }

  async #extraHeaders(): Promise<HeadersInit> {
    const option = this.#options.headers;
    if (option === undefined) return {};
    const headers = typeof option === 'function' ? await option() : option;
    await this.#remember(new Headers(headers));
    return headers;
  }

  /** Keeps the default cache key in step with the `Authorization` header (WebCrypto SHA-256). */
  async #remember(headers: Headers): Promise<void> {
    const authorization = headers.get('authorization');
    if (authorization === this.#lastAuthorization) return;
    const key = authorization === null ? undefined : await digestHex(authorization);
    this.#lastAuthorization = authorization;
    this.#lastKey = key;
  }
}

/** The first 32 hex digits of SHA-256 over the UTF-8 of `text`. */
async function digestHex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
