import * as z from 'zod/mini';
import { RoleSchema } from './annotations.js';
import { SamplingMessageContentBlockSchema } from './content.js';
import { JSONObjectSchema } from './json.js';
import { MetaObjectSchema } from './meta.js';
import { ToolSchema } from './tool.js';

// Sampling (deprecated in 2026-07-28, still specified) as an MRTR input request.

/** @internal One content block or an array of them. */
const samplingContentSchema = z.union([
  SamplingMessageContentBlockSchema,
  z.array(SamplingMessageContentBlockSchema),
]);

/** A message issued to or received from an LLM API. */
export const SamplingMessageSchema = z.looseObject({
  /** Who sent the message. */
  role: RoleSchema,
  /** One content block or an array of them. */
  content: samplingContentSchema,
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A sampling message. */
export type SamplingMessage = z.infer<typeof SamplingMessageSchema>;

/** A hint for model selection: a (sub)string of a model name. */
export const ModelHintSchema = z.looseObject({
  /** A hint for a model name. */
  name: z.optional(z.string()),
});
/** A hint for model selection. */
export type ModelHint = z.infer<typeof ModelHintSchema>;

/** @internal A priority between 0 and 1. */
const prioritySchema = z.number().check(z.minimum(0), z.maximum(1));

/** The server's preferences for model selection; the client may ignore them. */
export const ModelPreferencesSchema = z.looseObject({
  /** Model-name hints, in order of preference. */
  hints: z.optional(z.array(ModelHintSchema)),
  /** How much to prioritise cost (0 to 1). */
  costPriority: z.optional(prioritySchema),
  /** How much to prioritise speed (0 to 1). */
  speedPriority: z.optional(prioritySchema),
  /** How much to prioritise intelligence (0 to 1). */
  intelligencePriority: z.optional(prioritySchema),
});
/** The server's preferences for model selection. */
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** Controls tool selection in a sampling request. */
export const ToolChoiceSchema = z.looseObject({
  /** `auto` (default), `required` or `none`. */
  mode: z.optional(z.enum(['auto', 'required', 'none'])),
});
/** Controls tool selection in a sampling request. */
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;

/**
 * Params of `sampling/createMessage`. Unlike request params they carry no per-request `_meta`:
 * the embedded input request travels inside a result.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/sampling
 */
export const CreateMessageRequestParamsSchema = z.looseObject({
  /** The conversation to sample from. */
  messages: z.array(SamplingMessageSchema),
  /** Model selection preferences. */
  modelPreferences: z.optional(ModelPreferencesSchema),
  /** Optional system prompt. */
  systemPrompt: z.optional(z.string()),
  /** Context to include (soft-deprecated values other than `none`). */
  includeContext: z.optional(z.enum(['none', 'thisServer', 'allServers'])),
  /** Sampling temperature. */
  temperature: z.optional(z.number()),
  /** Maximum number of tokens to sample; the client must respect it. */
  maxTokens: z.int(),
  /** Stop sequences. */
  stopSequences: z.optional(z.array(z.string())),
  /** Provider-specific metadata. */
  metadata: z.optional(JSONObjectSchema),
  /** Tools the model may use (needs `sampling.tools`). */
  tools: z.optional(z.array(ToolSchema)),
  /** Tool selection behaviour (needs `sampling.tools`). */
  toolChoice: z.optional(ToolChoiceSchema),
});
/** Params of `sampling/createMessage`. */
export type CreateMessageRequestParams = z.infer<typeof CreateMessageRequestParamsSchema>;

/** A sampling input request (`sampling/createMessage`), gated by the `sampling` capability. */
export const CreateMessageRequestSchema = z.looseObject({
  method: z.literal('sampling/createMessage'),
  /** The sampling parameters. */
  params: CreateMessageRequestParamsSchema,
});
/** A sampling input request. */
export type CreateMessageRequest = z.infer<typeof CreateMessageRequestSchema>;

/** The client's answer to a sampling request. */
export const CreateMessageResultSchema = z.looseObject({
  /** Role of the sampled message (normally `assistant`). */
  role: RoleSchema,
  /** One content block or an array of them. */
  content: samplingContentSchema,
  /** Name of the model that produced the message. */
  model: z.string(),
  /** Why sampling stopped: `endTurn`, `stopSequence`, `maxTokens`, `toolUse` or another string. */
  stopReason: z.optional(z.string()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** The client's answer to a sampling request. */
export type CreateMessageResult = z.infer<typeof CreateMessageResultSchema>;
