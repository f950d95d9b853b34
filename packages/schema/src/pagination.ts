import * as z from 'zod/mini';
import { completeResultShape } from './base.js';
import { createRequestSchema } from './envelope.js';
import { CursorSchema } from './ids.js';
import { RequestMetaObjectSchema } from './meta.js';

/**
 * Common params of paginated requests (`tools/list`, `prompts/list`, `resources/list`,
 * `resources/templates/list`).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/pagination
 */
export const PaginatedRequestParamsSchema = z.looseObject({
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
  /** Opaque cursor from a previous page; absent for the first page. */
  cursor: z.optional(CursorSchema),
});
/** Common params of paginated requests. */
export type PaginatedRequestParams = z.infer<typeof PaginatedRequestParamsSchema>;

/** A paginated request with any method name. */
export const PaginatedRequestSchema = createRequestSchema(z.string(), PaginatedRequestParamsSchema);
/** A paginated request. */
export type PaginatedRequest = z.infer<typeof PaginatedRequestSchema>;

/** @internal `nextCursor`, mixed into every paginated result. */
export const paginatedResultShape = {
  /** Cursor of the next page; its absence ends the list. */
  nextCursor: z.optional(CursorSchema),
};

/** Common fields of paginated results. */
export const PaginatedResultSchema = z.looseObject({
  ...completeResultShape,
  ...paginatedResultShape,
});
/** Common fields of paginated results. */
export type PaginatedResult = z.infer<typeof PaginatedResultSchema>;
