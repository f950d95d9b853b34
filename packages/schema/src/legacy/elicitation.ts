import * as z from 'zod/mini';
import { requestedSchemaSchema } from '../elicitation.js';
import { createNotificationSchema, createRequestSchema } from '../envelope.js';
import { MetaObjectSchema } from '../meta.js';
import { legacyRequestMetaSchema } from './base.js';
import { TaskMetadataSchema } from './tasks.js';

// Elicitation as a 2025-11-25 server→client JSON-RPC request (with `jsonrpc` and `id`).

/** Params of a 2025-11-25 form-mode elicitation. */
export const LegacyElicitRequestFormParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** `"form"`, or absent (2025-06-18 has no `mode` at all). */
  mode: z.optional(z.literal('form')),
  /** The message to present to the user. */
  message: z.string(),
  /** The fields to collect. */
  requestedSchema: requestedSchemaSchema,
  /** Asks for task-augmented execution. */
  task: z.optional(TaskMetadataSchema),
});
/** Params of a 2025-11-25 form-mode elicitation. */
export type LegacyElicitRequestFormParams = z.infer<typeof LegacyElicitRequestFormParamsSchema>;

/** Params of a 2025-11-25 URL-mode elicitation: `elicitationId` is required there. */
export const LegacyElicitRequestURLParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  mode: z.literal('url'),
  /** Why the interaction is needed. */
  message: z.string(),
  /** The URL the user should open. */
  url: z.string(),
  /** Correlates `notifications/elicitation/complete`; unique within the session. */
  elicitationId: z.string(),
  /** Asks for task-augmented execution. */
  task: z.optional(TaskMetadataSchema),
});
/** Params of a 2025-11-25 URL-mode elicitation. */
export type LegacyElicitRequestURLParams = z.infer<typeof LegacyElicitRequestURLParamsSchema>;

/** Params of a 2025-11-25 elicitation, discriminated on `mode` (absent means form). */
export const LegacyElicitRequestParamsSchema = z.discriminatedUnion('mode', [
  LegacyElicitRequestURLParamsSchema,
  LegacyElicitRequestFormParamsSchema,
]);
/** Params of a 2025-11-25 elicitation. */
export type LegacyElicitRequestParams = z.infer<typeof LegacyElicitRequestParamsSchema>;

/** 2025-11-25 `elicitation/create` request (server → client). */
export const LegacyElicitRequestSchema = createRequestSchema(
  z.literal('elicitation/create'),
  LegacyElicitRequestParamsSchema,
);
/** 2025-11-25 `elicitation/create` request. */
export type LegacyElicitRequest = z.infer<typeof LegacyElicitRequestSchema>;

/** 2025-11-25 elicitation result (a JSON-RPC result, so it may carry `_meta`). */
export const LegacyElicitResultSchema = z.looseObject({
  /** Result metadata. */
  _meta: z.optional(MetaObjectSchema),
  /** `accept`, `decline` or `cancel`. */
  action: z.enum(['accept', 'decline', 'cancel']),
  /** The submitted form data (any number, see the 2026 `ElicitResultSchema`). */
  content: z.optional(z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))),
});
/** 2025-11-25 elicitation result. */
export type LegacyElicitResult = z.infer<typeof LegacyElicitResultSchema>;

/** `notifications/elicitation/complete`: an out-of-band URL elicitation finished. */
export const ElicitationCompleteNotificationSchema = createNotificationSchema(
  z.literal('notifications/elicitation/complete'),
  z.looseObject({
    /** The `elicitationId` of the finished elicitation. */
    elicitationId: z.string(),
  }),
);
/** `notifications/elicitation/complete`. */
export type ElicitationCompleteNotification = z.infer<typeof ElicitationCompleteNotificationSchema>;
