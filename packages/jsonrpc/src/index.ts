/**
 * `@tern/jsonrpc`: JSON-RPC 2.0 envelopes as MCP 2026-07-28 uses them, a hardened message parser,
 * request-id allocation, the error-code table and `JsonRpcError` with one subclass per code.
 * Everything exported here is public API; anything else in this package is internal.
 *
 * @module
 */

export {
  createErrorResponse,
  createNotification,
  createRequest,
  createResultResponse,
  isJsonRpcErrorResponse,
  isJsonRpcId,
  isJsonRpcNotification,
  isJsonRpcRequest,
  isJsonRpcResponse,
  isJsonRpcResultResponse,
  JSONRPC_VERSION,
} from './envelope.js';
export type {
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcResultResponse,
} from './envelope.js';

export { parseMessage, safeParseMessage, safeParseMessageValue } from './parse-message.js';
export type { ParseMessageOptions, ParseMessageResult } from './parse-message.js';

export {
  errorCodeName,
  isKnownErrorCode,
  isLegacyImplementationCode,
  isSpecReservedCode,
  JsonRpcErrorCode,
  LegacyErrorCode,
  RetiredDraftErrorCode,
} from './error-codes.js';

export {
  HeaderMismatchError,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
  isJsonRpcError,
  JsonRpcError,
  MethodNotFoundError,
  MissingRequiredClientCapabilityError,
  ParseError,
  UnsupportedProtocolVersionError,
} from './json-rpc-error.js';
export type {
  JsonRpcErrorOptions,
  MissingRequiredClientCapabilityData,
  MissingRequiredClientCapabilityErrorOptions,
  UnsupportedProtocolVersionData,
  UnsupportedProtocolVersionErrorOptions,
} from './json-rpc-error.js';

export {
  InvalidRequestStateError,
  RequestStateRejection,
  ResourceNotFoundError,
} from './mcp-errors.js';
export { registerWireError } from './wire-error-registry.js';
export type { WireErrorDecoder } from './wire-error-registry.js';
export { isSdkError, SdkError, SdkErrorCode, usageError } from './sdk-error.js';

export { RequestIdAllocator } from './request-id.js';
export type { RequestIdAllocatorOptions } from './request-id.js';
