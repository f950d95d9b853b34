import * as z from 'zod/mini';
import { CompleteRequestParamsSchema } from '../completion.js';
import { createRequestSchema } from '../envelope.js';
import { legacyRequestMetaSchema, legacyResultShape } from './base.js';

/** Params of 2025-11-25 `completion/complete`: the modern params with `_meta` optional. */
export const LegacyCompleteRequestParamsSchema = z.extend(CompleteRequestParamsSchema, {
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
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
    total: z.optional(z.int()),
    /** Whether more options exist. */
    hasMore: z.optional(z.boolean()),
  }),
});
/** 2025-11-25 result of `completion/complete`. */
export type LegacyCompleteResult = z.infer<typeof LegacyCompleteResultSchema>;
