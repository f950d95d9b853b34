import { JsonRpcError, JsonRpcErrorCode } from '@tern/jsonrpc';
import type { ToolHeaders } from '../tool-headers.js';
import type { OutgoingRequest, SendStep } from './send-step.js';

/**
 * For `tools/call` on a header-mirroring transport: adds the tool's `Mcp-Param-*` parameters, and
 * after a `-32020` refreshes `tools/list` once and tries again with corrected headers
 * (requirements.md #129).
 */
export function mirrorToolHeaders(tools: ToolHeaders, refreshTools: (request: OutgoingRequest) => Promise<void>): SendStep {
  return async (request, next) => {
    if (request.method !== 'tools/call') return next(request);
    const name = String(request.params['name']);
    const withHeaders = (): OutgoingRequest => {
      const headerParams = tools.paramsFor(name);
      return headerParams === undefined ? request : { ...request, options: { ...request.options, headerParams } };
    };
    try {
      return await next(withHeaders());
    } catch (error) {
      if (!(error instanceof JsonRpcError) || error.code !== JsonRpcErrorCode.HeaderMismatch) throw error;
      tools.clear();
      await refreshTools(request);
      return next(withHeaders());
    }
  };
}
