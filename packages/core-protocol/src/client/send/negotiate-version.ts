import { JsonRpcError, JsonRpcErrorCode } from '@tern/jsonrpc';
import { MODERN_PROTOCOL_VERSIONS } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../../errors.js';
import type { SendStep } from './send-step.js';

/**
 * After a `-32022`, switches to the best version both sides speak and sends once more
 * (requirements.md #46). A server that lists the version it just refused gets one more try with
 * it; a second `-32022` is final.
 */
export function negotiateVersion(version: { get: () => string; set: (version: string) => void }): SendStep {
  return async (request, next) => {
    try {
      return await next(request);
    } catch (error) {
      if (!(error instanceof JsonRpcError) || error.code !== JsonRpcErrorCode.UnsupportedProtocolVersion) throw error;
      const supported = (error.data as { supported?: unknown } | undefined)?.supported;
      const common = (Array.isArray(supported) ? supported : [])
        .filter((candidate): candidate is string => MODERN_PROTOCOL_VERSIONS.includes(candidate as never))
        .sort()
        .reverse()[0];
      if (common === undefined) {
        throw new SdkError(SdkErrorCode.NoCommonProtocolVersion, 'The server speaks no protocol version this client speaks', {
          data: error.data,
          cause: error,
        });
      }
      version.set(common);
      return next(request);
    }
  };
}
