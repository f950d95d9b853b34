import * as z from 'zod';
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
  _meta: MetaObjectSchema.optional(),
});
/** A sampling message. */
export type SamplingMessage = z.infer<typeof SamplingMessageSchema>;

/** A hint for model selection: a (sub)string of a model name. */
export const ModelHintSchema = z.looseObject({
  /** A hint for a model name. */
  name: z.string().optional(),
});
/** A hint for model selection. */
export type ModelHint = z.infer<typeof ModelHintSchema>;

/** @internal A priority between 0 and 1. */
const prioritySchema = z.number().min(0).max(1);

/** The server's preferences for model selection; the client may ignore them. */
export const ModelPreferencesSchema = z.looseObject({
  /** Model-name hints, in order of preference. */
  hints: z.array(ModelHintSchema).optional(),
  /** How much to prioritise cost (0 to 1). */
  costPriority: prioritySchema.optional(),
  /** How much to prioritise speed (0 to 1). */
  speedPriority: prioritySchema.optional(),
  /** How much to prioritise intelligence (0 to 1). */
  intelligencePriority: prioritySchema.optional(),
});
/** The server's preferences for model selection. */
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** Controls tool selection in a sampling request. */
export const ToolChoiceSchema = z.looseObject({
  /** `auto` (default), `required` or `none`. */
  mode: z.enum(['auto', 'required', 'none']).optional(),
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
  modelPreferences: ModelPreferencesSchema.optional(),
  /** Optional system prompt. */
  systemPrompt: z.string().optional(),
  /** Context to include (soft-deprecated values other than `none`). */
  includeContext: z.enum(['none', 'thisServer', 'allServers']).optional(),
  /** Sampling temperature. */
  temperature: z.number().optional(),
  /** Maximum number of tokens to sample; the client must respect it. */
  maxTokens: z.int(),
  /** Stop sequences. */
  stopSequences: z.array(z.string()).optional(),
  /** Provider-specific metadata. */
  metadata: JSONObjectSchema.optional(),
  /** Tools the model may use (needs `sampling.tools`). */
  tools: z.array(ToolSchema).optional(),
  /** Tool selection behaviour (needs `sampling.tools`). */
  toolChoice: ToolChoiceSchema.optional(),
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
  stopReason: z.string().optional(),
  /** Metadata. */
  _meta: MetaObjectSchema.optional(),
});
/** The client's answer to a sampling request. */
export type CreateMessageResult = z.infer<typeof CreateMessageResultSchema>;
