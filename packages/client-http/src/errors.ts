/**
 * The errors of `@tern/client-http`. Both are local {@link SdkError}s: they describe what went wrong
 * with the HTTP exchange and never cross the wire. A JSON-RPC error the server sent for the request
 * is not one of them: it resolves the call and the client core throws it as the matching
 * `JsonRpcError` subclass.
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { JsonRpcErrorObject } from '@tern/jsonrpc';

/** What {@link HttpError} carries besides its message. */
export interface HttpErrorOptions {
  /** The HTTP status of the response. */
  status: number;
  /** The response headers (for example `WWW-Authenticate` on a 401). */
  headers: Headers;
  /** The response body as text, cut at 64 KiB. Empty when there was none. */
  body: string;
  /**
   * The JSON-RPC error in the body when there was one that does not answer the request by id (an
   * id-less error, e.g. a 403 from an Origin check or a legacy server's "not initialized").
   */
  error?: JsonRpcErrorObject | undefined;
  cause?: unknown;
}

/**
 * The HTTP response does not carry a JSON-RPC response for the request: a non-2xx status without a
 * JSON-RPC error for it, a 2xx without a body, an unexpected `Content-Type`, or a body that is not
 * a JSON-RPC response with the request's id.
 *
 * A non-2xx response WITH a JSON-RPC error for the request is not an `HttpError`: it resolves the
 * call as that error response (404 + `-32601`, 400 + `-32022` or `-32020`), so the client core
 * throws the right `JsonRpcError`. Era detection relies on this difference: a `400`/`404`/`405`
 * without a recognised modern error in the body means a legacy server.
 *
 * Its `code` is `SdkErrorCode.HttpError`.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports (requirements #139)
 */
export class HttpError extends SdkError {
  override readonly name: string = 'HttpError';
  /** The HTTP status of the response. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The response body as text, cut at 64 KiB. */
  readonly body: string;
  /** The JSON-RPC error found in the body, when it did not answer the request by id. */
  readonly error: JsonRpcErrorObject | undefined;

  constructor(message: string, options: HttpErrorOptions) {
    super(SdkErrorCode.HttpError, message, {
      data: { status: options.status, body: options.body, error: options.error },
      cause: options.cause,
    });
    this.status = options.status;
    this.headers = options.headers;
    this.body = options.body;
    this.error = options.error;
  }
}

/** What {@link StreamInterruptedError} carries besides its message. */
export interface StreamInterruptedErrorOptions {
  /** The method of the lost request. */
  method: string;
  /** The error of the last attempt (a network error, or none for an early end of the stream). */
  cause?: unknown;
}

/**
 * The response stream broke before the response arrived (a network error or an early end of the
 * SSE stream, not an abort). 2026-07-28 has no resumption: a lost request must be sent again as a
 * new request with a new id, which `McpClient` does on this error (its `maxReissues` option).
 *
 * Its `code` is `SdkErrorCode.StreamInterrupted`.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports (requirements #142)
 */
export class StreamInterruptedError extends SdkError {
  override readonly name: string = 'StreamInterruptedError';
  /** The method of the lost request. */
  readonly method: string;

  constructor(message: string, options: StreamInterruptedErrorOptions) {
    super(SdkErrorCode.StreamInterrupted, message, {
      data: { method: options.method },
      cause: options.cause,
    });
    this.method = options.method;
  }
}

/** True when `value` is an {@link HttpError}, also across duplicate installs. */
export function isHttpError(value: unknown): value is HttpError {
  if (value instanceof HttpError) return true;
  return (
    value instanceof Error &&
    value.name === 'HttpError' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

/** True when `value` is a {@link StreamInterruptedError}, also across duplicate installs. */
export function isStreamInterruptedError(value: unknown): value is StreamInterruptedError {
  if (value instanceof StreamInterruptedError) return true;
  return (
    value instanceof Error &&
    value.name === 'StreamInterruptedError' &&
    typeof (value as { method?: unknown }).method === 'string'
  );
}
