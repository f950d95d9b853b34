import { isSdkError, SdkErrorCode } from '@tern/core-protocol';
import { discoverProbeFor, isModernDiscoverResult, MODERN_ERROR_CODES } from '@tern/legacy-compat/options';
import type { ServerEra } from '@tern/legacy-compat/options';
import { isJsonRpcErrorResponse } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import type { PeerConnection } from './peer-connection.js';

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
  const discover = discoverProbeFor(request, probe.id);
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
  return isModernDiscoverResult(response.result) ? 'modern' : 'legacy';
}
