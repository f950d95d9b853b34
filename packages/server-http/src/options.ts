import type { AuthInfo } from '@tern/core-protocol';
import type { ResourceServerOptions } from './auth/resource-server-options.js';
import type { HttpExchange, HttpRequestInfo, HttpResponseSink } from './exchange.js';
import { usageError } from '@tern/jsonrpc';

/** What a {@link McpHttpFallback} receives. */
export interface McpHttpFallbackContext {
  /** The request. For a POST its body has already been read: use {@link body}. */
  readonly exchange: HttpExchange;
  /** Where to answer, if the fallback takes the request. */
  readonly sink: HttpResponseSink;
  /**
   * For a POST, the body as parsed JSON (any JSON value: a batch array, a response object, an
   * `initialize` request, …). `undefined` for other methods.
   */
  readonly body: unknown;
  /** What `authenticate` returned for this request, if configured. */
  readonly auth: AuthInfo | undefined;
}

/**
 * The seam a dual-era layer plugs into (spec/legacy.md §6). It is consulted, after the Origin and
 * Host checks, for every request that is not a modern POST: GET and DELETE, and POSTs whose body
 * is legacy-shaped (a batch array, a JSON-RPC response, `initialize`, or a request with neither a
 * modern `_meta` protocol version nor a modern `MCP-Protocol-Version` header). It returns `true`
 * when it answered through `sink`; `false` lets the modern transport reject the request as usual
 * (405 for GET/DELETE, 400 for the POST).
 */
export type McpHttpFallback = (context: McpHttpFallbackContext) => boolean | Promise<boolean>;

/**
 * Resolves who sent a request. Its result becomes `ctx.auth` of the handler, and the core binds
 * multi round-trip state to it. Return `undefined` for an anonymous request; throw
 * {@link McpHttpError} (e.g. 401 with `WWW-Authenticate`) to refuse one. Any other error it throws
 * answers 500 and goes to `onError`.
 */
export type Authenticate = (
  request: HttpRequestInfo,
) => AuthInfo | undefined | Promise<AuthInfo | undefined>;

/**
 * Options of the Streamable HTTP transport, shared by every adapter. Every limit has a default.
 */
export interface McpHttpOptions {
  /**
   * `Host` header values accepted, against DNS rebinding (ST §2). An entry is a host name, IPv4
   * address or bracketed IPv6 address (`'mcp.example.com'`, `'[::1]'`), which matches any port, or
   * one with a port (`'mcp.example.com:8443'`), which matches that port only. Compared
   * case-insensitively. A request without `Host` is refused.
   *
   * Default, and also what an empty list means (never fail-open): `localhost`, `127.0.0.1` and
   * `[::1]` on any port. A server reachable under any other name (bound to `0.0.0.0`, behind a
   * proxy, deployed) must list its names, or pass `'any'` to turn the check off explicitly.
   */
  allowedHosts?: readonly string[] | 'any';
  /**
   * `Origin` header values accepted (requirements.md #100). Entries are origins such as
   * `'https://app.example.com'` (scheme, host and port; matched exactly after normalisation). A
   * request without `Origin` (a non-browser client) is always accepted; `Origin: null`, an
   * unparsable origin or one not listed gets 403.
   *
   * Default, and also what an empty list means: `http` and `https` origins on `localhost`,
   * `127.0.0.1` and `[::1]`, any port. `'any'` turns the check off.
   */
  allowedOrigins?: readonly string[] | 'any';
  /**
   * Largest request body in bytes. A larger `Content-Length` is refused with 413 before anything
   * is read; a chunked body is cut off at the limit, never buffered past it. Default 4 MiB.
   */
  maxBodyBytes?: number;
  /**
   * Interval of SSE keep-alive comments (`:`) on a streamed response, in milliseconds, so idle
   * `subscriptions/listen` streams survive proxy timeouts. `0` turns them off. Default 15 000.
   */
  keepAliveMs?: number;
  /**
   * Most events kept for one SSE stream while its reader applies backpressure. When a stream
   * exceeds this or {@link maxQueuedBytes}, it is dropped and its request cancelled (a listen
   * stream unsubscribes); other streams are unaffected. Default 1000.
   */
  maxQueuedEvents?: number;
  /** Most characters of events kept for one backpressured SSE stream. Default 8 MiB. */
  maxQueuedBytes?: number;
  /**
   * Authenticates every request before its body is read (requirements.md #102). For OAuth bearer
   * tokens use {@link authorization} instead, which does it all; the two exclude each other.
   */
  authenticate?: Authenticate;
  /**
   * Makes the endpoint an OAuth resource server (the MCP authorization spec): bearer tokens
   * checked by a verifier and for this resource, 401/403 challenges with `WWW-Authenticate`, and
   * the protected resource metadata served at its well-known path by this same handler. The
   * Host and Origin checks stay on. See {@link ResourceServerOptions}.
   */
  authorization?: ResourceServerOptions;
  /** The dual-era seam; absent on a modern-only server. See {@link McpHttpFallback}. */
  fallback?: McpHttpFallback;
  /**
   * Sees unexpected errors of the transport itself (a throwing `authenticate` or `fallback`, a
   * result that cannot be serialised). The client gets a generic 500 or `-32603`; details never
   * go on the wire. Errors of handlers go to the server's own `onError`.
   */
  onError?: (error: unknown, request: HttpRequestInfo) => void;
}

/** The default of every limit of {@link McpHttpOptions}. */
export const DEFAULT_HTTP_LIMITS = {
  maxBodyBytes: 4 * 1024 * 1024,
  keepAliveMs: 15_000,
  maxQueuedEvents: 1000,
  maxQueuedBytes: 8 * 1024 * 1024,
} as const;

/** The limits an SSE stream needs. @internal */
export interface StreamLimits {
  readonly keepAliveMs: number;
  readonly maxQueuedEvents: number;
  readonly maxQueuedBytes: number;
}

/** Reads a limit option; `minimum` is 1 for sizes and 0 for intervals that may be off. */
export function readLimit(
  options: McpHttpOptions,
  key: keyof typeof DEFAULT_HTTP_LIMITS,
  minimum: 0 | 1,
): number {
  const value = options[key] ?? DEFAULT_HTTP_LIMITS[key];
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw usageError(`${key} must be an integer of at least ${minimum}, got ${String(value)}`);
  }
  return value;
}
