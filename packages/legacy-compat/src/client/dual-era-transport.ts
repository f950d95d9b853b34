/**
 * A client transport that talks to both eras of MCP servers over HTTP: modern (2026-07-28) ones
 * through the modern Streamable HTTP transport, legacy (2025-11-25, 2025-06-18, 2025-03-26) ones
 * through an `initialize`d session, with the same `McpClient` and the same input handlers.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */
import type { AuthProvider, ClientTransport, TransportSendOptions } from '@tern/core-protocol';
import { JsonRpcErrorCode } from '@tern/jsonrpc';
import type { JsonRpcErrorObject, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type {
  Implementation,
  LegacyProtocolVersion,
  LoggingMessageNotificationParams,
} from '@tern/schema';
import type { InitializeResult } from '@tern/schema/legacy';
import { probeServerEra } from './detect-era.js';
import { eraKeyFor, sharedEraStore } from './era-store.js';
import type { EraStore, ServerEra } from './era-store.js';
import { statusOf, untilAborted } from './legacy-http.js';
import { LegacyClientSession } from './legacy-client-session.js';

/** Extra headers: fixed, or computed before each HTTP request (for example a fresh bearer token). */
export type DualEraHeaders = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/** What the modern transport is built from: the same endpoint, fetch and headers. */
export interface ModernTransportInit {
  url: string;
  fetch?: typeof fetch;
  headers?: DualEraHeaders;
  authProvider?: AuthProvider;
}

/**
 * Builds the transport for modern servers, normally
 * `(init) => new StreamableHttpTransport(init)` from `@tern/client-http`. It is injected because
 * `@tern/legacy-compat` must not depend on `@tern/client-http` (STYLE c.3).
 */
export type ModernTransportFactory = (init: ModernTransportInit) => ClientTransport;

/** Options of {@link DualEraTransport}. */
export interface DualEraTransportOptions {
  /** The MCP endpoint, e.g. `https://host/mcp`. */
  url: string | URL;
  /** Builds the transport used once the server turned out modern. */
  modern: ModernTransportFactory;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Headers added to every HTTP request of both eras (for example `Authorization`). */
  headers?: DualEraHeaders;
  /**
   * Authorizes every HTTP request of both eras (for example `new OAuthProvider(...)` of
   * `@tern/client-auth`): the legacy requests go through it here, the modern transport gets it in
   * its init.
   */
  authProvider?: AuthProvider;
  /**
   * Where detected eras are remembered, keyed by endpoint. Default: one in-memory store shared by
   * every `DualEraTransport` of this process, so a second client does not probe again.
   */
  eraStore?: EraStore;
  /** Skip detection and use this era. Default `'auto'`: probe, then cache. */
  era?: 'auto' | ServerEra;
  /** The version asked for in `initialize`. Default `'2025-11-25'`; the server may choose an older one. */
  legacyProtocolVersion?: LegacyProtocolVersion;
  /** Client identity for `initialize` when the first request carries none in `_meta`. */
  clientInfo?: Implementation;
  /**
   * Open the legacy standalone GET stream right after `initialize`, so that requests and
   * notifications the server sends outside of a request's stream arrive (as the official 1.x
   * clients do). `subscriptions/listen` opens it on demand either way. Default `true`.
   */
  standaloneStream?: boolean;
  /**
   * How long the era probe may take before the server counts as legacy, in ms. Default 10 000;
   * 300 000 with an `authProvider`, since the probe may wait for a person to authorize.
   */
  probeTimeoutMs?: number;
  /** How long the `initialize` handshake may take, in ms. Default 30 000. */
  initializeTimeoutMs?: number;
  /** Reports what went wrong in the background (an answer the server refused, a failed setLevel). */
  onWarning?: (message: string) => void;
  /**
   * The client-level log hook: receives the `notifications/message` a 2025-era server sends
   * outside any request, on its standalone GET stream (the official 1.x servers do for
   * `sendLoggingMessage` without a related request). Logs sent while a request runs go to that
   * call's `onLog` instead. Default: dropped.
   */
  onLog?: (message: LoggingMessageNotificationParams) => void;
}

const DEFAULT_CLIENT_INFO: Implementation = { name: 'tern-dual-era-client', version: '0.0.0' };

/** Modern errors that prove a 4xx came from a modern server (spec digest streamable-http.md §10). */
const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  JsonRpcErrorCode.HeaderMismatch,
  JsonRpcErrorCode.MissingRequiredClientCapability,
  JsonRpcErrorCode.UnsupportedProtocolVersion,
]);

