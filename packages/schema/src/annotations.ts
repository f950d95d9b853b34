import * as z from 'zod/mini';

/** The sender or recipient of messages and data in a conversation. */
export const RoleSchema = z.enum(['user', 'assistant']);
/** `"user"` or `"assistant"`. */
export type Role = z.infer<typeof RoleSchema>;

/**
 * Optional hints to the client about how to use or display an object.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/resources#annotations
 */
export const AnnotationsSchema = z.looseObject({
  /** Who the data is intended for. */
  audience: z.optional(z.array(RoleSchema)),
  /** Importance from 0 (optional) to 1 (required). */
  priority: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  /** ISO 8601 timestamp of the last modification. */
  lastModified: z.optional(z.string()),
});
/** Optional annotations for the client. */
export type Annotations = z.infer<typeof AnnotationsSchema>;
