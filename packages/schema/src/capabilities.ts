import * as z from 'zod/mini';
import { JSONObjectSchema } from './json.js';

/** @internal A map from identifier to an open JSON object (`experimental`, `extensions`). */
export const capabilityMapSchema = z.record(z.string(), JSONObjectSchema);

/**
 * Capabilities a client declares in `_meta["io.modelcontextprotocol/clientCapabilities"]` of
 * every request. `{}` means "no optional capabilities". Open: unknown members pass through.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/lifecycle
 */
export const ClientCapabilitiesSchema = z.looseObject({
  /** Experimental, non-standard capabilities. */
  experimental: z.optional(capabilityMapSchema),
  /** Present if the client can list roots (deprecated). There is no `listChanged` any more. */
  roots: z.optional(z.looseObject({})),
  /** Present if the client supports sampling from an LLM (deprecated). */
  sampling: z.optional(z
    .looseObject({
      /** Support for `includeContext` values other than `"none"` (soft-deprecated). */
      context: z.optional(JSONObjectSchema),
      /** Support for `tools` and `toolChoice` in sampling requests. */
      tools: z.optional(JSONObjectSchema),
    })),
  /** Present if the client supports elicitation. `{}` means form mode only. */
  elicitation: z.optional(z
    .looseObject({
      /** Form-mode elicitation. */
      form: z.optional(JSONObjectSchema),
      /** URL-mode elicitation. */
      url: z.optional(JSONObjectSchema),
    })),
  /** Extensions keyed by extension identifier (for example `io.modelcontextprotocol/ui`). */
  extensions: z.optional(capabilityMapSchema),
});
/** Capabilities a client may support. */
export type ClientCapabilities = z.infer<typeof ClientCapabilitiesSchema>;

/**
 * Capabilities a server advertises in its `server/discover` result. Open: unknown members pass
 * through.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/discover
 */
export const ServerCapabilitiesSchema = z.looseObject({
  /** Experimental, non-standard capabilities. */
  experimental: z.optional(capabilityMapSchema),
  /** Present if the server can send log messages (deprecated). */
  logging: z.optional(JSONObjectSchema),
  /** Present if the server supports argument autocompletion. */
  completions: z.optional(JSONObjectSchema),
  /** Present if the server offers prompts. */
  prompts: z.optional(z
    .looseObject({
      /** Whether the server sends `notifications/prompts/list_changed` to listeners. */
      listChanged: z.optional(z.boolean()),
    })),
  /** Present if the server offers resources. */
  resources: z.optional(z
    .looseObject({
      /** Whether `subscriptions/listen` honours `resourceSubscriptions`. */
      subscribe: z.optional(z.boolean()),
      /** Whether the server sends `notifications/resources/list_changed` to listeners. */
      listChanged: z.optional(z.boolean()),
    })),
  /** Present if the server offers tools. */
  tools: z.optional(z
    .looseObject({
      /** Whether the server sends `notifications/tools/list_changed` to listeners. */
      listChanged: z.optional(z.boolean()),
    })),
  /** Extensions keyed by extension identifier (for example `io.modelcontextprotocol/tasks`). */
  extensions: z.optional(capabilityMapSchema),
});
/** Capabilities that a server may support. */
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;
