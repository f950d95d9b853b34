import * as z from 'zod/mini';
import { createNotificationSchema } from './envelope.js';
import { ProgressTokenSchema, RequestIdSchema } from './ids.js';
import { NotificationMetaObjectSchema } from './meta.js';

/** Params of `notifications/cancelled`. */
export const CancelledNotificationParamsSchema = z.looseObject({
  /** Notification metadata. */
  _meta: z.optional(NotificationMetaObjectSchema),
  /** Id of the request to cancel (or of the listen request being torn down). */
  requestId: RequestIdSchema,
  /** Optional reason, for logging or display. */
  reason: z.optional(z.string()),
});
/** Params of `notifications/cancelled`. */
export type CancelledNotificationParams = z.infer<typeof CancelledNotificationParamsSchema>;

/**
 * `notifications/cancelled`. Used on stdio only: over Streamable HTTP closing the response
 * stream is the cancellation. A server sends it only to end a `subscriptions/listen` stream.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/cancellation
 */
export const CancelledNotificationSchema = createNotificationSchema(
  z.literal('notifications/cancelled'),
  CancelledNotificationParamsSchema,
);
/** `notifications/cancelled`. */
export type CancelledNotification = z.infer<typeof CancelledNotificationSchema>;

/** Params of `notifications/progress`. */
export const ProgressNotificationParamsSchema = z.looseObject({
  /** Notification metadata. */
  _meta: z.optional(NotificationMetaObjectSchema),
  /** The token from the request's `_meta.progressToken`. */
  progressToken: ProgressTokenSchema,
  /** Progress so far; must increase with every notification. */
  progress: z.number(),
  /** Total amount of work, if known. */
  total: z.optional(z.number()),
  /** Human-readable progress message. */
  message: z.optional(z.string()),
});
/** Params of `notifications/progress`. */
export type ProgressNotificationParams = z.infer<typeof ProgressNotificationParamsSchema>;

/**
 * `notifications/progress`: request-scoped, only for requests that opted in, never on a listen
 * stream.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/progress
 */
export const ProgressNotificationSchema = createNotificationSchema(
  z.literal('notifications/progress'),
  ProgressNotificationParamsSchema,
);
/** `notifications/progress`. */
export type ProgressNotification = z.infer<typeof ProgressNotificationSchema>;
