import type { JsonRpcError, JsonRpcId } from '@tern/jsonrpc';
import type { HttpHeaders } from './exchange.js';
import { usageError } from '@tern/jsonrpc';

/** Options of {@link McpHttpError}. */
export interface McpHttpErrorOptions {
  /** The JSON-RPC error sent as the body. Without it the response has no body. */
  error?: JsonRpcError;
  /**
   * The `id` of the JSON-RPC error response: the request id when it could be read, `null` when it
   * could not. Leave it out for an error response without `id` (the spec's form for a 403).
   */
  id?: JsonRpcId | null;
  /** Extra response headers, e.g. `WWW-Authenticate` on a 401. */
  headers?: HttpHeaders;
  /** The local error that led to this one; never sent. */
  cause?: unknown;
}

/**
 * An HTTP rejection that knows its status, headers and JSON-RPC body. The transport raises it for
 * every refusal before dispatch; `authenticate` may throw it to refuse a request (401 with
 * `WWW-Authenticate`, 403, 429). Every such error becomes a response in one place, so the status,
 * the body and the `id` rules cannot drift apart.
 *
 * @example
 * ```ts
 * throw new McpHttpError(401, {
 *   headers: { 'WWW-Authenticate': 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"' },
 * });
 * ```
 */
export class McpHttpError extends Error {
  override readonly name: string = 'McpHttpError';
  /** The HTTP status code (4xx or 5xx). */
  readonly status: number;
  /** The JSON-RPC error sent as the body, if any. */
  readonly error: JsonRpcError | undefined;
  /** The id of the error response; `undefined` leaves `id` out of the body. */
  readonly id: JsonRpcId | null | undefined;
  /** Extra response headers. */
  readonly headers: HttpHeaders | undefined;

  /** @throws SdkError INVALID_USAGE when `status` is not an integer from 400 to 599 */
  constructor(status: number, options: McpHttpErrorOptions = {}) {
    super(
      options.error?.message ?? `HTTP ${status}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw usageError(`McpHttpError needs a 4xx or 5xx status, got ${status}`);
    }
    this.status = status;
    this.error = options.error;
    this.id = options.id;
    this.headers = options.headers;
  }
}

/** True when `value` is an {@link McpHttpError}, also across duplicate installs. */
export function isMcpHttpError(value: unknown): value is McpHttpError {
  if (value instanceof McpHttpError) return true;
  return (
    value instanceof Error &&
    value.name === 'McpHttpError' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}
