/**
 * JSON-RPC error codes used by MCP 2026-07-28, and the ranges they come from.
 *
 * Ranges (MCP `basic/index`):
 * - `-32768..-32000` is reserved by JSON-RPC 2.0. Application-specific codes should live outside it.
 * - `-32000..-32019` holds legacy implementation-defined codes from older SDKs. No new code may be
 *   allocated there, and receivers must not attach meaning to a code in that range, with one
 *   exception: `-32002` ({@link LegacyErrorCode.ResourceNotFound}).
 * - `-32020..-32099` is reserved for the MCP specification. Only `-32020`, `-32021` and `-32022` are
 *   defined; emitting any other code in this range is forbidden.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */

/**
 * The error codes a 2026-07-28 implementation may put on the wire: the five JSON-RPC 2.0 standard
 * codes and the three codes MCP defines in its reserved range.
 */
export const JsonRpcErrorCode = {
  /** The message is not valid JSON (or not valid UTF-8). */
  ParseError: -32700,
  /** The JSON is not exactly one valid JSON-RPC 2.0 message. */
  InvalidRequest: -32600,
  /** The method is unknown, or gated by a server capability that was not advertised. */
  MethodNotFound: -32601,
  /** The params are invalid, e.g. missing required `_meta` fields, or an unknown tool or resource. */
  InvalidParams: -32602,
  /** The receiver failed unexpectedly while handling the request. */
  InternalError: -32603,
  /** An HTTP header required by MCP is missing or malformed, or does not match the body. */
  HeaderMismatch: -32020,
  /** The request needs a client capability that the request did not declare. */
  MissingRequiredClientCapability: -32021,
  /** The requested protocol version is unknown or not supported by the receiver. */
  UnsupportedProtocolVersion: -32022,
} as const;

/** One of the codes in the {@link JsonRpcErrorCode} table. */
export type JsonRpcErrorCode = (typeof JsonRpcErrorCode)[keyof typeof JsonRpcErrorCode];

/**
 * Codes from MCP 2025-11-25 that 2026-07-28 retired. A 2026 server must never emit them; a client
 * should still accept `-32002` from an older server as "resource not found".
 */
export const LegacyErrorCode = {
  /** Resource not found in 2025-11-25 and earlier; 2026-07-28 uses `-32602` with `data.uri`. */
  ResourceNotFound: -32002,
  /** URL elicitation required in 2025-11-25; removed together with server-initiated requests. */
  UrlElicitationRequired: -32042,
} as const;

/** One of the codes in the {@link LegacyErrorCode} table. */
export type LegacyErrorCode = (typeof LegacyErrorCode)[keyof typeof LegacyErrorCode];

/**
 * Numbers that drafts of 2026-07-28 (and the text of SEP-2243) used before the codes were
 * renumbered for release. Never send them; they are listed so that nobody reintroduces them.
 */
export const RetiredDraftErrorCode = {
  /** Draft number of {@link JsonRpcErrorCode.HeaderMismatch} (`-32020`). */
  HeaderMismatch: -32001,
  /** Draft number of {@link JsonRpcErrorCode.MissingRequiredClientCapability} (`-32021`). */
  MissingRequiredClientCapability: -32003,
  /** Draft number of {@link JsonRpcErrorCode.UnsupportedProtocolVersion} (`-32022`). */
  UnsupportedProtocolVersion: -32004,
} as const;

/** One of the codes in the {@link RetiredDraftErrorCode} table. */
export type RetiredDraftErrorCode =
  (typeof RetiredDraftErrorCode)[keyof typeof RetiredDraftErrorCode];

const namesByCode = new Map<number, keyof typeof JsonRpcErrorCode>(
  Object.entries(JsonRpcErrorCode).map(
    ([name, code]) => [code, name as keyof typeof JsonRpcErrorCode] as const,
  ),
);

/**
 * Returns the {@link JsonRpcErrorCode} key for a code, e.g. `'MethodNotFound'` for `-32601`.
 *
 * Legacy and retired draft codes return `undefined` on purpose: a receiver must not attach meaning
 * to them (check `-32002` explicitly against {@link LegacyErrorCode.ResourceNotFound}).
 */
export function errorCodeName(code: number): keyof typeof JsonRpcErrorCode | undefined {
  return namesByCode.get(code);
}

/** Whether `code` is one of the eight codes of the {@link JsonRpcErrorCode} table. */
export function isKnownErrorCode(code: number): code is JsonRpcErrorCode {
  return namesByCode.has(code);
}

/**
 * Whether `code` lies in `-32099..-32020`, the range reserved for the MCP specification. Code
 * that picks its own error codes must stay out of it.
 */
export function isSpecReservedCode(code: number): boolean {
  return Number.isInteger(code) && code >= -32099 && code <= -32020;
}

/**
 * Whether `code` lies in `-32019..-32000`, the legacy implementation-defined range. A receiver must
 * not attach any meaning to such a code, except `-32002` (legacy resource not found).
 */
export function isLegacyImplementationCode(code: number): boolean {
  return Number.isInteger(code) && code >= -32019 && code <= -32000;
}
