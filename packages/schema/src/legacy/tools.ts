import * as z from 'zod/mini';
import { ContentBlockSchema } from '../content.js';
import { createRequestSchema } from '../envelope.js';
import { baseMetadataShape, iconsShape } from '../implementation.js';
import { openObjectSchema } from '../json.js';
import { MetaObjectSchema } from '../meta.js';
import { ToolAnnotationsSchema } from '../tool.js';
import {
  LegacyPaginatedRequestParamsSchema,
  legacyPaginatedResultShape,
  legacyRequestMetaSchema,
  legacyResultShape,
} from './base.js';
import { TaskMetadataSchema, ToolExecutionSchema } from './tasks.js';

/** @internal A 2025-11-25 object schema: `type: "object"` with optional `properties`/`required`. */
const legacyObjectSchemaSchema = z.looseObject({
  /** JSON Schema dialect. */
  $schema: z.optional(z.string()),
  type: z.literal('object'),
  /** Property schemas. */
  properties: z.optional(z.record(z.string(), z.looseObject({}))),
  /** Names of required properties. */
  required: z.optional(z.array(z.string())),
});

/**
 * A 2025-11-25 tool: has `execution` (tasks), and its `outputSchema` must also be an object
 * schema.
 */
export const LegacyToolSchema = z.looseObject({
  ...baseMetadataShape,
  ...iconsShape,
  /** What the tool does. */
  description: z.optional(z.string()),
  /** JSON Schema of the arguments. */
  inputSchema: legacyObjectSchemaSchema,
  /** Task support. */
  execution: z.optional(ToolExecutionSchema),
  /** JSON Schema of `structuredContent`. */
  outputSchema: z.optional(legacyObjectSchemaSchema),
  /** Behaviour hints. */
  annotations: z.optional(ToolAnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A 2025-11-25 tool. */
export type LegacyTool = z.infer<typeof LegacyToolSchema>;

/** 2025-11-25 `tools/list` (`params` optional). */
export const LegacyListToolsRequestSchema = createRequestSchema(
  z.literal('tools/list'),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** 2025-11-25 `tools/list`. */
export type LegacyListToolsRequest = z.infer<typeof LegacyListToolsRequestSchema>;

/** 2025-11-25 result of `tools/list`: no `resultType`, no caching hints. */
export const LegacyListToolsResultSchema = z.looseObject({
  ...legacyPaginatedResultShape,
  /** The tools. */
  tools: z.array(LegacyToolSchema),
});
/** 2025-11-25 result of `tools/list`. */
export type LegacyListToolsResult = z.infer<typeof LegacyListToolsResultSchema>;

/** Params of 2025-11-25 `tools/call`: optional `_meta`, optional `task`, no MRTR fields. */
export const LegacyCallToolRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** Name of the tool. */
  name: z.string(),
  /** Arguments for the tool. */
  arguments: z.optional(openObjectSchema),
  /** Asks for task-augmented execution. */
  task: z.optional(TaskMetadataSchema),
});
/** Params of 2025-11-25 `tools/call`. */
export type LegacyCallToolRequestParams = z.infer<typeof LegacyCallToolRequestParamsSchema>;

/** 2025-11-25 `tools/call`. */
export const LegacyCallToolRequestSchema = createRequestSchema(
  z.literal('tools/call'),
  LegacyCallToolRequestParamsSchema,
);
/** 2025-11-25 `tools/call`. */
export type LegacyCallToolRequest = z.infer<typeof LegacyCallToolRequestSchema>;

/** 2025-11-25 result of `tools/call`: no `resultType`; `structuredContent` is an object. */
export const LegacyCallToolResultSchema = z.looseObject({
  ...legacyResultShape,
  /** Unstructured result content. */
  content: z.array(ContentBlockSchema),
  /** Structured result (an object in 2025-11-25). */
  structuredContent: z.optional(openObjectSchema),
  /** Whether the call ended in an error. */
  isError: z.optional(z.boolean()),
});
/** 2025-11-25 result of `tools/call`. */
export type LegacyCallToolResult = z.infer<typeof LegacyCallToolResultSchema>;

/** 2025-11-25 tool result content block: `structuredContent` is an object. */
export const LegacyToolResultContentSchema = z.looseObject({
  type: z.literal('tool_result'),
  /** Id of the tool use this result answers. */
  toolUseId: z.string(),
  /** Unstructured result content. */
  content: z.array(ContentBlockSchema),
  /** Structured result (an object in 2025-11-25). */
  structuredContent: z.optional(openObjectSchema),
  /** Whether the tool use ended in an error. */
  isError: z.optional(z.boolean()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** 2025-11-25 tool result content block. */
export type LegacyToolResultContent = z.infer<typeof LegacyToolResultContentSchema>;
