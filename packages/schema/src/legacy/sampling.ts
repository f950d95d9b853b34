import * as z from 'zod/mini';
import { RoleSchema } from '../annotations.js';
import {
  AudioContentSchema,
  ImageContentSchema,
  TextContentSchema,
  ToolUseContentSchema,
} from '../content.js';
import { createRequestSchema } from '../envelope.js';
import { MetaObjectSchema } from '../meta.js';
import { ModelPreferencesSchema, ToolChoiceSchema } from '../sampling.js';
import { legacyRequestMetaSchema } from './base.js';
import { TaskMetadataSchema } from './tasks.js';
import { LegacyToolResultContentSchema, LegacyToolSchema } from './tools.js';

/** A 2025-11-25 sampling content block: its `tool_result` has an object `structuredContent`. */
export const LegacySamplingMessageContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ToolUseContentSchema,
  LegacyToolResultContentSchema,
]);
/** A 2025-11-25 sampling content block. */
export type LegacySamplingMessageContentBlock = z.infer<
  typeof LegacySamplingMessageContentBlockSchema
>;

/** @internal One content block or an array of them. */
const legacySamplingContentSchema = z.union([
  LegacySamplingMessageContentBlockSchema,
  z.array(LegacySamplingMessageContentBlockSchema),
]);

/** A 2025-11-25 sampling message. */
export const LegacySamplingMessageSchema = z.looseObject({
  /** Who sent the message. */
  role: RoleSchema,
  /** One content block or an array of them. */
  content: legacySamplingContentSchema,
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A 2025-11-25 sampling message. */
export type LegacySamplingMessage = z.infer<typeof LegacySamplingMessageSchema>;

/** Params of 2025-11-25 `sampling/createMessage`: optional `_meta` and `task`. */
export const LegacyCreateMessageRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** The conversation to sample from. */
  messages: z.array(LegacySamplingMessageSchema),
  /** Model selection preferences. */
  modelPreferences: z.optional(ModelPreferencesSchema),
  /** Optional system prompt. */
  systemPrompt: z.optional(z.string()),
  /** Context to include. */
  includeContext: z.optional(z.enum(['none', 'thisServer', 'allServers'])),
  /** Sampling temperature. */
  temperature: z.optional(z.number()),
  /** Maximum number of tokens to sample. */
  maxTokens: z.int(),
  /** Stop sequences. */
  stopSequences: z.optional(z.array(z.string())),
  /** Provider-specific metadata (any object). */
  metadata: z.optional(z.looseObject({})),
  /** Tools the model may use. */
  tools: z.optional(z.array(LegacyToolSchema)),
  /** Tool selection behaviour. */
  toolChoice: z.optional(ToolChoiceSchema),
  /** Asks for task-augmented execution. */
  task: z.optional(TaskMetadataSchema),
});
/** Params of 2025-11-25 `sampling/createMessage`. */
export type LegacyCreateMessageRequestParams = z.infer<
  typeof LegacyCreateMessageRequestParamsSchema
>;

/** 2025-11-25 `sampling/createMessage` request (server → client). */
export const LegacyCreateMessageRequestSchema = createRequestSchema(
  z.literal('sampling/createMessage'),
  LegacyCreateMessageRequestParamsSchema,
);
/** 2025-11-25 `sampling/createMessage` request. */
export type LegacyCreateMessageRequest = z.infer<typeof LegacyCreateMessageRequestSchema>;

/** 2025-11-25 result of `sampling/createMessage` (client → server). */
export const LegacyCreateMessageResultSchema = z.looseObject({
  /** Result metadata. */
  _meta: z.optional(MetaObjectSchema),
  /** Role of the sampled message. */
  role: RoleSchema,
  /** One content block or an array of them. */
  content: legacySamplingContentSchema,
  /** Name of the model that produced the message. */
  model: z.string(),
  /** Why sampling stopped. */
  stopReason: z.optional(z.string()),
});
/** 2025-11-25 result of `sampling/createMessage`. */
export type LegacyCreateMessageResult = z.infer<typeof LegacyCreateMessageResultSchema>;
