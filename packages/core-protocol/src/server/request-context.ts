import type { JsonRpcId, JsonRpcNotification } from '@tern/jsonrpc';
import type { ClientCapabilities, Implementation, LoggingLevel, ProgressToken } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../errors.js';
import type { Asker } from './conversation/asks.js';
import { createAsker } from './conversation/asks.js';
import type { InputChannel } from './conversation/input-channel.js';
import type { AttemptSignal } from './conversation/attempt-signal.js';
import { signalOf } from './conversation/attempt-signal.js';
import type { RequestSignal } from './lazy-abort-signal.js';
import type { JsonCompatible } from '../shared/json-value.js';

/**
 * Who is calling, as established by the transport (for example from a verified bearer token).
 * The core binds sealed `requestState` to `principal`, so one user's state is useless to another.
 */
export interface AuthInfo {
  /** Stable identifier of the authenticated principal (user, service account, ...). */
  principal: string;
  /** Granted scopes, when the transport knows them. Registrations' `scopes` are checked against them. */
  scopes?: readonly string[];
  /** The OAuth client the token was issued to (`client_id`), when known. */
  clientId?: string;
  /** When the credential expires, in seconds since the epoch, when known. */
  expiresAt?: number;
  /** Anything else the transport wants handlers to see (claims, token id, ...). */
  extra?: Record<string, unknown>;
}

/** What the client said about itself on this request (never carried over from other requests). */
export interface ClientDescription {
  protocolVersion: string;
  capabilities: ClientCapabilities;
  info: Implementation | undefined;
}

/** The raw MRTR fields of this request, for handlers that manage `requestState` themselves. */
export interface RawInput {
  inputResponses: Record<string, unknown> | undefined;
  requestState: string | undefined;
}

/**
 * The per-request context every handler receives. It also carries the straight-line asking API
 * (`elicit`, `elicitUrl`, `sample`, `listRoots`) and `once` for side effects that must not repeat
 * across rounds.
 */
export interface RequestContext extends Asker {
  readonly requestId: JsonRpcId;
  readonly method: string;
  /** Aborted when the client goes away (on HTTP, closing the stream is cancellation). */
  readonly signal: AbortSignal;
  readonly client: ClientDescription;
  /** Filled by the transport when the request was authenticated. */
  readonly auth: AuthInfo | undefined;
  /** The raw `inputResponses` and `requestState` of this request. */
  readonly input: RawInput;
  /**
   * The request's custom `_meta` keys (`traceparent`, vendor and extension keys), frozen. The keys
   * the core reads itself (protocol version, capabilities, client info, log level, progress token)
   * are in {@link client} and not repeated here.
   */
  readonly meta: Readonly<Record<string, unknown>>;
  /**
   * What extensions put on this request through a middleware (`McpServer.use`), by extension
   * id. Empty unless an extension is installed; each extension documents its entry.
   */
  readonly extensions: Readonly<Record<string, unknown>>;
  /**
   * Reports progress. Sent only when the request carried a progress token, only while the request
   * runs, only when `progress` increased, and rate-limited (requirements.md #78, #80, #82, #83).
   */
  progress(progress: number, total?: number, message?: string): void;
  /**
   * Sends a log message to the client, only when the request asked for logs at that level or
   * above (`io.modelcontextprotocol/logLevel`; requirements.md #143, #197, #198).
   */
  log(level: LoggingLevel, data: unknown, logger?: string): void;
  /**
   * Runs `fn` once per conversation and records its JSON result, so a side effect before an ask
   * does not run again when the handler is replayed on the next round. Each step needs its own
   * key within one attempt (a repeated key throws `SdkError` INVALID_USAGE), and its value must
   * be JSON (a `Date` is refused, at compile time and at run time). A round does not end while a
   * step runs. See docs/mrtr.md for exactly what is guaranteed.
   */
  once<TValue>(
    key: string,
    fn: () => TValue | Promise<TValue>,
    ...notJson: TValue extends JsonCompatible<TValue> ? [] : [error: 'ctx.once must return a JSON value']
  ): Promise<TValue>;
}

const LEVELS: readonly LoggingLevel[] = [
  'debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency',
];

/** Settings that shape how a context emits notifications. */
export interface NotificationLimits {
  /** Progress notifications allowed in a burst. */
  progressBurst: number;
  /** Progress notifications allowed per second after the burst. */
  progressPerSecond: number;
}

