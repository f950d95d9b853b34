import type { AuthInfo } from '@tern/core-protocol';
import { RequestIdAllocator } from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import type {
  ClientCapabilities,
  Implementation,
  LegacyProtocolVersion,
  LoggingLevel,
} from '@tern/schema';
import type { LegacyClientCapabilities, LegacyServerCapabilities } from '@tern/schema/legacy';
import { EventStream } from './event-stream.js';
import { ReplayBuffer } from './replay-buffer.js';
import { ASK_ID_SEPARATOR } from './session-backplane.js';
import type { SharedSessionState } from './session-backplane.js';
import type { SubscriptionIndex } from './subscription-index.js';

/** What a session is opened with. @internal */
export interface LegacySessionInit {
  id: string;
  protocolVersion: LegacyProtocolVersion;
  clientInfo: Implementation;
  clientCapabilities: LegacyClientCapabilities;
  /** The client capabilities in the 2026 shape, as handlers see them in every request's envelope. */
  envelopeCapabilities: ClientCapabilities;
  /** What the `InitializeResult` advertised: session-wide, as legacy revisions define it. */
  serverCapabilities: LegacyServerCapabilities;
  principal: string | undefined;
  /** Whom the session counts against (principal, else peer address; see `clientKey`). */
  client: string | undefined;
  logLevel: LoggingLevel | undefined;
  replay: { maxEvents: number; maxBytes: number };
  /** When `initialize` opened the session (a copy on another instance keeps the original's). */
  openedAt?: number;
  /**
   * Tags the ids of this instance's asks (`node~1`), so an answer posted to another instance finds
   * its way back. Default: plain numbers (one instance).
   */
  askNode?: string;
  /** Called after the client changed the state (initialized, log level, subscriptions). */
  onStateChange?: (session: LegacySession) => Promise<void>;
  /** The layer's index of subscriptions, kept in step with this session's. */
  subscriptionIndex?: SubscriptionIndex;
}

/** A request of the session that is running. @internal */
export interface RunningRequest {
  /** Aborted by `notifications/cancelled` or the end of the session; the handler's `ctx.signal`. */
  readonly controller: AbortController;
}

/**
 * One legacy session (2025-03-26 to 2025-11-25 Streamable HTTP): what `initialize` negotiated,
 * the log level and resource subscriptions the client set since, and the live parts (requests in
 * flight, server-to-client requests awaiting answers, SSE streams and their replay buffer).
 * Created by the legacy layer; a {@link SessionStore} only keeps it.
 */
export class LegacySession {
  /** The `Mcp-Session-Id`. */
  readonly id: string;
  /** The negotiated revision. */
  readonly protocolVersion: LegacyProtocolVersion;
  /** The client's `clientInfo`. */
  readonly clientInfo: Implementation;
  /** The client's capabilities as sent in `initialize`. */
  readonly clientCapabilities: LegacyClientCapabilities;
  /** The capabilities advertised to this client in the `InitializeResult`. */
  readonly serverCapabilities: LegacyServerCapabilities;
  /** @internal */
  readonly envelopeCapabilities: ClientCapabilities;
  /** @internal The principal that opened the session; later requests must come from it. */
  readonly principal: string | undefined;
  /** @internal Whom quotas count this session against. */
  readonly client: string | undefined;
  /** When `initialize` opened the session (epoch milliseconds). */
  readonly openedAt: number;
  readonly #subscriptions = new Set<string>();
  /** @internal */
  readonly buffer: ReplayBuffer;
  /** @internal Ids of the server's own requests to the client. */
  readonly ids = new RequestIdAllocator();
  /** @internal Requests running, by JSON-RPC id key. */
  readonly running = new Map<string, RunningRequest>();
  readonly #asks = new Map<JsonRpcId, (response: JsonRpcResponse) => void>();
  readonly #streams = new Map<number, EventStream>();
  #standalone: EventStream | undefined;
  #nextStream = 1;
  #logLevel: LoggingLevel | undefined;
  #initialized = false;
  #closed = false;
  #lastActivityAt = Date.now();
  readonly #askNode: string | undefined;
  readonly #onStateChange: ((session: LegacySession) => Promise<void>) | undefined;
  readonly #index: SubscriptionIndex | undefined;
  #listener: AuthInfo | undefined;

