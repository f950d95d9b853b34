import * as z from 'zod/mini';
import { PrimitiveSchemaDefinitionSchema } from './elicitation-schemas.js';

// Elicitation as a 2026-07-28 MRTR input request: a bare `{ method, params }` inside
// `InputRequiredResult.inputRequests`, answered by a bare `ElicitResult` in `inputResponses`.

/**
 * The flat object schema a form elicitation asks the user to fill in.
 * @internal
 */
export const requestedSchemaSchema = z.looseObject({
  /** JSON Schema dialect. */
  $schema: z.optional(z.string()),
  type: z.literal('object'),
  /** The fields, each a restricted primitive schema. */
  properties: z.record(z.string(), PrimitiveSchemaDefinitionSchema),
  /** Names of required fields. */
  required: z.optional(z.array(z.string())),
});

/**
 * Params of a form-mode elicitation (non-sensitive data). `mode` may be omitted and then means
 * form.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/elicitation
 */
export const ElicitRequestFormParamsSchema = z.looseObject({
  /** `"form"`, or absent. */
  mode: z.optional(z.literal('form')),
  /** The message to present to the user. */
  message: z.string(),
  /** The fields to collect. */
  requestedSchema: requestedSchemaSchema,
});
/** Params of a form-mode elicitation. */
export type ElicitRequestFormParams = z.infer<typeof ElicitRequestFormParamsSchema>;

/**
 * Params of a URL-mode elicitation (the user completes a step out of band). There is no
 * `elicitationId` in 2026-07-28: a server that must correlate keeps its own id in `requestState`.
 */
export const ElicitRequestURLParamsSchema = z.looseObject({
  mode: z.literal('url'),
  /** Why the interaction is needed. */
  message: z.string(),
  /** The URL the user should open (shown in full, opened only with consent). */
  url: z.string(),
});
/** Params of a URL-mode elicitation. */
export type ElicitRequestURLParams = z.infer<typeof ElicitRequestURLParamsSchema>;

/** Params of an elicitation: form or URL mode, discriminated on `mode` (absent means form). */
export const ElicitRequestParamsSchema = z.discriminatedUnion('mode', [
  ElicitRequestFormParamsSchema,
  ElicitRequestURLParamsSchema,
]);
/** Params of an elicitation. */
export type ElicitRequestParams = z.infer<typeof ElicitRequestParamsSchema>;

/** An elicitation input request (`elicitation/create`), gated by the `elicitation` capability. */
export const ElicitRequestSchema = z.looseObject({
  method: z.literal('elicitation/create'),
  /** Form or URL params. */
  params: ElicitRequestParamsSchema,
});
/** An elicitation input request. */
export type ElicitRequest = z.infer<typeof ElicitRequestSchema>;

/**
 * The user's answer to an elicitation. `content` is present only for `accept` in form mode; its
 * values may be any number (the published schema.json narrows to integer by mistake: spec digest
 * README, ambiguity #10).
 */
export const ElicitResultSchema = z.looseObject({
  /** `accept`, `decline` or `cancel`. */
  action: z.enum(['accept', 'decline', 'cancel']),
  /** The submitted form data. */
  content: z.optional(z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))),
});
/** The user's answer to an elicitation. */
export type ElicitResult = z.infer<typeof ElicitResultSchema>;
