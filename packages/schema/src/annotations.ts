import * as z from 'zod';

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
  audience: z.array(RoleSchema).optional(),
  /** Importance from 0 (optional) to 1 (required). */
  priority: z.number().min(0).max(1).optional(),
  /** ISO 8601 timestamp of the last modification. */
  lastModified: z.string().optional(),
});
/** Optional annotations for the client. */
export type Annotations = z.infer<typeof AnnotationsSchema>;
