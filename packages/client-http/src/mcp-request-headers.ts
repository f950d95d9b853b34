/**
 * The MCP headers of one POST, derived from its JSON-RPC body.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports (requirements
 *   #104, #115, #116, #120-#122, #125, #126, #128, #133)
 */
import { encodeHeaderValue, headerValueFor, mcpParamHeaderName } from '@tern/core-protocol';
import type { McpHeaderParam } from '@tern/core-protocol';
import type { JsonRpcNotification, JsonRpcRequest } from '@tern/jsonrpc';
import { HttpHeader, MetaKey } from '@tern/schema';

/** Both response kinds a client must handle (requirements #104). */
export const ACCEPT = 'application/json, text/event-stream';

/** Where `Mcp-Name` comes from, per method (requirements #120). */
const NAME_SOURCES: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

/**
 * Sets the MCP headers of `message` on `headers`, replacing any value already there so that extra
 * headers supplied by the application can never contradict the body:
 *
 * - `Content-Type` and `Accept`;
 * - `MCP-Protocol-Version`, equal to `_meta["io.modelcontextprotocol/protocolVersion"]`;
 * - `Mcp-Method`, equal to the body's `method`;
 * - `Mcp-Name` for `tools/call`/`prompts/get` (`params.name`) and `resources/read` (`params.uri`),
 *   through the base64 sentinel when it is not a safe plain value;
 * - `Mcp-Name` of an extension method from `target.name` (`tasks/get` names its `taskId`);
 * - one `Mcp-Param-<Name>` per `x-mcp-header` parameter whose argument is present (absent or
 *   `null` arguments have no header).
 *
 * @internal
 */
export function setMcpRequestHeaders(
  headers: Headers,
  message: JsonRpcRequest | JsonRpcNotification,
  target: { headerParams?: readonly McpHeaderParam[] | undefined; name?: string | undefined } = {},
): void {
  const headerParams = target.headerParams ?? [];
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', ACCEPT);
  const params = message.params ?? {};
  const meta = params['_meta'];
  const version = isRecord(meta) ? meta[MetaKey.ProtocolVersion] : undefined;
  if (typeof version === 'string') headers.set(HttpHeader.ProtocolVersion, version);
  headers.set(HttpHeader.Method, message.method);
  const nameSource = NAME_SOURCES[message.method];
  const name = nameSource === undefined ? target.name : params[nameSource];
  if (typeof name === 'string') headers.set(HttpHeader.Name, encodeHeaderValue(name));
  if (headerParams.length === 0) return;
  const args = params['arguments'];
  for (const param of headerParams) {
    const value = headerValueFor(param, args);
    if (value !== undefined) headers.set(mcpParamHeaderName(param), value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
