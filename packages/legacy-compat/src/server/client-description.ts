import type { Implementation } from '@tern/schema';
import type { LegacyClientCapabilities } from '@tern/schema/legacy';

type JsonObject = Record<string, unknown>;

/**
 * What a session keeps of `initialize`'s `clientInfo`: the documented string fields, nothing
 * else (no icons, no unknown fields). The whole description was size-checked before.
 */
export function normaliseClientInfo(info: Implementation): Implementation {
  return {
    name: info.name,
    version: info.version,
    ...(info.title === undefined ? {} : { title: info.title }),
    ...(info.description === undefined ? {} : { description: info.description }),
    ...(info.websiteUrl === undefined ? {} : { websiteUrl: info.websiteUrl }),
  };
}

/**
 * What a session keeps of the client's capabilities: the flags the layer reads (roots,
 * sampling, elicitation, experimental), each reduced to the fields the 2025 revisions define.
 * Unknown fields and `tasks` (not served) are dropped: they would only cost memory.
 */
export function normaliseClientCapabilities(capabilities: LegacyClientCapabilities): LegacyClientCapabilities {
  const kept: LegacyClientCapabilities = {};
  if (capabilities.experimental !== undefined) kept.experimental = capabilities.experimental;
  if (capabilities.roots !== undefined) {
    kept.roots = capabilities.roots.listChanged === undefined ? {} : { listChanged: capabilities.roots.listChanged };
  }
  if (capabilities.sampling !== undefined) kept.sampling = flags(capabilities.sampling, ['context', 'tools']);
  if (capabilities.elicitation !== undefined) kept.elicitation = flags(capabilities.elicitation, ['form', 'url']);
  return kept;
}

/** The listed sub-capabilities that are present, each as `{}` (their content means nothing yet). */
function flags(source: JsonObject, keys: readonly string[]): JsonObject {
  const kept: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) kept[key] = {};
  return kept;
}

/** Characters of JSON of what `initialize` says about the client. */
export function descriptionLength(info: unknown, capabilities: unknown): number {
  return (JSON.stringify(info) ?? '').length + (JSON.stringify(capabilities) ?? '').length;
}
