/**
 * The small request/response shape the transport logic works on. Adapters (fetch, node:http,
 * Express) implement it over their native objects, so the logic never needs a `Request` or a
 * `Response` and the node adapters never build one per request.
 */
import type { RequestSignal } from '@tern/core-protocol';

/** What the transport, `authenticate` and the fallback may read of an incoming request. */
export interface HttpRequestInfo {
  /** The HTTP method, upper-case (`'POST'`). */
  readonly method: string;
  /** The request target as received (path and query); informational, never used for routing. */
  readonly path: string;
  /**
   * Returns a request header, or `undefined` when it is absent. `name` must be lower-case; lookup
   * is case-insensitive (requirements.md #134). Repeated fields are joined with `", "`, as the
   * Fetch `Headers` class does, so a doubled `Content-Type` is seen as two values.
   */
  header(name: string): string | undefined;
  /**
   * The address of the connected peer (the socket's remote address), when the adapter knows it.
   * Quotas count anonymous clients by it. Behind a proxy it is the proxy's address: authenticate
   * clients so quotas count principals instead.
   */
  readonly peerAddress?: string | undefined;
}

/**
 * The outcome of {@link HttpExchange.readBody}.
 *
 * - `raw`: the body bytes (or text a framework decoded), not yet parsed.
 * - `parsed`: a body a framework already parsed as JSON (e.g. `express.json()`).
 * - `too-large`: the body exceeded the limit; reading stopped there. A framework that refused it
 *   with a limit of its own (body-parser's 100 kB) says which in `frameworkLimit` (bytes).
 * - `unparsable`: a framework already failed to parse the body as JSON.
 * - `unsupported`: a framework refused the body's charset or content coding.
 * - `aborted`: the client went away before the body was complete; nothing is answered.
 */
export type BodyReadResult =
  | { readonly type: 'raw'; readonly data: Uint8Array | string }
  | { readonly type: 'parsed'; readonly value: unknown }
  | { readonly type: 'too-large'; readonly frameworkLimit?: number }
  | { readonly type: 'unparsable' | 'unsupported' | 'aborted' };

/** One incoming HTTP request, as an adapter presents it to the transport. */
export interface HttpExchange extends HttpRequestInfo {
  /**
   * Aborted when the client goes away (the connection or the response stream closed before the
   * response was complete), and when the transport drops a stream whose reader fell too far
   * behind. The request's handler sees it as `ctx.signal` (requirements.md #86, #114). An
   * adapter may give a `LazyAbortSignal`, which makes a real `AbortSignal` only when one is read
   * (`abortSignalOf`): the node:http and Express adapters do.
   */
  readonly signal: RequestSignal;
  /**
   * Reads the whole body, but never keeps more than `limit` bytes: past the limit it stops and
   * resolves `{ type: 'too-large' }`. Never rejects.
   */
  readBody(limit: number): Promise<BodyReadResult>;
}

/** Response headers: names as written, one value each. */
export type HttpHeaders = Readonly<Record<string, string>>;

/**
 * Where the transport writes its answer. Exactly one of the two methods is called, once; an
 * adapter ignores any call after the first and any write after the client went away.
 */
export interface HttpResponseSink {
  /** Sends a complete response. An empty `body` means no body (e.g. `202 Accepted`). */
  sendJson(status: number, headers: HttpHeaders, body: string): void;
  /** Starts a streamed response (SSE) and returns the writer for its body. */
  startStream(status: number, headers: HttpHeaders): HttpStreamWriter;
}

/** The body of a streamed response. */
export interface HttpStreamWriter {
  /**
   * Writes a chunk. Returns `false` when the reader applies backpressure: the chunk was accepted,
   * but the caller should wait for the drain listener before writing more.
   */
  write(chunk: string): boolean;
  /** Registers the listener called each time the reader has caught up after `write` returned `false`. */
  onDrain(listener: () => void): void;
  /** Ends the response normally. */
  close(): void;
  /**
   * Drops the response at once (the reader stopped reading). The exchange's `signal` must be
   * aborted by the time this returns.
   */
  abort(): void;
}