/** Everything needed to build a {@link RequestContext}. */
export interface RequestContextInit {
  requestId: JsonRpcId;
  method: string;
  /** The request's signal, or an attempt's (whose `AbortSignal` is made when a handler reads it). */
  signal: RequestSignal | AttemptSignal;
  client: ClientDescription;
  auth: AuthInfo | undefined;
  input: RawInput;
  progressToken: ProgressToken | undefined;
  logLevel: LoggingLevel | undefined;
  notify: ((notification: JsonRpcNotification) => void) | undefined;
  /** The input channel, or `undefined` when this method may not ask for input. */
  channel: InputChannel | undefined;
  limits: NotificationLimits;
  /** Custom `_meta` keys of the request. Default: none. */
  meta?: Readonly<Record<string, unknown>> | undefined;
  /** Per-request entries of extensions. Default: none. */
  extensions?: Readonly<Record<string, unknown>> | undefined;
}

const NONE: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** A context plus the switch that stops its notifications once the request has completed. */
export interface ContextHandle {
  context: RequestContext;
  /** Call when the request completed: later progress and log calls are dropped. */
  finish(): void;
}

/** Builds the context of one attempt of one request. */
export function createRequestContext(init: RequestContextInit): ContextHandle {
  let finished = false;
  const emit = (notification: JsonRpcNotification): void => {
    if (finished || init.signal.aborted || init.notify === undefined) return;
    init.notify(notification);
  };
  const minimumLevel = init.logLevel === undefined ? -1 : LEVELS.indexOf(init.logLevel);
  const channel = init.channel ?? refusingChannel(init.method);
  const context = new HandlerContext(init, createAsker(channel, init.client.capabilities), {
    progress: createProgressReporter(init, emit),
    log(level, data, logger) {
      if (minimumLevel < 0 || LEVELS.indexOf(level) < minimumLevel) return;
      emit({
        jsonrpc: '2.0',
        method: 'notifications/message',
        params: { level, data, ...(logger === undefined ? {} : { logger }) },
      });
    },
    once: ((key: string, fn: () => unknown) => channel.once(key, fn)) as RequestContext['once'],
  });
  return { context, finish: () => (finished = true) };
}

/**
 * A handler's context. A class, so that `signal` is a getter on the prototype: an attempt's
 * `AbortSignal` is only made when a handler reads it (an accessor in an object literal would put
 * every request on a slow path in V8). Every other member is an own property, so destructuring
 * works for all of them; a spread copy (`{ ...ctx }`) leaves out `signal`.
 */
class HandlerContext implements RequestContext {
  readonly elicit: RequestContext['elicit'];
  readonly elicitUrl: RequestContext['elicitUrl'];
  readonly sample: RequestContext['sample'];
  readonly listRoots: RequestContext['listRoots'];
  readonly requestId: JsonRpcId;
  readonly method: string;
  readonly client: ClientDescription;
  readonly auth: AuthInfo | undefined;
  readonly input: RawInput;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly progress: RequestContext['progress'];
  readonly log: RequestContext['log'];
  readonly once: RequestContext['once'];
  readonly #signal: RequestSignal | AttemptSignal;

  constructor(init: RequestContextInit, asker: Asker, own: Pick<RequestContext, 'progress' | 'log' | 'once'>) {
    this.elicit = asker.elicit;
    this.elicitUrl = asker.elicitUrl;
    this.sample = asker.sample;
    this.listRoots = asker.listRoots;
    this.requestId = init.requestId;
    this.method = init.method;
    this.client = init.client;
    this.auth = init.auth;
    this.input = init.input;
    this.meta = init.meta ?? NONE;
    this.extensions = init.extensions ?? NONE;
    this.progress = own.progress;
    this.log = own.log;
    this.once = own.once;
    this.#signal = init.signal;
  }

  get signal(): AbortSignal {
    return signalOf(this.#signal);
  }
}

function createProgressReporter(
  init: RequestContextInit,
  emit: (notification: JsonRpcNotification) => void,
): RequestContext['progress'] {
  const token = init.progressToken;
  if (token === undefined) return () => undefined;
  let last = -Infinity;
  let tokens = init.limits.progressBurst;
  let refilledAt = Date.now();
  return (progress, total, message) => {
    if (!(progress > last)) return;
    const now = Date.now();
    tokens = Math.min(
      init.limits.progressBurst,
      tokens + ((now - refilledAt) / 1000) * init.limits.progressPerSecond,
    );
    refilledAt = now;
    // The rate limit drops intermediate reports, never the one that says the work is done.
    const final = total !== undefined && progress >= total;
    if (tokens < 1 && !final) return;
    tokens = Math.max(0, tokens - 1);
    last = progress;
    emit({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      },
    });
  };
}

/** The channel of methods that may not ask for input (requirements.md #55). */
function refusingChannel(method: string): InputChannel {
  const refuse = (): Promise<never> =>
    Promise.reject(
      new SdkError(
        SdkErrorCode.InvalidUsage,
        `${method} cannot ask for input: only tools/call, prompts/get and resources/read can`,
      ),
    );
  return { ask: refuse, once: async (_key, fn) => fn() };
}
