import * as z from 'zod/mini';
import { completeResultShape, NotificationParamsSchema } from './base.js';
import { cacheableShape } from './caching.js';
import { ContentBlockSchema } from './content.js';
import {
  createNotificationSchema,
  createRequestSchema,
  createResultResponseSchema,
} from './envelope.js';
import { openObjectSchema } from './json.js';
import { InputRequiredResultSchema, inputResponseParamsShape } from './mrtr.js';
import { PaginatedRequestParamsSchema, paginatedResultShape } from './pagination.js';
import { ToolSchema } from './tool.js';

/**
 * `tools/list`: asks for (a page of) the tools the server offers.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/tools#listing-tools
 */
export const ListToolsRequestSchema = createRequestSchema(
  z.literal('tools/list'),
  PaginatedRequestParamsSchema,
);
/** A `tools/list` request. */
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** The result of `tools/list`: a page of tools, with the caching hints. */
export const ListToolsResultSchema = z.looseObject({
  ...cacheableShape,
  ...paginatedResultShape,
  /** The tools, in a deterministic order. */
  tools: z.array(ToolSchema),
});
/** The result of `tools/list`. */
export type ListToolsResult = z.infer<typeof ListToolsResultSchema>;

/** A successful response to `tools/list`. */
export const ListToolsResultResponseSchema = createResultResponseSchema(ListToolsResultSchema);
/** A successful response to `tools/list`. */
export type ListToolsResultResponse = z.infer<typeof ListToolsResultResponseSchema>;

/** Params of `tools/call`, including the MRTR retry fields. */
export const CallToolRequestParamsSchema = z.looseObject({
  ...inputResponseParamsShape,
  /** Name of the tool. */
  name: z.string(),
  /** Arguments for the tool; validated by the tool against its `inputSchema`, not here. */
  arguments: z.optional(openObjectSchema),
});
/** Params of `tools/call`. */
export type CallToolRequestParams = z.infer<typeof CallToolRequestParamsSchema>;

/**
 * `tools/call`: invokes a tool. May be answered with `input_required`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/tools#calling-tools
 */
export const CallToolRequestSchema = createRequestSchema(
  z.literal('tools/call'),
  CallToolRequestParamsSchema,
);
/** A `tools/call` request. */
export type CallToolRequest = z.infer<typeof CallToolRequestSchema>;

/**
 * The final result of `tools/call`. Tool-level failures (bad argument values, upstream errors)
 * are results with `isError: true`, not JSON-RPC errors.
 */
export const CallToolResultSchema = z.looseObject({
  ...completeResultShape,
  /** Unstructured result content. */
  content: z.array(ContentBlockSchema),
  /** Structured result: any JSON value, conforming to the tool's `outputSchema` if it has one. */
  structuredContent: z.optional(z.unknown()),
  /** Whether the call ended in an error. */
  isError: z.optional(z.boolean()),
});
/** The final result of `tools/call`. */
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** What `tools/call` may answer: the final result or `input_required` (on `resultType`). */
export const CallToolResultOrInputRequiredSchema = z.discriminatedUnion('resultType', [
  CallToolResultSchema,
  InputRequiredResultSchema,
]);
/** What `tools/call` may answer. */
export type CallToolResultOrInputRequired = z.infer<typeof CallToolResultOrInputRequiredSchema>;

/** A successful response to `tools/call`. */
export const CallToolResultResponseSchema = createResultResponseSchema(
  CallToolResultOrInputRequiredSchema,
);
/** A successful response to `tools/call`. */
export type CallToolResultResponse = z.infer<typeof CallToolResultResponseSchema>;

/** Sent on a `subscriptions/listen` stream (opted in with `toolsListChanged`). */
export const ToolListChangedNotificationSchema = createNotificationSchema(
  z.literal('notifications/tools/list_changed'),
  z.optional(NotificationParamsSchema),
);
/** `notifications/tools/list_changed`. */
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;
