import * as z from 'zod/mini';
import { MetaObjectSchema } from './meta.js';

// Roots (deprecated in 2026-07-28, still specified) as an MRTR input request.

/**
 * A root directory or file the server may operate on (`file://` URIs today).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/roots
 */
export const RootSchema = z.looseObject({
  /** URI of the root. */
  uri: z.string(),
  /** Optional display name. */
  name: z.optional(z.string()),
  /** Metadata. */
  _meta: z.optional(MetaObjectSchema),
});
/** A root. */
export type Root = z.infer<typeof RootSchema>;

/** A roots input request (`roots/list`), gated by the `roots` capability. */
export const ListRootsRequestSchema = z.looseObject({
  method: z.literal('roots/list'),
  /** Optional params: only `_meta`. */
  params: z.optional(z
    .looseObject({
      /** Metadata. */
      _meta: z.optional(MetaObjectSchema),
    })),
});
/** A roots input request. */
export type ListRootsRequest = z.infer<typeof ListRootsRequestSchema>;

/** The client's answer to a roots request. */
export const ListRootsResultSchema = z.looseObject({
  /** The roots. */
  roots: z.array(RootSchema),
});
/** The client's answer to a roots request. */
export type ListRootsResult = z.infer<typeof ListRootsResultSchema>;