/**
 * A {@link ClientTransport} for servers of either era.
 *
 * - **Detection.** Before the first request to an endpoint it POSTs a modern `server/discover`
 *   (the request itself when that is what is being sent): a `DiscoverResult` or a modern error
 *   (`-32020`/`-32021`/`-32022`, or 404 + `-32601`) means modern; a 400/404/405 without one, or
 *   a 2xx that is no `DiscoverResult`, means legacy. The era is cached per endpoint in
 *   `eraStore`; when a cached era later fails (a modern request refused like a legacy server
 *   would, or a refused `initialize`), it probes once more.
 * - **Modern** servers get every request through the injected modern transport, untouched.
 * - **Legacy** servers get an `initialize` handshake (capabilities from the request's `_meta`,
 *   version 2025-11-25 with fallback to the server's choice of 2025-06-18 or 2025-03-26), then
 *   each request without the modern `_meta` keys, with `Mcp-Session-Id` and
 *   `MCP-Protocol-Version`; results come back with `resultType: "complete"`. A `logLevel` becomes
 *   `logging/setLevel`; `server/discover` is answered from the `InitializeResult`;
 *   `subscriptions/listen` is emulated (standalone GET stream plus `resources/subscribe`).
 *   Requests the server sends meanwhile (`elicitation/create`, `sampling/createMessage`,
 *   `roots/list`) are answered through `answerInputRequest`, i.e. the client's own input handlers,
 *   and `ping` with `{}`. A 404 for the session starts a new session and re-sends, once. Aborting
 *   sends `notifications/cancelled`.
 *
 * Errors of the legacy path are `SdkError`s: `HTTP_ERROR` with `data: { status, body, error,
 * method }`, `STREAM_INTERRUPTED`, `NO_COMMON_PROTOCOL_VERSION`, `INVALID_RESULT`.
 *
 * @example
 * ```ts
 * const transport = new DualEraTransport({
 *   url: 'https://example.com/mcp',
 *   modern: (init) => new StreamableHttpTransport(init),
 * });
 * const client = new McpClient({ name: 'agent', version: '1.0.0' }, { transport, handlers });
 * await client.callTool('deploy'); // works against 2026-07-28 and 2025-era servers alike
 * ```
 */
export class DualEraTransport implements ClientTransport {
  readonly #url: string;
  readonly #key: string;
  readonly #options: DualEraTransportOptions;
  readonly #fetch: typeof fetch;
  readonly #store: EraStore;
  readonly #modern: ClientTransport;
  readonly #legacy: LegacyClientSession;
  #era: ServerEra | undefined;
  #detecting: Promise<ServerEra | undefined> | undefined;

