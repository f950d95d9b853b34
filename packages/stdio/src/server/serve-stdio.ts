import type { McpServer } from '@tern/core-protocol';
import { resolveLegacyOptions } from '@tern/legacy-compat/options';
import {
  createErrorResponse,
  InternalError,
  InvalidRequestError,
  isJsonRpcRequest,
  isJsonRpcResponse,
  ParseError,
  safeParseMessage,
} from '@tern/jsonrpc';
import type { JsonRpcMessage, JsonRpcRequest } from '@tern/jsonrpc';
import { LineSplitter } from '../framing/line-splitter.js';
import { MessageWriter } from '../framing/message-writer.js';
import { redirectConsole } from './console-redirect.js';
import type { StdioEra, StdioOutput } from './era.js';
import { DeferredEra } from './deferred-era.js';
import { hasModernMeta, idKey, ModernEra } from './modern-era.js';
import { resolveStdioOptions } from './serve-stdio-options.js';
import type { ResolvedStdioOptions, ServeStdioOptions } from './serve-stdio-options.js';

/** A running stdio server. */
export interface StdioServerHandle {
  /** Resolves once the server stopped: stdin ended, a signal came, or {@link close} was called. */
  readonly closed: Promise<void>;
  /** The era this process serves, once its first request settled it. */
  readonly era: 'modern' | 'legacy' | undefined;
  /** Stops reading, aborts running handlers, flushes stdout. */
  close(reason?: string): Promise<void>;
}

/** Requests that do not settle the era: a dual-era client may probe before `initialize`. */
const ERA_NEUTRAL = new Set(['server/discover', 'ping']);

/**
 * Serves `server` over stdio, the way desktop hosts (IDEs, chat apps, agent CLIs) run local MCP
 * servers: newline-delimited JSON-RPC on stdin and stdout (requirements.md #258), nothing but MCP
 * messages on stdout (#260), diagnostics on stderr. The era is chosen per process (spec/legacy.md
 * §5.1): a client that opens with `initialize` gets a 2025-era session, any other gets
 * 2026-07-28. Cancellation is `notifications/cancelled` (#263); the server stops on stdin EOF or
 * SIGTERM, aborting running handlers (#264).
 *
 * @example
 * ```ts
 * import { McpServer } from '@tern/core-protocol';
 * import { serveStdio } from '@tern/stdio';
 *
 * const server = new McpServer({ name: 'notes', version: '1.0.0' });
 * server.registerTool('ping', {}, () => 'pong');
 * serveStdio(server);
 * ```
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 */
export function serveStdio(server: McpServer, options: ServeStdioOptions = {}): StdioServerHandle {
  return new StdioServerConnection(server, resolveStdioOptions(options));
}

class StdioServerConnection implements StdioServerHandle {
  readonly closed: Promise<void>;
  readonly #server: McpServer;
  readonly #options: ResolvedStdioOptions;
  readonly #writer: MessageWriter;
  readonly #splitter: LineSplitter;
  readonly #output: StdioOutput;
  readonly #pauses = new Set<'busy' | 'output'>();
  /**
   * Lines (or the length limit a line broke) cut from a chunk after reading paused: the rest of
   * that chunk waits here, so a pause takes effect at the next message, not the next chunk.
   */
  readonly #backlog: (Uint8Array | number)[] = [];
  #inputEnded = false;
  readonly #cleanup: (() => void)[] = [];
  #era: StdioEra | undefined;
  #eraName: 'modern' | 'legacy' | undefined;
  #probeEra: ModernEra | undefined;
  /**
   * Requests read while `maxConcurrentRequests` run, in order. Reading goes on meanwhile, so the
   * client's answers to the server's asks and its cancellations still get through (the limit
   * must not deadlock a handler that waits on the client); once more than that many wait,
   * stdin pauses.
   */
  readonly #waiting: JsonRpcRequest[] = [];
  /** Requests running, with their method (listen streams do not get the shutdown grace). */
  readonly #inflight = new Map<Promise<void>, string>();
  #closing: Promise<void> | undefined;
  #resolveClosed!: () => void;

