import * as z from 'zod/mini';
import { NotificationParamsSchema } from '../base.js';
import { createNotificationSchema, createRequestSchema } from '../envelope.js';
import { RootSchema } from '../roots.js';
import { LegacyRequestParamsSchema, legacyResultShape } from './base.js';

/** 2025-11-25 `roots/list` request (server → client). */
export const LegacyListRootsRequestSchema = createRequestSchema(
  z.literal('roots/list'),
  z.optional(LegacyRequestParamsSchema),
);
/** 2025-11-25 `roots/list` request. */
export type LegacyListRootsRequest = z.infer<typeof LegacyListRootsRequestSchema>;

/** 2025-11-25 result of `roots/list` (a JSON-RPC result, so it may carry `_meta`). */
export const LegacyListRootsResultSchema = z.looseObject({
  ...legacyResultShape,
  /** The roots. */
  roots: z.array(RootSchema),
});
/** 2025-11-25 result of `roots/list`. */
export type LegacyListRootsResult = z.infer<typeof LegacyListRootsResultSchema>;

/** `notifications/roots/list_changed` (client → server; removed in 2026-07-28). */
export const RootsListChangedNotificationSchema = createNotificationSchema(
  z.literal('notifications/roots/list_changed'),
  z.optional(NotificationParamsSchema),
);
/** `notifications/roots/list_changed`. */
export type RootsListChangedNotification = z.infer<typeof RootsListChangedNotificationSchema>;
