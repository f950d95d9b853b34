import * as z from 'zod/mini';

// 2025-11-25 capabilities: negotiated once by `initialize` and valid for the whole session.
// Sub-capabilities are plain objects there (`object`), so they are not validated as JSON values.

/** @internal An open object. */
const flagSchema = z.looseObject({});

/** @internal A map of open objects. */
const flagMapSchema = z.record(z.string(), flagSchema);

/**
 * 2025-11-25 client capabilities: `roots.listChanged` and `tasks` exist, `extensions` does not.
 * A dual-era server maps them to the 2026 shape by dropping those two.
 */
export const LegacyClientCapabilitiesSchema = z.looseObject({
  /** Experimental, non-standard capabilities. */
  experimental: z.optional(flagMapSchema),
  /** Roots support. */
  roots: z.optional(z
    .looseObject({
      /** Whether the client sends `notifications/roots/list_changed`. */
      listChanged: z.optional(z.boolean()),
    })),
  /** Sampling support. */
  sampling: z.optional(z
    .looseObject({
      /** Support for `includeContext` other than `none`. */
      context: z.optional(flagSchema),
      /** Support for tools in sampling. */
      tools: z.optional(flagSchema),
    })),
  /** Elicitation support; `{}` means form only. */
  elicitation: z.optional(z
    .looseObject({
      /** Form mode. */
      form: z.optional(flagSchema),
      /** URL mode. */
      url: z.optional(flagSchema),
    })),
  /** Task-augmented requests the client accepts (experimental). */
  tasks: z.optional(z
    .looseObject({
      /** Supports `tasks/list`. */
      list: z.optional(flagSchema),
      /** Supports `tasks/cancel`. */
      cancel: z.optional(flagSchema),
      /** Request types that may be task-augmented. */
      requests: z.optional(z
        .looseObject({
          /** Sampling requests. */
          sampling: z.optional(z.looseObject({ createMessage: z.optional(flagSchema) })),
          /** Elicitation requests. */
          elicitation: z.optional(z.looseObject({ create: z.optional(flagSchema) })),
        })),
    })),
});
/** 2025-11-25 client capabilities. */
export type LegacyClientCapabilities = z.infer<typeof LegacyClientCapabilitiesSchema>;

/** 2025-11-25 server capabilities: `tasks` exists, `extensions` does not. */
export const LegacyServerCapabilitiesSchema = z.looseObject({
  /** Experimental, non-standard capabilities. */
  experimental: z.optional(flagMapSchema),
  /** Log message support. */
  logging: z.optional(flagSchema),
  /** Argument autocompletion support. */
  completions: z.optional(flagSchema),
  /** Prompt support. */
  prompts: z.optional(z.looseObject({ listChanged: z.optional(z.boolean()) })),
  /** Resource support. */
  resources: z.optional(z
    .looseObject({
      /** Supports `resources/subscribe`. */
      subscribe: z.optional(z.boolean()),
      /** Sends `notifications/resources/list_changed`. */
      listChanged: z.optional(z.boolean()),
    })),
  /** Tool support. */
  tools: z.optional(z.looseObject({ listChanged: z.optional(z.boolean()) })),
  /** Task-augmented requests the server accepts (experimental). */
  tasks: z.optional(z
    .looseObject({
      /** Supports `tasks/list`. */
      list: z.optional(flagSchema),
      /** Supports `tasks/cancel`. */
      cancel: z.optional(flagSchema),
      /** Request types that may be task-augmented. */
      requests: z.optional(z
        .looseObject({
          /** Tool calls. */
          tools: z.optional(z.looseObject({ call: z.optional(flagSchema) })),
        })),
    })),
});
/** 2025-11-25 server capabilities. */
export type LegacyServerCapabilities = z.infer<typeof LegacyServerCapabilitiesSchema>;
