import { isSdkError, SdkErrorCode } from '@tern/core-protocol';
import type { ServerEra } from '@tern/legacy-compat';
import { isJsonRpcErrorResponse, JsonRpcErrorCode } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey, MODERN_PROTOCOL_VERSIONS } from '@tern/schema';
import type { PeerConnection } from './peer-connection.js';

/** Errors only a modern server sends: it is modern, and the request must be fixed, not downgraded. */
const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  JsonRpcErrorCode.HeaderMismatch,
  JsonRpcErrorCode.MissingRequiredClientCapability,
  JsonRpcErrorCode.UnsupportedProtocolVersion,
]);

/**
 * The stdio era probe (spec/legacy.md §5.3, requirements.md #266): `server/discover` with the
 * first request's version, capabilities and client info. A `DiscoverResult` whose
 * `supportedVersions` holds a modern version this client speaks, or a recognised modern error,
 * means modern; any other answer (another error code, a result without such versions, as some
 * legacy servers answer unknown methods with `{}`), silence for `timeoutMs`, or the process
 * exiting means legacy. The verdict never hangs on one particular error code: legacy servers answer an
 * unknown method before `initialize` with -32601, -32602, something else, or not at all.
 * @internal
 */
export async function probeEra(
  peer: PeerConnection,
  request: JsonRpcRequest,
  probe: { id: string; timeoutMs: number },
): Promise<ServerEra> {
  const meta = request.params?.['_meta'] as Record<string, unknown> | undefined;
  const version = meta?.[MetaKey.ProtocolVersion];
  const discover: JsonRpcRequest = {
    jsonrpc: '2.0',
    id: probe.id,
    method: 'server/discover',
    params: {
      _meta: {
        [MetaKey.ProtocolVersion]: typeof version === 'string' ? version : LATEST_PROTOCOL_VERSION,
        [MetaKey.ClientCapabilities]: meta?.[MetaKey.ClientCapabilities] ?? {},
        ...(meta?.[MetaKey.ClientInfo] === undefined
          ? {}
          : { [MetaKey.ClientInfo]: meta[MetaKey.ClientInfo] }),
      },
    },
  };
  let response;
  try {
    response = await peer.call(discover, AbortSignal.timeout(probe.timeoutMs));
  } catch (error) {
    // Silence (the timeout) or a server that exits on an unknown first request: legacy.
    if (isSdkError(error) && error.code === SdkErrorCode.ConnectionClosed) return 'legacy';
    if (error instanceof DOMException && error.name === 'TimeoutError') return 'legacy';
    throw error;
  }
  if (isJsonRpcErrorResponse(response))
    return MODERN_ERROR_CODES.has(response.error.code) ? 'modern' : 'legacy';
  return speaksModern(response.result['supportedVersions']) ? 'modern' : 'legacy';
}

const MODERN_VERSIONS: ReadonlySet<unknown> = new Set(MODERN_PROTOCOL_VERSIONS);

function speaksModern(versions: unknown): boolean {
  return Array.isArray(versions) && versions.some((version) => MODERN_VERSIONS.has(version));
}
