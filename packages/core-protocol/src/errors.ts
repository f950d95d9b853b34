import { InternalError, InvalidRequestError, isJsonRpcError, JsonRpcErrorCode } from '@tern/jsonrpc';
import type { JsonRpcError } from '@tern/jsonrpc';

// Every error class lives in @tern/jsonrpc (one hierarchy, one copy); these are re-exported here
// so that users of the core find them where they always were.
export {
  InvalidRequestStateError,
  isSdkError,
  RequestStateRejection,
  ResourceNotFoundError,
  SdkError,
  SdkErrorCode,
  usageError,
} from '@tern/jsonrpc';

/**
 * The one boundary that turns anything a handler throws into a wire error. A
 * {@link JsonRpcError} passes through as the author meant it; anything else becomes `-32603`
 * with a generic message, so stacks and internal messages never reach the peer.
 */
export function toWireError(error: unknown): JsonRpcError {
  if (isJsonRpcError(error)) return error;
  return new InternalError('Internal error', { cause: error });
}

/**
 * A tool execution failure meant for the model: the tool call answers with a result carrying
 * `isError: true` and this message as text, so the model can correct itself (requirements.md
 * #253). Anything else a tool throws (except a `JsonRpcError`, which stays a protocol error) also
 * becomes an `isError` result, but with a generic text: internal messages never leak by accident,
 * and `onError` sees the real error.
 */
export class ToolError extends Error {
  override readonly name: string = 'ToolError';
  readonly structuredContent: unknown;

  constructor(message: string, options?: { structuredContent?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.structuredContent = options?.structuredContent;
  }
}

/**
 * The caller's authorization lacks scopes a tool, prompt or resource requires (RFC 6750 §3.1
 * `insufficient_scope`). On the wire it is `-32600` with `data.error` `"insufficient_scope"` and
 * `data.scope` the space-separated scopes the operation needs; the HTTP transport answers it with
 * 403 and a `WWW-Authenticate` step-up challenge. Throw it from a handler for a finer check than
 * registration scopes allow.
 */
export class InsufficientScopeError extends InvalidRequestError {
  override readonly name: string = 'InsufficientScopeError';
  declare readonly data: { error: 'insufficient_scope'; scope: string };

  constructor(requiredScopes: readonly string[], message = 'Forbidden: insufficient scope') {
    super(message, { data: { error: 'insufficient_scope', scope: requiredScopes.join(' ') } });
  }
}

/** True when a wire error object is an {@link InsufficientScopeError}, also from another install. */
export function isInsufficientScope(error: { code: number; data?: unknown }): boolean {
  const data = error.data as { error?: unknown; scope?: unknown } | undefined;
  return (
    error.code === JsonRpcErrorCode.InvalidRequest &&
    typeof data === 'object' &&
    data !== null &&
    data.error === 'insufficient_scope' &&
    typeof data.scope === 'string'
  );
}
