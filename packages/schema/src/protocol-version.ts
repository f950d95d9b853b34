// Protocol revisions Tern knows. "Modern" revisions carry the version in every request's `_meta`;
// "legacy" ones negotiate it once with `initialize`.
// See https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning

/** The newest protocol revision, and the one this package's root entry describes. */
export const LATEST_PROTOCOL_VERSION = '2026-07-28';

/** Modern (per-request metadata) revisions, newest first. */
export const MODERN_PROTOCOL_VERSIONS = ['2026-07-28'] as const;

/** Legacy (`initialize`-based) revisions a dual-era server may still serve, newest first. */
export const LEGACY_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;

/** A modern protocol revision. */
export type ModernProtocolVersion = (typeof MODERN_PROTOCOL_VERSIONS)[number];
/** A legacy protocol revision. */
export type LegacyProtocolVersion = (typeof LEGACY_PROTOCOL_VERSIONS)[number];
/** Any protocol revision Tern knows. */
export type ProtocolVersion = ModernProtocolVersion | LegacyProtocolVersion;

/** Whether `value` is a modern protocol revision (exact, case-sensitive match). */
export function isModernProtocolVersion(value: unknown): value is ModernProtocolVersion {
  return (MODERN_PROTOCOL_VERSIONS as readonly unknown[]).includes(value);
}

/** Whether `value` is a legacy protocol revision (exact, case-sensitive match). */
export function isLegacyProtocolVersion(value: unknown): value is LegacyProtocolVersion {
  return (LEGACY_PROTOCOL_VERSIONS as readonly unknown[]).includes(value);
}
