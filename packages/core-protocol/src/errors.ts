import { InternalError, isJsonRpcError } from '@tern/jsonrpc';
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
