import { createResultResponse, JsonRpcErrorCode, LegacyErrorCode } from '@tern/jsonrpc';
import type { JsonRpcResponse } from '@tern/jsonrpc';
import type { LegacyProtocolVersion } from '@tern/schema';
import { MetaKey } from '@tern/schema';

type JsonObject = Record<string, unknown>;

/** Result members that only 2026-07-28 has (resultType, caching hints). */
const MODERN_RESULT_KEYS = ['resultType', 'ttlMs', 'cacheScope'] as const;

/**
 * Turns a response of the 2026 core into the shape of the negotiated legacy revision
 * (spec/legacy.md §6, §7):
 * - results lose `resultType`, `ttlMs`, `cacheScope` and the `io.modelcontextprotocol/serverInfo`
 *   key of `_meta` (the `InitializeResult` carries `serverInfo`);
 * - "resource not found" (2026: `-32602` with `data.uri`) becomes the legacy `-32002`;
 * - `-32021` (missing client capability) exists only in 2026-07-28: a `tools/call` answers with an
 *   `isError` tool result carrying its message, as the official 2025-era servers do, and any other
 *   method with `-32603` (the code those servers send), `data.requiredCapabilities` kept;
 * - 2025-03-26 had no structured tool output: `outputSchema` and `structuredContent` are left out
 *   (the core always mirrors structured content as text in `content`).
 */
export function toLegacyResponse(
  method: string,
  response: JsonRpcResponse,
  version: LegacyProtocolVersion,
): JsonRpcResponse {
  if ('error' in response) {
    const { error } = response;
    const data = error.data as { uri?: unknown } | undefined;
    if (
      method === 'resources/read' &&
      error.code === JsonRpcErrorCode.InvalidParams &&
      typeof data?.uri === 'string'
    ) {
      return { ...response, error: { ...error, code: LegacyErrorCode.ResourceNotFound } };
    }
    if (error.code === JsonRpcErrorCode.MissingRequiredClientCapability) {
      const { id } = response;
      if (method === 'tools/call' && id !== null && id !== undefined) {
        const content = [{ type: 'text', text: error.message }];
        return createResultResponse(id, { content, isError: true });
      }
      return { ...response, error: { ...error, code: JsonRpcErrorCode.InternalError } };
    }
    return response;
  }
  const result = stripModernKeys(response.result);
  if (version === '2025-03-26') {
    if (method === 'tools/call') delete result['structuredContent'];
    if (method === 'tools/list' && Array.isArray(result['tools'])) {
      result['tools'] = (result['tools'] as JsonObject[]).map(
        ({ outputSchema: _dropped, ...tool }) => tool,
      );
    }
  }
  return { ...response, result };
}

function stripModernKeys(result: JsonObject): JsonObject {
  const legacy: JsonObject = { ...result };
  for (const key of MODERN_RESULT_KEYS) delete legacy[key];
  const meta = legacy['_meta'];
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) {
    const rest: JsonObject = { ...(meta as JsonObject) };
    delete rest[MetaKey.ServerInfo];
    if (Object.keys(rest).length === 0) delete legacy['_meta'];
    else legacy['_meta'] = rest;
  }
  return legacy;
}
