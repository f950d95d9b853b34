import * as z from 'zod/mini';
import { RoleSchema } from './annotations.js';
import { completeResultShape, NotificationParamsSchema } from './base.js';
import { cacheableShape } from './caching.js';
import { ContentBlockSchema } from './content.js';
import {
  createNotificationSchema,
  createRequestSchema,
  createResultResponseSchema,
} from './envelope.js';
import { baseMetadataShape, iconsShape } from './implementation.js';
import { MetaObjectSchema } from './meta.js';
import { InputRequiredResultSchema, inputResponseParamsShape } from './mrtr.js';
import { PaginatedRequestParamsSchema, paginatedResultShape } from './pagination.js';

/** An argument a prompt accepts. */
export const PromptArgumentSchema = z.looseObject({
  ...baseMetadataShape,
  /** What the argument is for. */
  description: z.optional(z.string()),
  /** Whether the argument must be provided. */
  required: z.optional(z.boolean()),
});
/** An argument a prompt accepts. */
export type PromptArgument = z.infer<typeof PromptArgumentSchema>;

/**
 * A prompt or prompt template the server offers.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/prompts
 */
export const PromptSchema = z.looseObject({
  ...baseMetadataShape,
  ...iconsShape,
  /** What the prompt provides. */
  description: z.optional(z.string()),
  /** Arguments for templating the prompt. */
  arguments: z.optional(z.array(PromptArgumentSchema)),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A prompt. */
export type Prompt = z.infer<typeof PromptSchema>;

/** A message returned as part of a prompt. */
export const PromptMessageSchema = z.looseObject({
  /** Who the message is from. */
  role: RoleSchema,
  /** The content block. */
  content: ContentBlockSchema,
});
/** A message returned as part of a prompt. */
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

/** `prompts/list`: asks for (a page of) the prompts the server offers. */
export const ListPromptsRequestSchema = createRequestSchema(
  z.literal('prompts/list'),
  PaginatedRequestParamsSchema,
);
/** A `prompts/list` request. */
export type ListPromptsRequest = z.infer<typeof ListPromptsRequestSchema>;

/** The result of `prompts/list`: a page of prompts, with the caching hints. */
export const ListPromptsResultSchema = z.looseObject({
  ...cacheableShape,
  ...paginatedResultShape,
  /** The prompts. */
  prompts: z.array(PromptSchema),
});
/** The result of `prompts/list`. */
export type ListPromptsResult = z.infer<typeof ListPromptsResultSchema>;

/** A successful response to `prompts/list`. */
export const ListPromptsResultResponseSchema = createResultResponseSchema(ListPromptsResultSchema);
/** A successful response to `prompts/list`. */
export type ListPromptsResultResponse = z.infer<typeof ListPromptsResultResponseSchema>;

/** Params of `prompts/get`, including the MRTR retry fields. */
export const GetPromptRequestParamsSchema = z.looseObject({
  ...inputResponseParamsShape,
  /** Name of the prompt or template. */
  name: z.string(),
  /** Template arguments (string values). */
  arguments: z.optional(z.record(z.string(), z.string())),
});
/** Params of `prompts/get`. */
export type GetPromptRequestParams = z.infer<typeof GetPromptRequestParamsSchema>;

/** `prompts/get`: gets a prompt. May be answered with `input_required`. */
export const GetPromptRequestSchema = createRequestSchema(
  z.literal('prompts/get'),
  GetPromptRequestParamsSchema,
);
/** A `prompts/get` request. */
export type GetPromptRequest = z.infer<typeof GetPromptRequestSchema>;

/** The final result of `prompts/get`. */
export const GetPromptResultSchema = z.looseObject({
  ...completeResultShape,
  /** Description of the prompt. */
  description: z.optional(z.string()),
  /** The prompt's messages. */
  messages: z.array(PromptMessageSchema),
});
/** The final result of `prompts/get`. */
export type GetPromptResult = z.infer<typeof GetPromptResultSchema>;

/** What `prompts/get` may answer: the final result or `input_required` (on `resultType`). */
export const GetPromptResultOrInputRequiredSchema = z.discriminatedUnion('resultType', [
  GetPromptResultSchema,
  InputRequiredResultSchema,
]);
/** What `prompts/get` may answer. */
export type GetPromptResultOrInputRequired = z.infer<typeof GetPromptResultOrInputRequiredSchema>;

/** A successful response to `prompts/get`. */
export const GetPromptResultResponseSchema = createResultResponseSchema(
  GetPromptResultOrInputRequiredSchema,
);
/** A successful response to `prompts/get`. */
export type GetPromptResultResponse = z.infer<typeof GetPromptResultResponseSchema>;

/** Sent on a `subscriptions/listen` stream (opted in with `promptsListChanged`). */
export const PromptListChangedNotificationSchema = createNotificationSchema(
  z.literal('notifications/prompts/list_changed'),
  z.optional(NotificationParamsSchema),
);
/** `notifications/prompts/list_changed`. */
export type PromptListChangedNotification = z.infer<typeof PromptListChangedNotificationSchema>;
