/**
 * Translation between the modern requests `McpClient` builds and the legacy (2025-era) wire: the
 * per-request `_meta` keys go, capabilities move into `initialize`, results gain `resultType`.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning (dual-era)
 */
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { MetaKey, ResultType } from '@tern/schema';
import type { ClientCapabilities, Implementation, LoggingLevel } from '@tern/schema';
import type { InitializeResult, LegacyClientCapabilities } from '@tern/schema/legacy';

/** `_meta` keys that only mean something to a modern server. */
const MODERN_META_KEYS: readonly string[] = [
  MetaKey.ProtocolVersion,
  MetaKey.ClientCapabilities,
  MetaKey.ClientInfo,
  MetaKey.LogLevel,
];

/** What a modern request says about its sender in `_meta`. */
export interface ModernRequestMeta {
  protocolVersion: string | undefined;
  capabilities: ClientCapabilities | undefined;
  clientInfo: Implementation | undefined;
  logLevel: LoggingLevel | undefined;
  progressToken: string | number | undefined;
}

/** Reads the modern `_meta` keys of `request` (each `undefined` when absent or malformed). */
export function readModernMeta(request: JsonRpcRequest): ModernRequestMeta {
  const meta = metaOf(request.params);
  const version = meta[MetaKey.ProtocolVersion];
  const capabilities = meta[MetaKey.ClientCapabilities];
  const clientInfo = meta[MetaKey.ClientInfo] as Partial<Implementation> | undefined;
  const logLevel = meta[MetaKey.LogLevel];
  const progressToken = meta[MetaKey.ProgressToken];
  return {
    protocolVersion: typeof version === 'string' ? version : undefined,
    capabilities: isRecord(capabilities) ? capabilities : undefined,
    clientInfo:
      typeof clientInfo?.name === 'string' && typeof clientInfo.version === 'string'
        ? (clientInfo as Implementation)
        : undefined,
    logLevel: typeof logLevel === 'string' ? (logLevel as LoggingLevel) : undefined,
    progressToken:
      typeof progressToken === 'string' || typeof progressToken === 'number'
        ? progressToken
        : undefined,
  };
}

/**
 * The params of `request` as a legacy server expects them: the modern `_meta` keys are removed
 * (version, capabilities and client info were negotiated by `initialize`; the log level becomes a
 * `logging/setLevel` call), everything else (`progressToken`, `traceparent`, vendor keys) stays.
 * An emptied `_meta` is dropped; `undefined` when nothing is left of the params at all.
 */
export function toLegacyParams(
  params: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (params === undefined) return undefined;
  const { _meta: rawMeta, ...rest } = params;
  if (!isRecord(rawMeta)) return rawMeta === undefined ? rest : params;
  const meta = Object.fromEntries(
    Object.entries(rawMeta).filter(([key]) => !MODERN_META_KEYS.includes(key)),
  );
  return Object.keys(meta).length === 0 ? rest : { ...rest, _meta: meta };
}

/**
 * The session-wide 2025-11-25 capabilities a client with these per-request capabilities declares
 * in `initialize`. `roots.listChanged` stays off (the transport never sends
 * `notifications/roots/list_changed`) and `tasks` is never declared; `extensions` has no legacy
 * counterpart.
 */
export function toLegacyCapabilities(
  capabilities: ClientCapabilities | undefined,
): LegacyClientCapabilities {
  const legacy: LegacyClientCapabilities = {};
  if (capabilities === undefined) return legacy;
  if (capabilities.experimental !== undefined) legacy.experimental = capabilities.experimental;
  if (capabilities.roots !== undefined) legacy.roots = {};
  if (capabilities.sampling !== undefined) {
    legacy.sampling = {
      ...(capabilities.sampling.context === undefined
        ? {}
        : { context: capabilities.sampling.context }),
      ...(capabilities.sampling.tools === undefined ? {} : { tools: capabilities.sampling.tools }),
    };
  }
  if (capabilities.elicitation !== undefined) {
    const { form, url } = capabilities.elicitation;
    // `{}` means form only in 2026-07-28 as in 2025-11-25; spelled out for 2025-11-25 servers.
    legacy.elicitation =
      form === undefined && url === undefined
        ? { form: {} }
        : {
            ...(form === undefined ? {} : { form }),
            ...(url === undefined ? {} : { url }),
          };
  }
  return legacy;
}

/** A legacy result as the modern client core reads it: `resultType: "complete"` added. */
export function toModernResult(result: Record<string, unknown>): Record<string, unknown> {
  return { ...result, resultType: ResultType.Complete };
}

/**
 * A `server/discover` result synthesized from the session's `InitializeResult`, so that
 * `McpClient.discover()` works against a legacy server. `supportedVersions` holds the negotiated
 * legacy version; the result is never cached (`ttlMs: 0`).
 */
export function discoverResultFrom(initialize: InitializeResult): Record<string, unknown> {
  const { tasks: _tasks, ...capabilities } = initialize.capabilities;
  return {
    resultType: ResultType.Complete,
    supportedVersions: [initialize.protocolVersion],
    capabilities,
    ...(initialize.instructions === undefined ? {} : { instructions: initialize.instructions }),
    ttlMs: 0,
    cacheScope: 'private',
    _meta: { [MetaKey.ServerInfo]: initialize.serverInfo },
  };
}

/** The `_meta` object of `params`, or `{}`. */
export function metaOf(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const meta = params?.['_meta'];
  return isRecord(meta) ? meta : {};
}

/** A plain object (not an array, not `null`). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
