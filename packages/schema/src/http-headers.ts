// Streamable HTTP header names and the encoding markers of mirrored parameters.
// See https://modelcontextprotocol.io/specification/2026-07-28/basic/transports

/**
 * HTTP header names used by MCP. HTTP compares names case-insensitively; values are compared
 * case-sensitively.
 */
export const HttpHeader = {
  /** The request's protocol revision; must equal `_meta["io.modelcontextprotocol/protocolVersion"]`. */
  ProtocolVersion: 'MCP-Protocol-Version',
  /** The JSON-RPC method of the body (2026-07-28). */
  Method: 'Mcp-Method',
  /** `params.name` of `tools/call`/`prompts/get`, or `params.uri` of `resources/read` (2026-07-28). */
  Name: 'Mcp-Name',
  /** Prefix of headers mirroring `x-mcp-header`-annotated tool arguments (`Mcp-Param-{Name}`). */
  ParamPrefix: 'Mcp-Param-',
  /** Legacy session id (2025-03-26 to 2025-11-25); never minted or echoed by a modern server. */
  SessionId: 'Mcp-Session-Id',
  /** Legacy SSE resumption (2025-11-25 and earlier); ignored by a modern server. */
  LastEventId: 'Last-Event-ID',
} as const;
/** One of the header names in {@link HttpHeader}. */
export type HttpHeader = (typeof HttpHeader)[keyof typeof HttpHeader];

/** Start of a base64-encoded header value: `=?base64?<data>?=` (lowercase, exact). */
export const BASE64_SENTINEL_PREFIX = '=?base64?';

/** End of a base64-encoded header value. */
export const BASE64_SENTINEL_SUFFIX = '?=';

/** The JSON Schema keyword marking a tool argument that is mirrored into an `Mcp-Param-*` header. */
export const X_MCP_HEADER = 'x-mcp-header';
