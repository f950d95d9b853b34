import * as z from 'zod/mini';
import { AnnotationsSchema } from './annotations.js';
import { openObjectSchema } from './json.js';
import { MetaObjectSchema } from './meta.js';
import { resourceContentsUnionSchema, resourceShape } from './resource.js';

// Content blocks: what prompts, tool results and sampling messages carry. The `type` literal of
// each block is strict; the unions discriminate on it, so parsing picks the variant in one step.

/** Text provided to or from an LLM. */
export const TextContentSchema = z.looseObject({
  type: z.literal('text'),
  /** The text content. */
  text: z.string(),
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** Text content. */
export type TextContent = z.infer<typeof TextContentSchema>;

/** An image provided to or from an LLM; `data` is base64 and is not decoded here. */
export const ImageContentSchema = z.looseObject({
  type: z.literal('image'),
  /** Base64-encoded image data. */
  data: z.string(),
  /** MIME type of the image. */
  mimeType: z.string(),
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** Image content. */
export type ImageContent = z.infer<typeof ImageContentSchema>;

/** Audio provided to or from an LLM; `data` is base64 and is not decoded here. */
export const AudioContentSchema = z.looseObject({
  type: z.literal('audio'),
  /** Base64-encoded audio data. */
  data: z.string(),
  /** MIME type of the audio. */
  mimeType: z.string(),
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** Audio content. */
export type AudioContent = z.infer<typeof AudioContentSchema>;

/** A link to a resource the server can read, included in a prompt or tool result. */
export const ResourceLinkSchema = z.looseObject({
  ...resourceShape,
  type: z.literal('resource_link'),
});
/** A resource link. */
export type ResourceLink = z.infer<typeof ResourceLinkSchema>;

/** The contents of a resource, embedded into a prompt or tool result. */
export const EmbeddedResourceSchema = z.looseObject({
  type: z.literal('resource'),
  /** The embedded contents (text or blob). */
  resource: resourceContentsUnionSchema,
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** An embedded resource. */
export type EmbeddedResource = z.infer<typeof EmbeddedResourceSchema>;

/** Any content block of a prompt message or tool result, discriminated on `type`. */
export const ContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ResourceLinkSchema,
  EmbeddedResourceSchema,
]);
/** Any content block. */
export type ContentBlock = z.infer<typeof ContentBlockSchema>;

/** A request from the assistant to call a tool (sampling with tools). */
export const ToolUseContentSchema = z.looseObject({
  type: z.literal('tool_use'),
  /** Unique id of this tool use, matched by `ToolResultContent.toolUseId`. */
  id: z.string(),
  /** Name of the tool to call. */
  name: z.string(),
  /** Arguments for the tool, per its input schema. Not validated here. */
  input: openObjectSchema,
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A tool use. */
export type ToolUseContent = z.infer<typeof ToolUseContentSchema>;

/** The result of a tool use, provided by the user back to the assistant. */
export const ToolResultContentSchema = z.looseObject({
  type: z.literal('tool_result'),
  /** Id of the tool use this result answers. */
  toolUseId: z.string(),
  /** Unstructured result content. */
  content: z.array(ContentBlockSchema),
  /** Structured result: any JSON value, not validated here. */
  structuredContent: z.optional(z.unknown()),
  /** Whether the tool use ended in an error. */
  isError: z.optional(z.boolean()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A tool result. */
export type ToolResultContent = z.infer<typeof ToolResultContentSchema>;

/** Any content block of a sampling message, discriminated on `type`. */
export const SamplingMessageContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ToolUseContentSchema,
  ToolResultContentSchema,
]);
/** Any content block of a sampling message. */
export type SamplingMessageContentBlock = z.infer<typeof SamplingMessageContentBlockSchema>;
