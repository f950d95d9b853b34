import type { TransportSendOptions } from '@tern/core-protocol';
import {
  answerServerRequest,
  discoverResultFrom,
  emulateListen,
  readInitializeResult,
  readModernMeta,
  toLegacyCapabilities,
  toLegacyParams,
  toModernResult,
} from '@tern/legacy-compat/kit';
import type { ListenHost, NegotiatedSession } from '@tern/legacy-compat/kit';
import {
  createNotification,
  createRequest,
  createResultResponse,
  isJsonRpcErrorResponse,
  JsonRpcError,
} from '@tern/jsonrpc';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type { Implementation, LegacyProtocolVersion } from '@tern/schema';
import type { PeerConnection } from './peer-connection.js';

/** What a {@link LegacyLink} needs. @internal */
export interface LegacyLinkInit {
  readonly protocolVersion: LegacyProtocolVersion;
  readonly clientInfo: Implementation;
  readonly initializeTimeoutMs: number;
  /** Ids of the transport's own requests (initialize, setLevel, subscribe). */
  readonly nextId: () => string;
}

const CHANGE_NOTIFICATIONS = new Set([
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
  'notifications/resources/updated',
]);

/**
 * A 2025-era server over stdio, in front of the modern client core: `initialize` with the
 * capabilities of the first request, then each request translated (the modern `_meta` keys go,
 * the log level becomes `logging/setLevel`, results gain `resultType`), `server/discover`
 * answered from the `InitializeResult`, `subscriptions/listen` emulated on the session's
 * notifications, and the server's own requests (elicitation, sampling, roots, ping) answered with
 * the client's input handlers, the ones that answer MRTR rounds of modern servers. @internal
 */
export class LegacyLink {
  readonly era = 'legacy';
  readonly #peer: PeerConnection;
  readonly #init: LegacyLinkInit;
  readonly #inflight = new Map<
    JsonRpcRequest['id'],
    { options: TransportSendOptions; progressToken: unknown }
  >();
  readonly #changeListeners = new Set<(notification: JsonRpcNotification) => void>();
  #session: Promise<NegotiatedSession> | undefined;
  /** The input handlers of the latest request: they answer what the server asks in between. */
  #answerer: TransportSendOptions['answerInputRequest'];

  constructor(peer: PeerConnection, init: LegacyLinkInit) {
    this.#peer = peer;
    this.#init = init;
  }

  /** Runs `initialize` with the capabilities and client info of `request` (once). */
  async open(request: JsonRpcRequest): Promise<void> {
    await (this.#session ??= this.#handshake(request));
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const session = await (this.#session ??= this.#handshake(request));
    if (request.method === 'server/discover')
      return createResultResponse(request.id, discoverResultFrom(session.initialize));
    if (request.method === 'subscriptions/listen')
      return emulateListen(this.#listenHost(session), request, options);
    this.#answerer = options.answerInputRequest ?? this.#answerer;
    const meta = readModernMeta(request);
    await this.#setLevel(session, meta.logLevel, options.signal);
    this.#inflight.set(request.id, { options, progressToken: meta.progressToken });
    try {
      const params = toLegacyParams(request.params);
      const response = await this.#peer.call(
        { ...request, ...(params === undefined ? {} : { params }) },
        options.signal,
      );
      return isJsonRpcErrorResponse(response)
        ? response
        : { ...response, result: toModernResult(response.result) };
    } catch (error) {
      if (options.signal.aborted) this.#peer.cancel(request.id, options.signal);
      throw error;
    } finally {
      this.#inflight.delete(request.id);
    }
  }

  /**
   * Answers a request of the server with the input handlers of the request that runs, or of the
   * latest one (a legacy server may ask between requests, for example `roots/list`).
   */
  request(request: JsonRpcRequest): void {
    const running = [...this.#inflight.values()].at(-1);
    const answerer = running?.options.answerInputRequest ?? this.#answerer;
    void this.#session
      ?.then((session) => answerServerRequest(request, answerer, session.declared))
      .then((response) => this.#peer.post(response));
  }

  notification(notification: JsonRpcNotification): void {
    if (CHANGE_NOTIFICATIONS.has(notification.method)) {
      for (const listener of [...this.#changeListeners]) listener(notification);
      return;
    }
    if (notification.method === 'notifications/progress') {
      const token = notification.params?.['progressToken'];
      for (const { options, progressToken } of this.#inflight.values()) {
        if (progressToken !== undefined && progressToken === token)
          options.onNotification?.(notification);
      }
      return;
    }
    if (notification.method === 'notifications/message') {
      for (const { options } of this.#inflight.values()) options.onNotification?.(notification);
    }
  }

  /** The process is gone: emulated listen streams end (and reconnect through the client core). */
  ended(): void {
    void this.#session?.then(
      (session) => session.ended.abort(),
      () => undefined,
    );
  }

  async #handshake(request: JsonRpcRequest): Promise<NegotiatedSession> {
    const meta = readModernMeta(request);
    const params = {
      protocolVersion: this.#init.protocolVersion,
      capabilities: toLegacyCapabilities(meta.capabilities),
      clientInfo: meta.clientInfo ?? this.#init.clientInfo,
    };
    const response = await this.#peer.call(
      createRequest(this.#init.nextId(), 'initialize', params),
      AbortSignal.timeout(this.#init.initializeTimeoutMs),
    );
    if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
    const checked = readInitializeResult(response.result, params.protocolVersion);
    this.#peer.post(createNotification('notifications/initialized'));
    return {
      sessionId: undefined,
      protocolVersion: checked.protocolVersion,
      initialize: checked.result,
      declared: meta.capabilities ?? {},
      logLevel: undefined,
      ended: new AbortController(),
      standalone: undefined,
    };
  }

  /** Legacy servers keep one log level per session: a request asking for another one sets it first. */
  async #setLevel(
    session: NegotiatedSession,
    level: NegotiatedSession['logLevel'],
    signal: AbortSignal,
  ): Promise<void> {
    if (
      level === undefined ||
      level === session.logLevel ||
      session.initialize.capabilities.logging === undefined
    )
      return;
    const response = await this.#peer.call(
      createRequest(this.#init.nextId(), 'logging/setLevel', { level }),
      signal,
    );
    if (!isJsonRpcErrorResponse(response)) session.logLevel = level;
  }

  #listenHost(session: NegotiatedSession): ListenHost {
    return {
      session,
      call: (method, params, signal) =>
        this.#peer.call(createRequest(this.#init.nextId(), method, params), signal),
      addChangeListener: (listener) => {
        this.#changeListeners.add(listener);
        return () => this.#changeListeners.delete(listener);
      },
      // Everything a stdio server sends arrives on its stdout: there is no stream to open.
      openStandalone: () => Promise.resolve(true),
    };
  }
}
