import * as z from 'zod';
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
  experimental: capabilityMapSchema.optional(),
  /** Present if the client can list roots (deprecated). There is no `listChanged` any more. */
  roots: z.looseObject({}).optional(),
  /** Present if the client supports sampling from an LLM (deprecated). */
  sampling: z
    .looseObject({
      /** Support for `includeContext` values other than `"none"` (soft-deprecated). */
      context: JSONObjectSchema.optional(),
      /** Support for `tools` and `toolChoice` in sampling requests. */
      tools: JSONObjectSchema.optional(),
    })
    .optional(),
  /** Present if the client supports elicitation. `{}` means form mode only. */
  elicitation: z
    .looseObject({
      /** Form-mode elicitation. */
      form: JSONObjectSchema.optional(),
      /** URL-mode elicitation. */
      url: JSONObjectSchema.optional(),
    })
    .optional(),
  /** Extensions keyed by extension identifier (for example `io.modelcontextprotocol/ui`). */
  extensions: capabilityMapSchema.optional(),
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
  experimental: capabilityMapSchema.optional(),
  /** Present if the server can send log messages (deprecated). */
  logging: JSONObjectSchema.optional(),
  /** Present if the server supports argument autocompletion. */
  completions: JSONObjectSchema.optional(),
  /** Present if the server offers prompts. */
  prompts: z
    .looseObject({
      /** Whether the server sends `notifications/prompts/list_changed` to listeners. */
      listChanged: z.boolean().optional(),
    })
    .optional(),
  /** Present if the server offers resources. */
  resources: z
    .looseObject({
      /** Whether `subscriptions/listen` honours `resourceSubscriptions`. */
      subscribe: z.boolean().optional(),
      /** Whether the server sends `notifications/resources/list_changed` to listeners. */
      listChanged: z.boolean().optional(),
    })
    .optional(),
  /** Present if the server offers tools. */
  tools: z
    .looseObject({
      /** Whether the server sends `notifications/tools/list_changed` to listeners. */
      listChanged: z.boolean().optional(),
    })
    .optional(),
  /** Extensions keyed by extension identifier (for example `io.modelcontextprotocol/tasks`). */
  extensions: capabilityMapSchema.optional(),
});
/** Capabilities that a server may support. */
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;
