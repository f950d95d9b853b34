/**
 * The MCP-specific uses of `-32602` that carry typed `data`, each with its own class.
 * `InvalidRequestStateError` is registered so that `JsonRpcError.fromError` rebuilds it from what
 * a peer sent.
 */
import { JsonRpcErrorCode } from './error-codes.js';
import { InvalidParamsError } from './json-rpc-error.js';
import { registerWireError } from './wire-error-registry.js';

/**
 * Resource not found (2026-07-28: `-32602` with the URI in `data`; requirements.md #168, #15).
 * Throw it from a resource handler, or let the registry throw it for an unknown URI.
 */
export class ResourceNotFoundError extends InvalidParamsError {
  override readonly name: string = 'ResourceNotFoundError';
  declare readonly data: { uri: string };

  constructor(uri: string, message = `Resource not found: ${uri}`) {
    super(message, { data: { uri } });
  }
}

/**
 * Why a server refused a `requestState` (`data.reason` of {@link InvalidRequestStateError}). The
 * set is small on purpose and says nothing about keys, bindings or contents:
 * - `expired`: the round's or the whole conversation's lifetime is over;
 * - `invalid`: not a state of this server for this request (tampered, another key, another
 *   server, another principal, tool or argument set);
 * - `consumed`: a single-use state (a server-side journal) was already redeemed;
 * - `too-large`: the answers would not fit in the conversation's journal.
 * Every reason but `too-large` means the same thing to the client: start the call over.
 */
export const RequestStateRejection = {
  Expired: 'expired',
  Invalid: 'invalid',
  Consumed: 'consumed',
  TooLarge: 'too-large',
} as const;

/** One of the values of {@link RequestStateRejection}. */
export type RequestStateRejection = (typeof RequestStateRejection)[keyof typeof RequestStateRejection];

const REJECTIONS: ReadonlySet<string> = new Set(Object.values(RequestStateRejection));

/** The one generic wire message of a refused state (requirements.md #59). */
const GENERIC_MESSAGE = 'Invalid or expired requestState';

/**
 * A `requestState` the server refused: `-32602` with `data.reason` (requirements.md #59: one
 * generic message; the reason is one of {@link RequestStateRejection} and leaks nothing else).
 */
export class InvalidRequestStateError extends InvalidParamsError {
  override readonly name: string = 'InvalidRequestStateError';
  declare readonly data: { reason: RequestStateRejection };

  constructor(reason: RequestStateRejection, options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? GENERIC_MESSAGE, {
      data: { reason },
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
  }
}

registerWireError(JsonRpcErrorCode.InvalidParams, ({ message, data }) => {
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  const reason = fields?.['reason'];
  if (typeof reason === 'string' && REJECTIONS.has(reason)) {
    return new InvalidRequestStateError(reason as RequestStateRejection, { message });
  }
  // `data.uri` alone does not make a ResourceNotFoundError: only the caller knows whether it names
  // the resource it asked for (McpClient.readResource checks that).
  return undefined;
});