  /** @internal */
  constructor(init: LegacySessionInit) {
    this.id = init.id;
    this.openedAt = init.openedAt ?? Date.now();
    this.#askNode = init.askNode;
    this.#onStateChange = init.onStateChange;
    this.#index = init.subscriptionIndex;
    this.protocolVersion = init.protocolVersion;
    this.clientInfo = init.clientInfo;
    this.clientCapabilities = init.clientCapabilities;
    this.envelopeCapabilities = init.envelopeCapabilities;
    this.serverCapabilities = init.serverCapabilities;
    this.principal = init.principal;
    this.client = init.client;
    this.#logLevel = init.logLevel;
    this.buffer = new ReplayBuffer(init.replay.maxEvents, init.replay.maxBytes);
  }

  /** The level set by `logging/setLevel` (or the layer's default): the envelope `logLevel`. */
  get logLevel(): LoggingLevel | undefined {
    return this.#logLevel;
  }

  /** @internal */
  set logLevel(level: LoggingLevel | undefined) {
    this.#logLevel = level;
  }

  /** URIs the client subscribed to with `resources/subscribe` (bounded by the layer's limits). */
  get subscriptions(): ReadonlySet<string> {
    return this.#subscriptions;
  }

  /** @internal Records a `resources/subscribe`. */
  subscribe(uri: string): void {
    if (this.#closed) return;
    this.#subscriptions.add(uri);
    this.#index?.add(uri, this);
  }

  /** @internal Records a `resources/unsubscribe`. */
  unsubscribe(uri: string): void {
    this.#subscriptions.delete(uri);
    this.#index?.delete(uri, this);
  }

  /**
   * @internal Who hears the standalone stream: the caller of the `GET` that attached it last (its
   * principal and scopes only). List changes it may not see are not sent (`McpServer.concerns`).
   */
  get listener(): AuthInfo | undefined {
    return this.#listener;
  }

  /** @internal Records the caller of a `GET` that attaches the standalone stream. */
  listenAs(auth: AuthInfo | undefined): void {
    this.#listener =
      auth === undefined
        ? undefined
        : {
            principal: auth.principal,
            ...(auth.scopes === undefined ? {} : { scopes: [...auth.scopes] }),
          };
  }

  /** Whether the client sent `notifications/initialized`. */
  get isInitialized(): boolean {
    return this.#initialized;
  }

  /** Whether the session ended (DELETE, expiry, layer closed). */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** When the client last did something in this session (epoch milliseconds). */
  get lastActivityAt(): number {
    return this.#lastActivityAt;
  }

  /** @internal */
  markInitialized(): void {
    this.#initialized = true;
  }

  /** Streams prime on 2025-11-25 and name this instance when instances share sessions. */
  get #streamOptions(): { primes: boolean; node: string | undefined } {
    return { primes: this.protocolVersion === '2025-11-25', node: this.#askNode };
  }

  /** @internal The instance that holds this copy, when instances share sessions. */
  get node(): string | undefined {
    return this.#askNode;
  }

  /** The state the client changed since `initialize`, as instances share it. */
  get state(): SharedSessionState {
    return {
      initialized: this.#initialized,
      logLevel: this.#logLevel,
      subscriptions: [...this.#subscriptions],
    };
  }

  /** @internal Takes the state another instance recorded. */
  applyState(state: SharedSessionState): void {
    if (state.initialized) this.#initialized = true;
    this.#logLevel = state.logLevel;
    for (const uri of [...this.#subscriptions]) this.unsubscribe(uri);
    for (const uri of state.subscriptions) this.subscribe(uri);
  }

  /** @internal Records a change of the state where instances share it (nothing for one instance). */
  async saveState(): Promise<void> {
    await this.#onStateChange?.(this);
  }

  /** @internal A fresh id for a server-to-client request. */
  nextAskId(): JsonRpcId {
    const number = this.ids.next();
    return this.#askNode === undefined ? number : `${this.#askNode}${ASK_ID_SEPARATOR}${number}`;
  }

  /** @internal Gives back an id from {@link nextAskId}. */
  releaseAskId(id: JsonRpcId): void {
    const number =
      typeof id === 'number'
        ? id
        : Number(String(id).slice(String(id).lastIndexOf(ASK_ID_SEPARATOR) + 1));
    this.ids.release(number);
  }

  /** @internal Records traffic: the idle timeout counts from here. */
  touch(): void {
    this.#lastActivityAt = Date.now();
  }

  /**
   * @internal Whether the session has been idle for `timeoutMs`: nothing running, no connection
   * open, and no traffic for that long.
   */
  isIdle(now: number, timeoutMs: number): boolean {
    return !this.isBusy && now - this.#lastActivityAt >= timeoutMs;
  }

  /** @internal Whether something of the session lives here: a request, an ask, an open stream. */
  get isBusy(): boolean {
    if (this.running.size > 0 || this.#asks.size > 0) return true;
    if (this.#standalone?.isConnected === true) return true;
    for (const stream of this.#streams.values()) if (stream.isConnected) return true;
    return false;
  }

  /** @internal The number the next stream will get: every lower number was used. */
  get nextStreamNumber(): number {
    return this.#nextStream;
  }

  /** @internal Opens the stream of a POST; it stays findable for resumption until released. */
  openStream(): EventStream {
    const stream = new EventStream(this.#nextStream, this.buffer, this.#streamOptions);
    this.#nextStream += 1;
    this.#streams.set(stream.number, stream);
    return stream;
  }

  /** @internal Forgets a finished POST stream (its events stay in the replay buffer). */
  releaseStream(stream: EventStream): void {
    this.#streams.delete(stream.number);
  }

  /** @internal The open POST stream or the standalone stream with this number. */
  streamByNumber(number: number): EventStream | undefined {
    if (this.#standalone?.number === number) return this.#standalone;
    return this.#streams.get(number);
  }

  /** @internal The standalone (GET) stream, created on first use. */
  standaloneStream(): EventStream {
    if (this.#standalone === undefined) {
      this.#standalone = new EventStream(this.#nextStream, this.buffer, this.#streamOptions);
      this.#nextStream += 1;
    }
    return this.#standalone;
  }

  /**
   * @internal Sends a message unrelated to any request on the standalone stream, if the client
   * ever opened one (while it is disconnected the message waits in the replay buffer).
   */
  sendUnrelated(json: string): void {
    if (!this.#closed) this.#standalone?.send(json);
  }

  /** @internal Server-to-client requests awaiting an answer. */
  get pendingAsks(): number {
    return this.#asks.size;
  }

  /** @internal Waits for the client's response to server request `id`. */
  expectAnswer(id: JsonRpcId, settle: (response: JsonRpcResponse) => void): void {
    this.#asks.set(id, settle);
  }

  /** @internal Stops waiting for an answer (given up, timed out). */
  forgetAnswer(id: JsonRpcId): void {
    this.#asks.delete(id);
  }

  /** @internal Routes a response the client posted; `false` when nothing waits for it. */
  deliverAnswer(response: JsonRpcResponse): boolean {
    const id = response.id;
    if (id === null || id === undefined) return false;
    const settle = this.#asks.get(id);
    if (settle === undefined) return false;
    this.#asks.delete(id);
    settle(response);
    return true;
  }

  /** @internal Ends the session: running requests are aborted and every stream closes. */
  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const request of [...this.running.values()]) request.controller.abort(reason);
    this.running.clear();
    this.#asks.clear();
    for (const stream of [...this.#streams.values()]) stream.finish();
    this.#streams.clear();
    this.#standalone?.finish();
    this.buffer.clear();
    for (const uri of [...this.#subscriptions]) this.unsubscribe(uri);
  }
}
