/**
 * The rules of the era probe that every dual-era client transport shares (HTTP in
 * `detect-era.ts`, stdio in `@tern/stdio`): what the probe sends, and which answers mean modern.
 * Kept apart from the layer so that a transport can probe without loading it.
 *
 * @see spec digest legacy.md §5.2 and §5.3, requirements.md #266
 */
import { JsonRpcErrorCode } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey, MODERN_PROTOCOL_VERSIONS } from '@tern/schema';

/** The errors only a modern server sends: the request must be fixed or retried, never downgraded. */
export const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  JsonRpcErrorCode.HeaderMismatch,
  JsonRpcErrorCode.MissingRequiredClientCapability,
  JsonRpcErrorCode.UnsupportedProtocolVersion,
]);

const MODERN_VERSIONS: ReadonlySet<unknown> = new Set(MODERN_PROTOCOL_VERSIONS);

/**
 * Whether a probe's result is a modern `DiscoverResult`: its `supportedVersions` lists a modern
 * version this client speaks. Some legacy servers answer unknown methods with `{}`, and a server
 * that lists only 2025 versions cannot take modern requests either.
 */
export function isModernDiscoverResult(result: Record<string, unknown>): boolean {
  const versions = result['supportedVersions'];
  return Array.isArray(versions) && versions.some((version) => MODERN_VERSIONS.has(version));
}

/** `server/discover` with the version, capabilities and client info of `request`'s `_meta`. */
export function discoverProbeFor(request: JsonRpcRequest, id: string): JsonRpcRequest {
  const raw = request.params?.['_meta'];
  const meta = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const version = meta[MetaKey.ProtocolVersion];
  return {
    jsonrpc: '2.0',
    id,
    method: 'server/discover',
    params: {
      _meta: {
        [MetaKey.ProtocolVersion]: typeof version === 'string' ? version : LATEST_PROTOCOL_VERSION,
        [MetaKey.ClientCapabilities]: meta[MetaKey.ClientCapabilities] ?? {},
        ...(meta[MetaKey.ClientInfo] === undefined ? {} : { [MetaKey.ClientInfo]: meta[MetaKey.ClientInfo] }),
      },
    },
  };
}
