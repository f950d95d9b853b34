import * as z from 'zod/mini';
import { createNotificationSchema, createRequestSchema } from '../envelope.js';
import { CursorSchema, ProgressTokenSchema, RequestIdSchema } from '../ids.js';
import { MetaObjectSchema } from '../meta.js';

// 2025-11-25 base shapes: request `_meta` is optional and only knows `progressToken`, and results
// have no `resultType`, `ttlMs` or `cacheScope`.

/**
 * `params._meta` of a 2025-11-25 request: optional `progressToken`, anything else passes.
 * @internal
 */
export const legacyRequestMetaSchema = z.looseObject({
  /** Opt-in to progress notifications for this request. */
  progressToken: z.optional(ProgressTokenSchema),
});

/** Common params of a 2025-11-25 request: only an optional `_meta`. */
export const LegacyRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
});
/** Common params of a 2025-11-25 request. */
export type LegacyRequestParams = z.infer<typeof LegacyRequestParamsSchema>;

/** @internal The `_meta` of every 2025-11-25 result. */
export const legacyResultShape = {
  /** Result metadata. */
  _meta: z.optional(MetaObjectSchema),
};

/** Common result fields of 2025-11-25: no `resultType`; unknown members pass through. */
export const LegacyResultSchema = z.looseObject(legacyResultShape);
/** Common result fields of 2025-11-25. */
export type LegacyResult = z.infer<typeof LegacyResultSchema>;

/** The empty result of 2025-11-25 (`ping`, `logging/setLevel`, subscribe): `{}`. */
export const LegacyEmptyResultSchema = LegacyResultSchema;
/** The empty result of 2025-11-25. */
export type LegacyEmptyResult = z.infer<typeof LegacyEmptyResultSchema>;

/** Common params of a 2025-11-25 paginated request. */
export const LegacyPaginatedRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** Opaque cursor from a previous page. */
  cursor: z.optional(CursorSchema),
});
/** Common params of a 2025-11-25 paginated request. */
export type LegacyPaginatedRequestParams = z.infer<typeof LegacyPaginatedRequestParamsSchema>;

/** A 2025-11-25 paginated request (`params` optional). */
export const LegacyPaginatedRequestSchema = createRequestSchema(
  z.string(),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** A 2025-11-25 paginated request. */
export type LegacyPaginatedRequest = z.infer<typeof LegacyPaginatedRequestSchema>;

/** @internal `nextCursor` of 2025-11-25 paginated results. */
export const legacyPaginatedResultShape = {
  ...legacyResultShape,
  /** Cursor of the next page; its absence ends the list. */
  nextCursor: z.optional(CursorSchema),
};

/** Common fields of 2025-11-25 paginated results. */
export const LegacyPaginatedResultSchema = z.looseObject(legacyPaginatedResultShape);
/** Common fields of 2025-11-25 paginated results. */
export type LegacyPaginatedResult = z.infer<typeof LegacyPaginatedResultSchema>;

/** Common params of 2025-11-25 resource requests. */
export const LegacyResourceRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** URI of the resource. */
  uri: z.string(),
});
/** Common params of 2025-11-25 resource requests. */
export type LegacyResourceRequestParams = z.infer<typeof LegacyResourceRequestParamsSchema>;

/**
 * Params of 2025-11-25 `notifications/cancelled`: `requestId` is optional there (task
 * cancellation uses `tasks/cancel`), and either side may send it.
 */
export const LegacyCancelledNotificationParamsSchema = z.looseObject({
  /** Notification metadata. */
  _meta: z.optional(MetaObjectSchema),
  /** Id of the request to cancel. */
  requestId: z.optional(RequestIdSchema),
  /** Optional reason. */
  reason: z.optional(z.string()),
});
/** Params of 2025-11-25 `notifications/cancelled`. */
export type LegacyCancelledNotificationParams = z.infer<
  typeof LegacyCancelledNotificationParamsSchema
>;

/** 2025-11-25 `notifications/cancelled`; in legacy HTTP a disconnect is not a cancellation. */
export const LegacyCancelledNotificationSchema = createNotificationSchema(
  z.literal('notifications/cancelled'),
  LegacyCancelledNotificationParamsSchema,
);
/** 2025-11-25 `notifications/cancelled`. */
export type LegacyCancelledNotification = z.infer<typeof LegacyCancelledNotificationSchema>;