  constructor(server: McpServer, options: ResolvedStdioOptions) {
    this.#server = server;
    this.#options = options;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#writer = new MessageWriter(options.stdout, options.maxWriteBufferBytes);
    this.#output = { send: (message) => this.#send(message), warn: (text) => this.#warn(text) };
    this.#splitter = new LineSplitter(
      {
        line: (bytes) => this.#take(bytes),
        oversized: (limit) => this.#take(limit),
      },
      options.maxLineBytes,
    );
    if (options.legacy !== false)
      server.advertiseVersions(resolveLegacyOptions(options.legacy).versions);
    if (options.redirectConsole) this.#cleanup.push(redirectConsole(options.stderr));
    this.#listen();
  }

  get era(): 'modern' | 'legacy' | undefined {
    return this.#eraName;
  }

  close(reason = 'The server is shutting down'): Promise<void> {
    this.#closing ??= this.#shutDown(reason);
    return this.#closing;
  }

  #listen(): void {
    const { stdin } = this.#options;
    const onData = (chunk: Buffer | string): void => {
      this.#splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    };
    const onEnd = (): void => {
      this.#inputEnded = true;
      if (this.#backlog.length === 0) this.#endOfInput();
    };
    const onError = (error: Error): void => {
      this.#warn(`stdin failed: ${error.message}`);
      void this.close('stdin failed');
    };
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    this.#cleanup.push(() => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
    });
    if (this.#options.handleSignals) {
      const onSignal = (signal: NodeJS.Signals): void => void this.close(`Received ${signal}`);
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      this.#cleanup.push(() => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      });
    }
  }

  /** A line (or an over-long one) from stdin: handled now, or after the backlog when paused. */
  #take(item: Uint8Array | number): void {
    if (this.#pauses.size > 0 || this.#backlog.length > 0) this.#backlog.push(item);
    else this.#handle(item);
  }

  #handle(item: Uint8Array | number): void {
    if (typeof item === 'number') this.#refuseOversized(item);
    else this.#receive(item);
  }

  #refuseOversized(limit: number): void {
    this.#warn(`refused a message longer than ${limit} bytes`);
    this.#send(
      createErrorResponse(
        null,
        new InvalidRequestError(`Message exceeds the limit of ${limit} bytes`).toJson(),
      ),
    );
  }

  #endOfInput(): void {
    if (this.#splitter.hasPartialLine) {
      this.#warn('stdin ended in the middle of a message; it was dropped');
      this.#send(
        createErrorResponse(
          null,
          new ParseError('Parse error: the input ended in the middle of a message').toJson(),
        ),
      );
      this.#splitter.reset();
    }
    void this.close('stdin closed');
  }

  #receive(bytes: Uint8Array): void {
    if (this.#closing !== undefined) return;
    const parsed = safeParseMessage(bytes);
    if (!parsed.success) {
      this.#warn(`refused a message: ${parsed.error.message}`);
      this.#send(createErrorResponse(parsed.id, parsed.error.toJson()));
      return;
    }
    this.#dispatch(parsed.message);
  }

  #dispatch(message: JsonRpcMessage): void {
    if (isJsonRpcRequest(message)) {
      const limit = this.#options.maxConcurrentRequests;
      if (this.#inflight.size < limit) this.#start(message);
      else if (this.#waiting.push(message) > limit) this.#pause('busy');
      return;
    }
    const era = this.#era ?? this.#probeEra;
    if (isJsonRpcResponse(message)) {
      if (era === undefined)
        this.#warn(
          `ignored a JSON-RPC response (id ${JSON.stringify(message.id)}) before any request`,
        );
      else era.response(message);
      return;
    }
    if (message.method === 'notifications/cancelled' && this.#dropWaiting(message.params)) return;
    era?.notification(message);
  }

  #start(request: JsonRpcRequest): void {
    const run = this.#run(this.#eraFor(request), request);
    this.#inflight.set(run, request.method);
    void run.finally(() => {
      this.#inflight.delete(run);
      if (this.#startWaiting()) this.#readOn();
    });
  }

  /**
   * Starts waiting requests while there is room.
   * @returns whether at most the limit wait now, which lifted the pause for them
   */
  #startWaiting(): boolean {
    const limit = this.#options.maxConcurrentRequests;
    // A backed-up stdout starts nothing new either: their output would only add to it.
    while (
      this.#closing === undefined &&
      !this.#pauses.has('output') &&
      this.#inflight.size < limit
    ) {
      const next = this.#waiting.shift();
      if (next === undefined) break;
      this.#start(next);
    }
    return this.#waiting.length <= limit && this.#pauses.delete('busy');
  }

  /** A cancelled request that has not started is dropped: no handler runs, nothing is sent (#263). */
  #dropWaiting(params: Record<string, unknown> | undefined): boolean {
    const requestId = params?.['requestId'];
    if (typeof requestId !== 'string' && typeof requestId !== 'number') return false;
    const index = this.#waiting.findIndex((request) => idKey(request.id) === idKey(requestId));
    if (index === -1) return false;
    this.#waiting.splice(index, 1);
    if (this.#waiting.length <= this.#options.maxConcurrentRequests && this.#pauses.delete('busy'))
      this.#readOn();
    return true;
  }

  /** Settles the era on the first request that is not a probe (spec/legacy.md §5.1). */
  #eraFor(request: JsonRpcRequest): StdioEra {
    if (this.#era !== undefined) return this.#era;
    if (ERA_NEUTRAL.has(request.method))
      return (this.#probeEra ??= new ModernEra(this.#server, this.#output));
    const legacy = this.#options.legacy;
    if (request.method === 'initialize' && legacy !== false && !hasModernMeta(request)) {
      const options = resolveLegacyOptions(legacy);
      // The dual-era code loads only now: a 2026-07-28 process never pays for it.
      this.#era = new DeferredEra(
        import('./legacy-era.js').then(
          ({ LegacyEra }) => new LegacyEra(this.#server, options, this.#output),
        ),
      );
      this.#eraName = 'legacy';
    } else {
      this.#era = this.#probeEra ?? new ModernEra(this.#server, this.#output);
      this.#eraName = 'modern';
    }
    return this.#era;
  }

  async #run(era: StdioEra, request: JsonRpcRequest): Promise<void> {
    try {
      await era.request(request);
    } catch (error) {
      // The eras answer every failure themselves; this only guards against a fault in them.
      this.#warn(`a request failed unexpectedly: ${String(error)}`);
      this.#send(createErrorResponse(request.id, new InternalError('Internal error').toJson()));
    }
  }

  #send(message: object): void {
    let ready: boolean;
    try {
      ready = this.#writer.write(message);
    } catch (error) {
      // A result that is not JSON (a BigInt, a cycle): a generic error for that request.
      this.#warn(`a message could not be serialized: ${String(error)}`);
      const id = (message as { id?: unknown }).id;
      if (typeof id !== 'string' && typeof id !== 'number') return;
      ready = this.#writer.write(
        createErrorResponse(id, new InternalError('Internal error').toJson()),
      );
    }
    if (!ready && !this.#pauses.has('output')) {
      this.#pause('output');
      this.#writer.onRoom(() => this.#resume('output'));
    }
  }

  #warn(text: string): void {
    const stderr = this.#options.stderr;
    if (!stderr.destroyed) stderr.write(`[tern-stdio] ${text}\n`);
  }

  #pause(reason: 'busy' | 'output'): void {
    this.#pauses.add(reason);
    this.#options.stdin.pause();
  }

  /** Lifts one reason to pause; requests that wait start first, then reading goes on. */
  #resume(reason: 'busy' | 'output'): void {
    if (!this.#pauses.delete(reason)) return;
    if (reason === 'output') this.#startWaiting();
    this.#readOn();
  }

  /** With no reason to pause left: the backlog first, then stdin again (or the end it saw). */
  #readOn(): void {
    while (this.#pauses.size === 0 && this.#closing === undefined) {
      const item = this.#backlog.shift();
      if (item === undefined) {
        if (this.#inputEnded) this.#endOfInput();
        else this.#options.stdin.resume();
        return;
      }
      this.#handle(item);
    }
  }

  async #shutDown(reason: string): Promise<void> {
    for (const cleanup of this.#cleanup.splice(0)) cleanup();
    // Requests read before the end get the same grace as those running.
    for (const request of this.#waiting.splice(0)) this.#start(request);
    // What already runs may finish within the grace period (its response is still wanted);
    // listen streams would never end by themselves.
    const finishing = [...this.#inflight].filter(([, method]) => method !== 'subscriptions/listen');
    await settleWithin(
      finishing.map(([run]) => run),
      this.#options.shutdownGraceMs,
    );
    this.#era?.close(reason);
    this.#probeEra?.close(reason);
    await this.#writer.flush();
    this.#resolveClosed();
    if (this.#options.exitProcess) process.exit(0);
  }
}

/** Waits for `runs` to settle, at most `ms` milliseconds. */
async function settleWithin(runs: readonly Promise<void>[], ms: number): Promise<void> {
  if (runs.length === 0 || ms === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled(runs), expired]);
  clearTimeout(timer);
}
