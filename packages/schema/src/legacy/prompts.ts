import * as z from 'zod/mini';
import { createRequestSchema } from '../envelope.js';
import { PromptMessageSchema, PromptSchema } from '../prompts.js';
import {
  LegacyPaginatedRequestParamsSchema,
  legacyPaginatedResultShape,
  legacyRequestMetaSchema,
  legacyResultShape,
} from './base.js';

/** 2025-11-25 `prompts/list` (`params` optional). */
export const LegacyListPromptsRequestSchema = createRequestSchema(
  z.literal('prompts/list'),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** 2025-11-25 `prompts/list`. */
export type LegacyListPromptsRequest = z.infer<typeof LegacyListPromptsRequestSchema>;

/** 2025-11-25 result of `prompts/list`. */
export const LegacyListPromptsResultSchema = z.looseObject({
  ...legacyPaginatedResultShape,
  /** The prompts. */
  prompts: z.array(PromptSchema),
});
/** 2025-11-25 result of `prompts/list`. */
export type LegacyListPromptsResult = z.infer<typeof LegacyListPromptsResultSchema>;

/** Params of 2025-11-25 `prompts/get`: no MRTR fields. */
export const LegacyGetPromptRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** Name of the prompt. */
  name: z.string(),
  /** Template arguments. */
  arguments: z.optional(z.record(z.string(), z.string())),
});
/** Params of 2025-11-25 `prompts/get`. */
export type LegacyGetPromptRequestParams = z.infer<typeof LegacyGetPromptRequestParamsSchema>;

/** 2025-11-25 `prompts/get`. */
export const LegacyGetPromptRequestSchema = createRequestSchema(
  z.literal('prompts/get'),
  LegacyGetPromptRequestParamsSchema,
);
/** 2025-11-25 `prompts/get`. */
export type LegacyGetPromptRequest = z.infer<typeof LegacyGetPromptRequestSchema>;

/** 2025-11-25 result of `prompts/get`: no `resultType`. */
export const LegacyGetPromptResultSchema = z.looseObject({
  ...legacyResultShape,
  /** Description of the prompt. */
  description: z.optional(z.string()),
  /** The prompt's messages. */
  messages: z.array(PromptMessageSchema),
});
/** 2025-11-25 result of `prompts/get`. */
export type LegacyGetPromptResult = z.infer<typeof LegacyGetPromptResultSchema>;
