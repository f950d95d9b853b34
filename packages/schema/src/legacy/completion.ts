import * as z from 'zod';
import { PromptReferenceSchema, ResourceTemplateReferenceSchema } from '../completion.js';
import { createRequestSchema } from '../envelope.js';
import { legacyRequestMetaSchema, legacyResultShape } from './base.js';

/** Params of 2025-11-25 `completion/complete`: `_meta` optional. */
export const LegacyCompleteRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: legacyRequestMetaSchema.optional(),
  /** What is being completed. */
  ref: z.discriminatedUnion('type', [PromptReferenceSchema, ResourceTemplateReferenceSchema]),
  /** The argument being completed. */
  argument: z.looseObject({
    /** Name of the argument. */
    name: z.string(),
    /** Value typed so far. */
    value: z.string(),
  }),
  /** Additional context. */
  context: z
    .looseObject({
      /** Arguments already resolved. */
      arguments: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});
/** Params of 2025-11-25 `completion/complete`. */
export type LegacyCompleteRequestParams = z.infer<typeof LegacyCompleteRequestParamsSchema>;

/** 2025-11-25 `completion/complete`. */
export const LegacyCompleteRequestSchema = createRequestSchema(
  z.literal('completion/complete'),
  LegacyCompleteRequestParamsSchema,
);
/** 2025-11-25 `completion/complete`. */
export type LegacyCompleteRequest = z.infer<typeof LegacyCompleteRequestSchema>;

/** 2025-11-25 result of `completion/complete`: no `resultType`. */
export const LegacyCompleteResultSchema = z.looseObject({
  ...legacyResultShape,
  /** The completion options. */
  completion: z.looseObject({
    /** Completion values (the spec text caps them at 100). */
    values: z.array(z.string()),
    /** Total number of options. */
    total: z.int().optional(),
    /** Whether more options exist. */
    hasMore: z.boolean().optional(),
  }),
});
/** 2025-11-25 result of `completion/complete`. */
export type LegacyCompleteResult = z.infer<typeof LegacyCompleteResultSchema>;
