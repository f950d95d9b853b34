import * as z from 'zod/mini';
import { AnnotationsSchema } from './annotations.js';
import { baseMetadataShape, iconsShape } from './implementation.js';
import { MetaObjectSchema } from './meta.js';

// The resource descriptors and contents that both resources/* and content blocks use.
// URIs are not parsed: `format: uri` is an annotation, and parsing every URI costs on hot paths.

/** @internal Fields shared by the resource contents variants. */
const resourceContentsShape = {
  /** URI of this resource. */
  uri: z.string(),
  /** MIME type of this resource, if known. */
  mimeType: z.optional(z.string()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
};

/** The contents of a specific resource or sub-resource (common fields). */
export const ResourceContentsSchema = z.looseObject(resourceContentsShape);
/** The contents of a resource (common fields). */
export type ResourceContents = z.infer<typeof ResourceContentsSchema>;

/** Text contents of a resource. */
export const TextResourceContentsSchema = z.looseObject({
  ...resourceContentsShape,
  /** The text of the item; only for text-representable data. */
  text: z.string(),
});
/** Text contents of a resource. */
export type TextResourceContents = z.infer<typeof TextResourceContentsSchema>;

/** Binary contents of a resource; `blob` is base64 and is not decoded here. */
export const BlobResourceContentsSchema = z.looseObject({
  ...resourceContentsShape,
  /** Base64-encoded binary data. */
  blob: z.string(),
});
/** Binary contents of a resource. */
export type BlobResourceContents = z.infer<typeof BlobResourceContentsSchema>;

/** @internal Text or blob contents (tried in that order). */
export const resourceContentsUnionSchema = z.union([
  TextResourceContentsSchema,
  BlobResourceContentsSchema,
]);

/** @internal Fields of a resource descriptor, shared with `ResourceLink`. */
export const resourceShape = {
  ...baseMetadataShape,
  ...iconsShape,
  /** URI of this resource. */
  uri: z.string(),
  /** What this resource represents (hint for the model). */
  description: z.optional(z.string()),
  /** MIME type of this resource, if known. */
  mimeType: z.optional(z.string()),
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Size of the raw content in bytes, if known. */
  size: z.optional(z.int()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
};

/**
 * A known resource that the server is capable of reading.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/resources
 */
export const ResourceSchema = z.looseObject(resourceShape);
/** A known resource. */
export type Resource = z.infer<typeof ResourceSchema>;

/** A template (RFC 6570 `uriTemplate`) describing resources available on the server. */
export const ResourceTemplateSchema = z.looseObject({
  ...baseMetadataShape,
  ...iconsShape,
  /** RFC 6570 URI template. */
  uriTemplate: z.string(),
  /** What this template is for. */
  description: z.optional(z.string()),
  /** MIME type of all matching resources, if they share one. */
  mimeType: z.optional(z.string()),
  /** Optional annotations for the client. */
  annotations: z.optional(AnnotationsSchema),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A resource template. */
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;
