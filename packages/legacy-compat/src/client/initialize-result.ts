import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import { isLegacyProtocolVersion } from '@tern/schema';
import type { LegacyProtocolVersion } from '@tern/schema';
import { InitializeResultSchema } from '@tern/schema/legacy';
import type { InitializeResult } from '@tern/schema/legacy';

/**
 * Checks the result of `initialize`, over any transport: a valid `InitializeResult` whose version
 * this client speaks.
 * @throws SdkError INVALID_RESULT for a result that breaks the schema
 * @throws SdkError NO_COMMON_PROTOCOL_VERSION when the server chose a version this client does
 *   not speak (the caller then disconnects, as the 2025-11-25 lifecycle says)
 */
export function readInitializeResult(
  result: unknown,
  requested: string,
): { result: InitializeResult; protocolVersion: LegacyProtocolVersion } {
  const parsed = InitializeResultSchema.safeParse(result);
  if (!parsed.success) {
    throw new SdkError(SdkErrorCode.InvalidResult, 'The server answered initialize with an invalid result', {
      data: { method: 'initialize', issues: parsed.error.issues },
    });
  }
  const version = parsed.data.protocolVersion;
  if (!isLegacyProtocolVersion(version)) {
    throw new SdkError(
      SdkErrorCode.NoCommonProtocolVersion,
      `The server chose protocol version ${version} in initialize, which this client does not speak`,
      { data: { method: 'initialize', supported: [version], requested } },
    );
  }
  return { result: parsed.data, protocolVersion: version };
}
