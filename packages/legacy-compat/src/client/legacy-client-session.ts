/**
 * One legacy (2025-era) Streamable HTTP session, run on behalf of a modern client: the
 * `initialize` handshake, the session and version headers, translated requests, server-to-client
 * requests answered with the client's input handlers, and resumption of broken response streams.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { TransportSendOptions } from '@tern/core-protocol';
import {
  createErrorResponse,
  createNotification,
  createRequest,
  createResultResponse,
  isJsonRpcErrorResponse,
} from '@tern/jsonrpc';
import type {
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { HttpHeader, LoggingMessageNotificationParamsSchema } from '@tern/schema';
import type {
  Implementation,
  LegacyProtocolVersion,
  LoggingLevel,
  LoggingMessageNotificationParams,
} from '@tern/schema';
import { handshake } from './handshake.js';
import type { NegotiatedSession } from './handshake.js';
import { emulateListen } from './legacy-listen.js';
import { createExchange, isSessionExpired, pumpExchange } from './legacy-exchange.js';
import { MessageRouter } from './message-router.js';
import type { Exchange, ExchangeIo } from './legacy-exchange.js';
import { delay, httpError, LEGACY_ACCEPT, readText, untilAborted } from './legacy-http.js';
import { answerServerRequest } from './server-requests.js';
import type { InputAnswerer } from './server-requests.js';
import { StandaloneStream } from './standalone-stream.js';
import { discoverResultFrom, readModernMeta, toLegacyParams, toModernResult } from './translate.js';

/** What a {@link LegacyClientSession} needs. */
export interface LegacyClientSessionOptions {
  url: string;
  fetch: typeof fetch;
  /** The application's extra headers, resolved before each HTTP request. */
  headers: () => Promise<Headers>;
  /** The version requested in `initialize`. */
  protocolVersion: LegacyProtocolVersion;
  /** Used in `initialize` when the first request carries no client info. */
  clientInfo: Implementation;
  /** Open the standalone GET stream right after the handshake. */
  standaloneStream: boolean;
  initializeTimeoutMs: number;
  onWarning: (message: string) => void;
  /** Receives `notifications/message` that belong to no request (the standalone stream's). */
  onLog: (params: LoggingMessageNotificationParams) => void;
}

/** Options of one exchange. */
interface ExchangeOptions {
  signal: AbortSignal;
  onNotification?: ((notification: JsonRpcNotification) => void) | undefined;
  answer?: InputAnswerer | undefined;
}

/** How long the handshake waits for the standalone stream to come up, in ms. */
const STANDALONE_WAIT_MS = 1000;

/**
 * A legacy session. It is created lazily by the first request, re-created once when the server
 * answers 404 for it (2025-11-25: the client must start a new session), and shared by every
 * request of the transport.
 */
export class LegacyClientSession {
  readonly #options: LegacyClientSessionOptions;
  #negotiated: NegotiatedSession | undefined;
  #starting: Promise<NegotiatedSession> | undefined;
  /** JSON-RPC ids of this transport's legacy messages: unique within a session, never reused. */
  #nextId = 0;
  readonly #router: MessageRouter;

