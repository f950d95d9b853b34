import * as z from 'zod/mini';
import { baseMetadataShape, iconsShape } from './implementation.js';
import { MetaObjectSchema } from './meta.js';

/**
 * Hints describing a tool's behaviour. All are hints, never guarantees: clients must not base
 * security decisions on them for untrusted servers.
 */
export const ToolAnnotationsSchema = z.looseObject({
  /** Human-readable title. */
  title: z.optional(z.string()),
  /** The tool does not modify its environment. Default false. */
  readOnlyHint: z.optional(z.boolean()),
  /** The tool may perform destructive updates. Default true. */
  destructiveHint: z.optional(z.boolean()),
  /** Repeated calls with the same arguments have no additional effect. Default false. */
  idempotentHint: z.optional(z.boolean()),
  /** The tool interacts with an open world of external entities. Default true. */
  openWorldHint: z.optional(z.boolean()),
});
/** Hints describing a tool's behaviour. */
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/**
 * A tool's `inputSchema`: any JSON Schema (2020-12 unless `$schema` says otherwise) whose root is
 * `type: "object"`. Every other keyword passes through untouched (including `x-mcp-header`).
 */
export const ToolInputSchemaSchema = z.looseObject({
  /** JSON Schema dialect; 2020-12 when absent. */
  $schema: z.optional(z.string()),
  /** The root must be an object schema. */
  type: z.literal('object'),
});

/** A tool's `outputSchema`: any JSON Schema; `structuredContent` must conform to it. */
export const ToolOutputSchemaSchema = z.looseObject({
  /** JSON Schema dialect; 2020-12 when absent. */
  $schema: z.optional(z.string()),
});

/**
 * Definition of a tool the client can call.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/tools
 */
export const ToolSchema = z.looseObject({
  ...baseMetadataShape,
  ...iconsShape,
  /** What the tool does (hint for the model). */
  description: z.optional(z.string()),
  /** JSON Schema of the tool's arguments. */
  inputSchema: ToolInputSchemaSchema,
  /** JSON Schema of `structuredContent` in the tool's results. */
  outputSchema: z.optional(ToolOutputSchemaSchema),
  /** Behaviour hints. */
  annotations: z.optional(ToolAnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** Definition of a tool. */
export type Tool = z.infer<typeof ToolSchema>;