  constructor(options: DualEraTransportOptions) {
    this.#url = String(options.url);
    this.#key = eraKeyFor(this.#url);
    this.#options = options;
    const base: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
    const provider = options.authProvider;
    this.#fetch =
      provider === undefined
        ? base
        : (input, init) => provider.fetch(urlOf(input), init ?? {}, base);
    this.#store = options.eraStore ?? sharedEraStore;
    this.#era = options.era === 'auto' ? undefined : options.era;
    this.#modern = options.modern({
      url: this.#url,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
      ...(provider === undefined ? {} : { authProvider: provider }),
    });
    this.#legacy = new LegacyClientSession({
      url: this.#url,
      fetch: this.#fetch,
      headers: () => this.#headers(),
      protocolVersion: options.legacyProtocolVersion ?? '2025-11-25',
      clientInfo: options.clientInfo ?? DEFAULT_CLIENT_INFO,
      standaloneStream: options.standaloneStream ?? true,
      initializeTimeoutMs: options.initializeTimeoutMs ?? 30_000,
      onWarning: options.onWarning ?? (() => undefined),
      onLog: options.onLog ?? (() => undefined),
    });
  }

  /** The URL of the MCP endpoint. */
  get url(): string {
    return this.#url;
  }

  /** The era in use, once known. */
  get era(): ServerEra | undefined {
    return this.#era;
  }

  /** The legacy session's `InitializeResult` (server info, capabilities, instructions), while one is up. */
  get initializeResult(): InitializeResult | undefined {
    return this.#legacy.negotiated?.initialize;
  }

  /** The protocol version negotiated with a legacy server, while a session is up. */
  get legacyProtocolVersion(): LegacyProtocolVersion | undefined {
    return this.#legacy.negotiated?.protocolVersion;
  }

  /** Header mirroring is a modern-only feature: on for modern (and unknown) servers. */
  get mirrorsToolHeaders(): boolean {
    return this.#era === 'legacy' ? false : this.#modern.mirrorsToolHeaders === true;
  }

  /** The modern transport's key, derived from the same headers. */
  get authorizationKey(): string | undefined {
    return this.#modern.authorizationKey;
  }

  /** The modern transport's key for the identity the next request will carry. */
  async resolveAuthorizationKey(): Promise<string | undefined> {
    return this.#modern.resolveAuthorizationKey === undefined
      ? this.#modern.authorizationKey
      : this.#modern.resolveAuthorizationKey();
  }

  /** Results of different endpoints never share a cache entry. */
  get cacheNamespace(): string {
    return this.#url;
  }

  /**
   * Sends `request` to the server in its era and resolves with the modern response.
   *
   * @throws what the modern transport throws for modern servers, the legacy errors listed on the
   *   class for legacy ones, or the abort reason
   */
  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    // An era known before this request may be stale: its failure earns one more probe.
    if (this.#era !== undefined)
      return this.#sendIn(request, options, { era: this.#era, mayBeStale: true });
    const detected = await this.#detect(request, options.signal);
    if (detected.response !== undefined) return detected.response;
    return this.#sendIn(request, options, {
      era: detected.era,
      mayBeStale: detected.fromStore === true,
    });
  }

  /** Ends a legacy session (`DELETE`, streams closed). Modern servers keep no session. */
  async close(): Promise<void> {
    await this.#legacy.close();
  }

  async #sendIn(
    request: JsonRpcRequest,
    options: TransportSendOptions,
    { era, mayBeStale }: { era: ServerEra | undefined; mayBeStale: boolean },
  ): Promise<JsonRpcResponse> {
    // Nothing learned (401, 5xx, network): the modern transport reports the failure in its terms.
    if (era === 'legacy') return this.#sendLegacy(request, options, mayBeStale);
    return this.#sendModern(request, options, mayBeStale && era === 'modern');
  }

  async #sendModern(
    request: JsonRpcRequest,
    options: TransportSendOptions,
    mayBeStale: boolean,
  ): Promise<JsonRpcResponse> {
    try {
      return await this.#modern.send(request, options);
    } catch (error) {
      // A cached "modern" that now gets a legacy-style refusal: the server changed; probe again.
      if (!mayBeStale || !isLegacyRefusal(error)) throw error;
      const again = await this.#redetect(request, options.signal);
      if (again !== 'legacy') throw error;
      return this.#legacy.request(request, options);
    }
  }

  async #sendLegacy(
    request: JsonRpcRequest,
    options: TransportSendOptions,
    mayBeStale: boolean,
  ): Promise<JsonRpcResponse> {
    try {
      return await this.#legacy.request(request, options);
    } catch (error) {
      // A cached "legacy" whose initialize is refused: the server may be modern now; probe again.
      if (!mayBeStale || !isRefusedHandshake(error)) throw error;
      const again = await this.#redetect(request, options.signal);
      if (again !== 'modern') throw error;
      return this.#modern.send(request, options);
    }
  }

  /** The era from the store, or from a probe (one probe for concurrent requests). */
  async #detect(
    request: JsonRpcRequest,
    signal: AbortSignal,
  ): Promise<{ era: ServerEra | undefined; response?: JsonRpcResponse; fromStore?: boolean }> {
    const stored = await this.#store.get(this.#key);
    if (stored !== undefined) {
      this.#era ??= stored;
      return { era: stored, fromStore: true };
    }
    // A server/discover request is its own probe, and its answer is kept.
    if (request.method === 'server/discover') return this.#probe(request, signal, true);
    // Shared by concurrent requests: bounded by the probe timeout only, never by one caller's abort.
    this.#detecting ??= this.#probe(request, new AbortController().signal, false)
      .then((outcome) => outcome.era)
      .finally(() => {
        this.#detecting = undefined;
      });
    return { era: await untilAborted(this.#detecting, signal) };
  }

  async #redetect(request: JsonRpcRequest, signal: AbortSignal): Promise<ServerEra | undefined> {
    this.#era = undefined;
    await this.#store.delete(this.#key);
    const outcome = await this.#probe(request, signal, false);
    return outcome.era;
  }

  async #probe(
    request: JsonRpcRequest,
    signal: AbortSignal,
    sendRequest: boolean,
  ): Promise<{ era: ServerEra | undefined; response?: JsonRpcResponse }> {
    const outcome = await probeServerEra({
      url: this.#url,
      fetch: this.#fetch,
      headers: await this.#headers(),
      request,
      sendRequest,
      signal,
      timeoutMs: this.#probeTimeout(),
    });
    if (outcome.era !== undefined) {
      this.#era = outcome.era;
      await this.#store.set(this.#key, outcome.era);
    }
    return outcome;
  }

  #probeTimeout(): number {
    // Through an auth provider the probe may wait for a person to authorize.
    return this.#options.probeTimeoutMs ?? (this.#options.authProvider === undefined ? 10_000 : 300_000);
  }

  async #headers(): Promise<Headers> {
    const option = this.#options.headers;
    if (option === undefined) return new Headers();
    return new Headers(typeof option === 'function' ? await option() : option);
  }
}

/**
 * A modern transport's HTTP error that a legacy server would produce: 400/404/405 without a
 * recognised modern error in the body.
 */
function isLegacyRefusal(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 400 && status !== 404 && status !== 405) return false;
  const body = (error as { error?: JsonRpcErrorObject }).error;
  if (body === undefined) return true;
  return (
    !MODERN_ERROR_CODES.has(body.code) &&
    !(status === 404 && body.code === JsonRpcErrorCode.MethodNotFound)
  );
}

/** A legacy handshake the server refused (HTTP status or version), not a network failure. */
function isRefusedHandshake(error: unknown): boolean {
  const data = (error as { data?: { method?: unknown } } | undefined)?.data;
  return data?.method === 'initialize';
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