  constructor(options: LegacyClientSessionOptions) {
    this.#options = options;
    this.#router = new MessageRouter((notification) => {
      const params = LoggingMessageNotificationParamsSchema.safeParse(notification.params);
      if (params.success) options.onLog(params.data);
      else options.onWarning('Ignored a notifications/message with invalid params');
    });
  }

  /** What `initialize` negotiated, while a session is up. */
  get negotiated(): NegotiatedSession | undefined {
    return this.#negotiated;
  }

  /**
   * Sends a modern request over the session and resolves with its modern response (same id,
   * `resultType` added). `server/discover` is answered from the `InitializeResult` and
   * `subscriptions/listen` is emulated with the standalone stream and `resources/subscribe`.
   *
   * @throws SdkError `HTTP_ERROR` (data `{ status, body, error, method }`), `STREAM_INTERRUPTED`,
   *   `NO_COMMON_PROTOCOL_VERSION` or `INVALID_RESULT` (handshake), or the abort reason
   */
  async request(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const session = await this.#ready(request, options.signal);
      try {
        return await this.#requestIn(session, request, options);
      } catch (error) {
        // A 404 for the session: start a new one and send the request again, once.
        if (!isSessionExpired(error) || attempt > 0) throw error;
      }
    }
  }

  /** Ends the session: closes the streams and sends `DELETE` (a 405 answer is fine). */
  async close(): Promise<void> {
    const session = this.#negotiated;
    if (session === undefined) return;
    this.#end(session);
    if (session.sessionId === undefined) return;
    try {
      const headers = await this.#headers(session, 'application/json');
      const response = await this.#options.fetch(this.#options.url, {
        method: 'DELETE',
        headers,
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel().catch(() => undefined);
    } catch {
      // The server forgets idle sessions anyway.
    }
  }

  async #ready(request: JsonRpcRequest, signal: AbortSignal): Promise<NegotiatedSession> {
    if (this.#negotiated !== undefined) return this.#negotiated;
    // One handshake for every request that arrives meanwhile. It is not tied to the signal of
    // the request that started it (initialize must not be cancelled), only to its own timeout.
    this.#starting ??= this.#start(request).finally(() => {
      this.#starting = undefined;
    });
    return untilAborted(this.#starting, signal);
  }

  async #start(request: JsonRpcRequest): Promise<NegotiatedSession> {
    const meta = readModernMeta(request);
    const signal = AbortSignal.timeout(this.#options.initializeTimeoutMs);
    const session = await handshake({
      url: this.#options.url,
      fetch: this.#options.fetch,
      headers: this.#options.headers,
      protocolVersion: this.#options.protocolVersion,
      capabilities: meta.capabilities,
      clientInfo: meta.clientInfo ?? this.#options.clientInfo,
      nextId: () => this.#nextId++,
      signal,
    });
    try {
      await this.#post(session, createNotification('notifications/initialized'), { signal });
    } catch (error) {
      this.#options.onWarning(`notifications/initialized was refused: ${describe(error)}`);
    }
    if (this.#options.standaloneStream) await this.#openStandalone(session, STANDALONE_WAIT_MS);
    // Published only now: no request may overtake notifications/initialized (2025-11-25 lifecycle).
    if (!session.ended.signal.aborted) this.#negotiated = session;
    return session;
  }

  async #requestIn(
    session: NegotiatedSession,
    request: JsonRpcRequest,
    options: TransportSendOptions,
  ): Promise<JsonRpcResponse> {
    if (request.method === 'server/discover') {
      return createResultResponse(request.id, discoverResultFrom(session.initialize));
    }
    if (request.method === 'subscriptions/listen') {
      return emulateListen(
        {
          session,
          call: (method, params, signal) =>
            this.#exchange(session, createRequest(this.#nextId++, method, params), { signal }),
          addChangeListener: (listener) => this.#router.addChangeListener(listener),
          openStandalone: () => this.#openStandalone(session, 5000),
        },
        request,
        options,
      );
    }
    const meta = readModernMeta(request);
    await this.#syncLogLevel(session, meta.logLevel, options.signal);
    const message = createRequest(this.#nextId++, request.method, toLegacyParams(request.params));
    const response = await this.#exchange(session, message, {
      signal: options.signal,
      onNotification: options.onNotification,
      answer: options.answerInputRequest,
    });
    return isJsonRpcErrorResponse(response)
      ? createErrorResponse(request.id, response.error)
      : createResultResponse(request.id, toModernResult(response.result));
  }

  /**
   * `_meta` logLevel is per request in 2026-07-28 and per session in 2025: a new level becomes a
   * `logging/setLevel` call first (only when the server has the `logging` capability). A failure
   * costs the logs, not the request.
   */
  async #syncLogLevel(
    session: NegotiatedSession,
    level: LoggingLevel | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    if (
      level === undefined ||
      level === session.logLevel ||
      session.initialize.capabilities.logging === undefined
    )
      return;
    const previous = session.logLevel;
    session.logLevel = level;
    try {
      const response = await this.#exchange(
        session,
        createRequest(this.#nextId++, 'logging/setLevel', { level }),
        { signal },
      );
      if (isJsonRpcErrorResponse(response)) throw new Error(response.error.message);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      session.logLevel = previous;
      this.#options.onWarning(`logging/setLevel ${level} failed: ${describe(error)}`);
    }
  }

  /** Sends one legacy request and waits for its response on whichever stream carries it. */
  async #exchange(
    session: NegotiatedSession,
    message: JsonRpcRequest,
    options: ExchangeOptions,
  ): Promise<JsonRpcResponse> {
    const { signal } = options;
    if (signal.aborted) throw signal.reason;
    const { exchange, done, fail } = createExchange({
      onNotification: options.onNotification,
      answer: options.answer,
      progressToken: readModernMeta(message).progressToken,
    });
    const controller = new AbortController();
    const onAbort = (): void => {
      fail(signal.reason);
      // Legacy HTTP: a closed stream is no cancellation; the client must say so explicitly.
      this.#cancel(session, message.id, describe(signal.reason));
    };
    const untrack = this.#router.track(message.id, exchange);
    signal.addEventListener('abort', onAbort, { once: true });
    const io: ExchangeIo = {
      post: (request, postSignal) =>
        this.#post(session, request, { signal: postSignal, keepBody: true }),
      resume: (lastEventId, getSignal) => this.#get(session, lastEventId, getSignal),
      dispatch: (received, owner) => this.#dispatch(session, received, owner),
      sessionGone: () => this.#end(session),
      hasSession: session.sessionId !== undefined,
      signal: controller.signal,
    };
    void pumpExchange(io, message, exchange).then(() => {
      if (exchange.isSettled()) return;
      // The stream is gone for good: tell the server to stop, then report it.
      this.#cancel(session, message.id, 'The response stream was lost');
      fail(
        new SdkError(
          SdkErrorCode.StreamInterrupted,
          `The response stream of ${message.method} broke before its response arrived`,
          { data: { method: message.method } },
        ),
      );
    }, fail);
    try {
      return await done;
    } finally {
      signal.removeEventListener('abort', onAbort);
      controller.abort();
      untrack();
    }
  }

  /** `notifications/cancelled` for a request of the session (best effort). */
  #cancel(session: NegotiatedSession, requestId: JsonRpcId, reason: string): void {
    const cancel = createNotification('notifications/cancelled', { requestId, reason });
    this.#post(session, cancel, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  }

  /** Routes one message from any stream of the session; server requests get answered. */
  #dispatch(
    session: NegotiatedSession,
    message: JsonRpcMessage,
    exchange: Exchange | undefined,
  ): void {
    const ask = this.#router.route(message, exchange);
    if (ask !== undefined) void this.#answer(session, ask.request, ask.answer);
  }

  /** Answers a server-to-client request and POSTs the response back (the server answers 202). */
  async #answer(
    session: NegotiatedSession,
    request: JsonRpcRequest,
    answer: InputAnswerer | undefined,
  ): Promise<void> {
    const response = await answerServerRequest(request, answer, session.declared);
    try {
      await this.#post(session, response, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      this.#options.onWarning(
        `The answer to the server's ${request.method} was not delivered: ${describe(error)}`,
      );
    }
  }

  async #openStandalone(session: NegotiatedSession, waitMs: number): Promise<boolean> {
    if (session.standalone === undefined || session.standalone.lost.aborted) {
      session.standalone = new StandaloneStream(
        {
          open: (lastEventId, signal) => this.#get(session, lastEventId, signal),
          dispatch: (message) => this.#dispatch(session, message, undefined),
          onSessionGone: () => this.#end(session),
        },
        session.sessionId !== undefined,
      );
    }
    const timer = new AbortController();
    const opened = await Promise.race([
      session.standalone.opened,
      delay(waitMs, timer.signal).then(() => false),
    ]);
    timer.abort();
    return opened || session.standalone.isOpen;
  }

  /** Forgets a session that ended (404, close): its streams stop and its listeners are told. */
  #end(session: NegotiatedSession): void {
    if (this.#negotiated === session) this.#negotiated = undefined;
    session.standalone?.close();
    session.ended.abort();
  }

  /**
   * POSTs a JSON-RPC message with the session headers. A notification or response must be
   * accepted (2xx, normally 202); a request's response is returned unread when `keepBody` is set.
   */
  async #post(
    session: NegotiatedSession,
    message: JsonRpcMessage,
    options: { signal: AbortSignal; keepBody?: boolean },
  ): Promise<Response> {
    const { signal } = options;
    const headers = await this.#headers(session, LEGACY_ACCEPT);
    headers.set('Content-Type', 'application/json');
    const response = await this.#options.fetch(this.#options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(message),
      signal,
    });
    if (options.keepBody === true) return response;
    const body = await readText(response);
    if (!response.ok)
      throw httpError('method' in message ? message.method : 'a response', response, body);
    return response;
  }

  async #get(
    session: NegotiatedSession,
    lastEventId: string | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const headers = await this.#headers(session, 'text/event-stream');
    if (lastEventId !== undefined) headers.set(HttpHeader.LastEventId, lastEventId);
    return this.#options.fetch(this.#options.url, { method: 'GET', headers, signal });
  }

  /** The application's headers plus `Accept`, the session id and (2025-06-18+) the version. */
  async #headers(session: NegotiatedSession, accept: string): Promise<Headers> {
    const headers = await this.#options.headers();
    headers.set('Accept', accept);
    if (session.sessionId !== undefined) headers.set(HttpHeader.SessionId, session.sessionId);
    // The header exists since 2025-06-18; a 2025-03-26 server does not know it.
    if (session.protocolVersion !== '2025-03-26')
      headers.set(HttpHeader.ProtocolVersion, session.protocolVersion);
    return headers;
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
