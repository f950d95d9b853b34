/**
 * The four JSON-RPC 2.0 message shapes MCP exchanges, guards that tell them apart and small
 * constructors. MCP narrows JSON-RPC 2.0: `params` and `result` are always objects and batches do
 * not exist.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */

/** The value of the `jsonrpc` member of every message. */
export const JSONRPC_VERSION = '2.0';

/**
 * A request id. MCP allows strings and integers only, never `null`; integers must be safe
 * integers so that they survive a trip through `JSON.parse`.
 */
export type JsonRpcId = string | number;

/**
 * Whether `value` is a usable request id: a string, or a safe integer. Fractions, `NaN`, infinities
 * and integers beyond `Number.MAX_SAFE_INTEGER` in magnitude are refused because they cannot be
 * echoed back exactly, and `null` because MCP forbids it (requirements.md #3).
 */
export function isJsonRpcId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

/** A request: it expects exactly one response carrying the same `id`. */
export interface JsonRpcRequest {
  /** Always `'2.0'`. */
  jsonrpc: typeof JSONRPC_VERSION;
  /** Unique among the sender's requests still awaiting a response. */
  id: JsonRpcId;
  /** The method name, e.g. `'tools/call'`. */
  method: string;
  /** The method's parameters; always an object in MCP. */
  params?: Record<string, unknown>;
}

/** A notification: it has no `id` and must never be answered. */
export interface JsonRpcNotification {
  /** Always `'2.0'`. */
  jsonrpc: typeof JSONRPC_VERSION;
  /** The notification name, e.g. `'notifications/progress'`. */
  method: string;
  /** The notification's parameters; always an object in MCP. */
  params?: Record<string, unknown>;
}

/** A successful response to the request with the same `id`. */
export interface JsonRpcResultResponse {
  /** Always `'2.0'`. */
  jsonrpc: typeof JSONRPC_VERSION;
  /** The id of the request being answered. */
  id: JsonRpcId;
  /** The method's result; always an object in MCP. */
  result: Record<string, unknown>;
}

/** The `error` member of an error response. */
export interface JsonRpcErrorObject {
  /** An integer error code; see `JsonRpcErrorCode`. */
  code: number;
  /** A short, single-sentence description. */
  message: string;
  /** Extra information defined by the sender; its shape depends on `code`. */
  data?: unknown;
}

/** A failed response. */
export interface JsonRpcErrorResponse {
  /** Always `'2.0'`. */
  jsonrpc: typeof JSONRPC_VERSION;
  /** The id of the request being answered, or `null` when it could not be read. */
  id?: JsonRpcId | null;
  /** What went wrong. */
  error: JsonRpcErrorObject;
}

/** Either kind of response. */
export type JsonRpcResponse = JsonRpcResultResponse | JsonRpcErrorResponse;

/** Any single JSON-RPC message MCP can send or receive. */
export type JsonRpcMessage =
  JsonRpcRequest | JsonRpcNotification | JsonRpcResultResponse | JsonRpcErrorResponse;

/**
 * Whether a validated message is a request (it has both `method` and `id`). Only meaningful on a
 * message that `safeParseMessage` accepted or that this package built.
 */
export function isJsonRpcRequest(message: JsonRpcMessage): message is JsonRpcRequest {
  return 'method' in message && 'id' in message;
}

/** Whether a validated message is a notification (it has `method` and no `id`). */
export function isJsonRpcNotification(message: JsonRpcMessage): message is JsonRpcNotification {
  return 'method' in message && !('id' in message);
}

/** Whether a validated message is a successful response (it has `result`). */
export function isJsonRpcResultResponse(message: JsonRpcMessage): message is JsonRpcResultResponse {
  return 'result' in message;
}

/** Whether a validated message is an error response (it has `error`). */
export function isJsonRpcErrorResponse(message: JsonRpcMessage): message is JsonRpcErrorResponse {
  return 'error' in message;
}

/** Whether a validated message is a response of either kind. */
export function isJsonRpcResponse(message: JsonRpcMessage): message is JsonRpcResponse {
  return 'result' in message || 'error' in message;
}

/** Builds a request. `params` is left out of the message when not given. */
export function createRequest(
  id: JsonRpcId,
  method: string,
  params?: Record<string, unknown>,
): JsonRpcRequest {
  return params === undefined
    ? { jsonrpc: JSONRPC_VERSION, id, method }
    : { jsonrpc: JSONRPC_VERSION, id, method, params };
}

/** Builds a notification. `params` is left out of the message when not given. */
export function createNotification(
  method: string,
  params?: Record<string, unknown>,
): JsonRpcNotification {
  return params === undefined
    ? { jsonrpc: JSONRPC_VERSION, method }
    : { jsonrpc: JSONRPC_VERSION, method, params };
}

/** Builds a successful response to the request with the given id. */
export function createResultResponse(
  id: JsonRpcId,
  result: Record<string, unknown>,
): JsonRpcResultResponse {
  return { jsonrpc: JSONRPC_VERSION, id, result };
}

/**
 * Builds an error response. Pass the request's id whenever it could be read (MCP requires echoing
 * it); `null` or `undefined` produce `"id": null`, which JSON-RPC 2.0 prescribes when the id of
 * the offending message could not be determined (e.g. on a parse error).
 *
 * @example
 * ```ts
 * createErrorResponse(null, new ParseError().toJson());
 * // { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }
 * ```
 */
export function createErrorResponse(
  id: JsonRpcId | null | undefined,
  error: JsonRpcErrorObject,
): JsonRpcErrorResponse {
  return { jsonrpc: JSONRPC_VERSION, id: id ?? null, error };
}
