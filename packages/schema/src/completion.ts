import * as z from 'zod/mini';
import { completeResultShape } from './base.js';
import { createRequestSchema, createResultResponseSchema } from './envelope.js';
import { RequestMetaObjectSchema } from './meta.js';

/** Identifies a prompt whose argument is being completed. */
export const PromptReferenceSchema = z.looseObject({
  type: z.literal('ref/prompt'),
  /** Name of the prompt. */
  name: z.string(),
  /** Display title. */
  title: z.optional(z.string()),
});
/** Identifies a prompt. */
export type PromptReference = z.infer<typeof PromptReferenceSchema>;

/** Identifies a resource template whose argument is being completed. */
export const ResourceTemplateReferenceSchema = z.looseObject({
  type: z.literal('ref/resource'),
  /** URI or URI template of the resource. */
  uri: z.string(),
});
/** Identifies a resource or resource template. */
export type ResourceTemplateReference = z.infer<typeof ResourceTemplateReferenceSchema>;

/**
 * Params of `completion/complete`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/completion
 */
export const CompleteRequestParamsSchema = z.looseObject({
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
  /** What is being completed, discriminated on `type`. */
  ref: z.discriminatedUnion('type', [PromptReferenceSchema, ResourceTemplateReferenceSchema]),
  /** The argument being completed. */
  argument: z.looseObject({
    /** Name of the argument. */
    name: z.string(),
    /** Value typed so far. */
    value: z.string(),
  }),
  /** Additional context for the completion. */
  context: z.optional(z
    .looseObject({
      /** Arguments already resolved. */
      arguments: z.optional(z.record(z.string(), z.string())),
    })),
});
/** Params of `completion/complete`. */
export type CompleteRequestParams = z.infer<typeof CompleteRequestParamsSchema>;

/** `completion/complete`: asks for completion options. Not MRTR-capable, not cacheable. */
export const CompleteRequestSchema = createRequestSchema(
  z.literal('completion/complete'),
  CompleteRequestParamsSchema,
);
/** A `completion/complete` request. */
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

/** The result of `completion/complete`. */
export const CompleteResultSchema = z.looseObject({
  ...completeResultShape,
  /** The completion options. */
  completion: z.looseObject({
    /** Completion values; at most 100. */
    values: z.array(z.string()).check(z.maxLength(100)),
    /** Total number of options, possibly more than returned. */
    total: z.optional(z.int()),
    /** Whether more options exist beyond those returned. */
    hasMore: z.optional(z.boolean()),
  }),
});
/** The result of `completion/complete`. */
export type CompleteResult = z.infer<typeof CompleteResultSchema>;

/** A successful response to `completion/complete`. */
export const CompleteResultResponseSchema = createResultResponseSchema(CompleteResultSchema);
/** A successful response to `completion/complete`. */
export type CompleteResultResponse = z.infer<typeof CompleteResultResponseSchema>;
