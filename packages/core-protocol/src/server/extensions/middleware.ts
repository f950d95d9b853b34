import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { InputChannel } from '../conversation/input-channel.js';
import type { RequestSignal } from '../lazy-abort-signal.js';
import type { CallInfo } from '../server-runtime.js';

/** One request as a middleware sees it: routed, with params checked by the method's schema. */
export interface MiddlewareRequest {
  readonly method: string;
  /** The checked params, without `_meta` (read `call.envelope` for what `_meta` said). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Who asked, how to notify, how to cancel: see {@link CallInfo}. */
  readonly call: Readonly<CallInfo>;
}

/**
 * What a middleware may change for the rest of the pipeline when it calls `next`: run the handler
 * under another signal (a task that outlives its request), send its notifications elsewhere, answer
 * its asks through another input channel, or hand handlers per-request entries (`ctx.extensions`).
 */
export interface CallOverrides {
  signal?: RequestSignal;
  notify?: ((notification: JsonRpcNotification) => void) | undefined;
  inputChannel?: InputChannel;
  /** Merged over the entries of outer middlewares, by extension id. */
  extensions?: Readonly<Record<string, unknown>>;
}

/** Runs the rest of the pipeline (inner middlewares, then the method's handler) and gives its result. */
export type NextHandler = (overrides?: CallOverrides) => Promise<object>;

/**
 * Wraps the handling of requests: the seam that extensions such as tasks build on. It may answer
 * by itself, call `next` (now, later or more than once) and return or change its result. What it
 * throws is answered like a handler's error.
 */
export type RequestMiddleware = (request: MiddlewareRequest, next: NextHandler) => Promise<object> | object;

/** Where a middleware applies. */
export interface MiddlewareOptions {
  /** Only these methods. Default: every method. */
  methods?: readonly string[];
}

interface Installed {
  readonly middleware: RequestMiddleware;
  readonly methods: ReadonlySet<string> | undefined;
}

/** The middlewares of a server, outermost first. @internal */
export class MiddlewareChain {
  readonly #installed: Installed[] = [];

  get isEmpty(): boolean {
    return this.#installed.length === 0;
  }

  add(middleware: RequestMiddleware, options: MiddlewareOptions = {}): () => boolean {
    const entry: Installed = {
      middleware,
      methods: options.methods === undefined ? undefined : new Set(options.methods),
    };
    this.#installed.push(entry);
    return () => {
      const index = this.#installed.indexOf(entry);
      if (index < 0) return false;
      this.#installed.splice(index, 1);
      return true;
    };
  }

  /** Runs `handler` behind every middleware that applies to the request's method. */
  run(request: MiddlewareRequest, handler: (call: CallInfo) => Promise<object> | object): Promise<object> {
    const { method, params } = request;
    const applicable = this.#installed.filter((entry) => entry.methods === undefined || entry.methods.has(method));
    const step = async (index: number, current: CallInfo): Promise<object> => {
      const entry = applicable[index];
      if (entry === undefined) return handler(current);
      const next: NextHandler = (overrides) => step(index + 1, withOverrides(current, overrides));
      return entry.middleware({ method, params, call: current }, next);
    };
    return step(0, request.call);
  }
}

function withOverrides(call: CallInfo, overrides: CallOverrides | undefined): CallInfo {
  if (overrides === undefined) return call;
  const next: CallInfo = { ...call };
  if (overrides.signal !== undefined) next.signal = overrides.signal;
  if ('notify' in overrides) next.notify = overrides.notify;
  if (overrides.inputChannel !== undefined) next.inputChannel = overrides.inputChannel;
  if (overrides.extensions !== undefined) next.extensions = { ...call.extensions, ...overrides.extensions };
  return next;
}
