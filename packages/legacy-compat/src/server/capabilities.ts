import type { ClientCapabilities, LegacyProtocolVersion, ServerCapabilities } from '@tern/schema';
import type { LegacyClientCapabilities, LegacyServerCapabilities } from '@tern/schema/legacy';

type JsonObject = Record<string, unknown>;

/**
 * The server's 2026 capabilities in the legacy `InitializeResult` shape. `extensions` has no legacy
 * counterpart and is left out; `tasks` is never advertised (the layer does not serve the
 * experimental tasks of 2025-11-25). `resources.subscribe` carries over: the layer answers
 * `resources/subscribe` exactly when the server honours resource subscriptions.
 */
export function toLegacyServerCapabilities(
  capabilities: ServerCapabilities,
): LegacyServerCapabilities {
  const legacy: LegacyServerCapabilities = {};
  if (capabilities.experimental !== undefined) legacy.experimental = capabilities.experimental;
  if (capabilities.logging !== undefined) legacy.logging = {};
  if (capabilities.completions !== undefined) legacy.completions = {};
  if (capabilities.prompts !== undefined)
    legacy.prompts = pick(capabilities.prompts, ['listChanged']);
  if (capabilities.resources !== undefined) {
    legacy.resources = pick(capabilities.resources, ['subscribe', 'listChanged']);
  }
  if (capabilities.tools !== undefined) legacy.tools = pick(capabilities.tools, ['listChanged']);
  return legacy;
}

/**
 * A legacy session's client capabilities in the 2026 shape that handlers see in their envelope
 * (spec/legacy.md §7): `roots.listChanged` and `tasks` are dropped, and what the negotiated
 * revision did not have is removed, so the core refuses it with `-32021` instead of sending a
 * request the client cannot understand:
 * - 2025-03-26 had no elicitation;
 * - 2025-06-18 had form elicitation only (no URL mode);
 * - before 2025-11-25 there was no tool use in sampling, and `includeContext` needed no capability.
 */
export function toEnvelopeCapabilities(
  version: LegacyProtocolVersion,
  capabilities: LegacyClientCapabilities,
): ClientCapabilities {
  const modern: ClientCapabilities = {};
  if (capabilities.experimental !== undefined) {
    modern.experimental = capabilities.experimental as ClientCapabilities['experimental'];
  }
  if (capabilities.roots !== undefined) modern.roots = {};
  const sampling = capabilities.sampling;
  if (sampling !== undefined) {
    modern.sampling =
      version === '2025-11-25' ? pick(sampling, ['context', 'tools']) : { context: {} };
  }
  const elicitation = capabilities.elicitation;
  if (elicitation !== undefined && version !== '2025-03-26') {
    modern.elicitation =
      version === '2025-11-25' ? pick(elicitation, ['form', 'url']) : { form: {} };
  }
  return modern;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
