import * as z from 'zod';

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
  experimental: flagMapSchema.optional(),
  /** Roots support. */
  roots: z
    .looseObject({
      /** Whether the client sends `notifications/roots/list_changed`. */
      listChanged: z.boolean().optional(),
    })
    .optional(),
  /** Sampling support. */
  sampling: z
    .looseObject({
      /** Support for `includeContext` other than `none`. */
      context: flagSchema.optional(),
      /** Support for tools in sampling. */
      tools: flagSchema.optional(),
    })
    .optional(),
  /** Elicitation support; `{}` means form only. */
  elicitation: z
    .looseObject({
      /** Form mode. */
      form: flagSchema.optional(),
      /** URL mode. */
      url: flagSchema.optional(),
    })
    .optional(),
  /** Task-augmented requests the client accepts (experimental). */
  tasks: z
    .looseObject({
      /** Supports `tasks/list`. */
      list: flagSchema.optional(),
      /** Supports `tasks/cancel`. */
      cancel: flagSchema.optional(),
      /** Request types that may be task-augmented. */
      requests: z
        .looseObject({
          /** Sampling requests. */
          sampling: z.looseObject({ createMessage: flagSchema.optional() }).optional(),
          /** Elicitation requests. */
          elicitation: z.looseObject({ create: flagSchema.optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});
/** 2025-11-25 client capabilities. */
export type LegacyClientCapabilities = z.infer<typeof LegacyClientCapabilitiesSchema>;

/** 2025-11-25 server capabilities: `tasks` exists, `extensions` does not. */
export const LegacyServerCapabilitiesSchema = z.looseObject({
  /** Experimental, non-standard capabilities. */
  experimental: flagMapSchema.optional(),
  /** Log message support. */
  logging: flagSchema.optional(),
  /** Argument autocompletion support. */
  completions: flagSchema.optional(),
  /** Prompt support. */
  prompts: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  /** Resource support. */
  resources: z
    .looseObject({
      /** Supports `resources/subscribe`. */
      subscribe: z.boolean().optional(),
      /** Sends `notifications/resources/list_changed`. */
      listChanged: z.boolean().optional(),
    })
    .optional(),
  /** Tool support. */
  tools: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  /** Task-augmented requests the server accepts (experimental). */
  tasks: z
    .looseObject({
      /** Supports `tasks/list`. */
      list: flagSchema.optional(),
      /** Supports `tasks/cancel`. */
      cancel: flagSchema.optional(),
      /** Request types that may be task-augmented. */
      requests: z
        .looseObject({
          /** Tool calls. */
          tools: z.looseObject({ call: flagSchema.optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});
/** 2025-11-25 server capabilities. */
export type LegacyServerCapabilities = z.infer<typeof LegacyServerCapabilitiesSchema>;
