/**
 * The one local error type of Tern: failures that never cross the wire (timeouts, aborts, a
 * broken stream, an API used the wrong way). Wire errors are {@link JsonRpcError}s.
 */

/**
 * Codes of {@link SdkError}: local failures that never cross the wire.
 */
export const SdkErrorCode = {
  /** A request or a whole conversation ran past its timeout. `data`: `{ timeoutMs }`. */
  RequestTimeout: 'REQUEST_TIMEOUT',
  /** The caller aborted the request through its `AbortSignal`. `data`: the abort reason. */
  Aborted: 'ABORTED',
  /** The transport closed before the response arrived. */
  ConnectionClosed: 'CONNECTION_CLOSED',
  /**
   * An HTTP response carried no JSON-RPC response for the request (a 4xx/5xx without a JSON-RPC
   * body, an unexpected content type). `data`: `{ status, body, error }`.
   */
  HttpError: 'HTTP_ERROR',
  /**
   * A response stream broke before its response arrived. Transports throw it; the client
   * re-issues the request with a new id (requirements.md #142) and throws it itself once its
   * bound is reached. `data`: `{ attempts }` when thrown by the client.
   */
  StreamInterrupted: 'STREAM_INTERRUPTED',
  /** The peer answered with something that is not a valid result for the method. `data`: the issues. */
  InvalidResult: 'INVALID_RESULT',
  /** An MRTR conversation needed more rounds than allowed. `data`: `{ maxRounds }`. */
  RoundLimitExceeded: 'ROUND_LIMIT_EXCEEDED',
  /** The server asked for input that no registered handler can answer. `data`: `{ method }`. */
  NoInputHandler: 'NO_INPUT_HANDLER',
  /** A local input handler (elicitation, sampling, roots) failed. `cause` holds its error. */
  InputHandlerFailed: 'INPUT_HANDLER_FAILED',
  /** The server speaks no protocol version this client speaks. `data`: `{ supported, requested }`. */
  NoCommonProtocolVersion: 'NO_COMMON_PROTOCOL_VERSION',
  /** A tool was refused locally because its `x-mcp-header` annotations break the rules. `data`: `{ tool, problems }`. */
  InvalidToolDefinition: 'INVALID_TOOL_DEFINITION',
  /** An API was used in a way it does not support (e.g. `ctx.elicit` in a manual-state tool). */
  InvalidUsage: 'INVALID_USAGE',
  /**
   * A client could not authorize a request (discovery, registration, the authorization flow, a
   * token request, or a server that keeps refusing). `data`: `{ reason }`; never a token or secret.
   */
  AuthorizationFailed: 'AUTHORIZATION_FAILED',
} as const;

/** Union of the values of {@link SdkErrorCode}. */
export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

/**
 * A local error of the SDK. It never goes on the wire and cannot be mistaken for a peer's
 * JSON-RPC error (requirements.md, stateless.md §14: SDK-local errors have no assigned codes).
 */
export class SdkError extends Error {
  override readonly name: string = 'SdkError';
  readonly code: SdkErrorCode;
  readonly data: unknown;

  constructor(code: SdkErrorCode, message: string, options?: { data?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = options?.data;
  }
}

/** True when `value` is an {@link SdkError}, also across duplicate installs. */
export function isSdkError(value: unknown): value is SdkError {
  if (value instanceof SdkError) return true;
  return (
    value instanceof Error &&
    value.name === 'SdkError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/**
 * The error every Tern API throws when it is used the wrong way: a bad option, a duplicate
 * registration, an invalid schema or template. One type for all misuse, so callers can tell a
 * programming error from a runtime failure with one check.
 */
export function usageError(message: string, options?: { data?: unknown; cause?: unknown }): SdkError {
  return new SdkError(SdkErrorCode.InvalidUsage, message, options);
}
