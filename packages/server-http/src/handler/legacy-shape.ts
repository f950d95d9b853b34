import { isLegacyProtocolVersion, MetaKey, HttpHeader } from '@tern/schema';
import type { HttpRequestInfo } from '../exchange.js';

const PROTOCOL_VERSION_HEADER = HttpHeader.ProtocolVersion.toLowerCase();

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Whether a POST body belongs to a pre-2026 client, following the routing recipe of
 * spec/legacy.md §6: a batch array, a JSON-RPC response, `initialize`, or a message with neither a
 * modern `_meta` protocol version nor a modern `MCP-Protocol-Version` header. Only consulted when a
 * fallback is configured. @internal
 */
export function isLegacyShaped(body: unknown, request: HttpRequestInfo): boolean {
  if (Array.isArray(body)) return true;
  const method = field(body, 'method');
  if (method === undefined || method === 'initialize') return true;
  const metaVersion = field(field(field(body, 'params'), '_meta'), MetaKey.ProtocolVersion);
  if (typeof metaVersion === 'string') return false;
  const header = request.header(PROTOCOL_VERSION_HEADER);
  return header === undefined || isLegacyProtocolVersion(header);
}
