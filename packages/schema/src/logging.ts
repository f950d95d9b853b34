import * as z from 'zod/mini';
import { createNotificationSchema } from './envelope.js';
import { LoggingLevelSchema } from './logging-level.js';
import { NotificationMetaObjectSchema } from './meta.js';

/** Params of `notifications/message`. */
export const LoggingMessageNotificationParamsSchema = z.looseObject({
  /** Notification metadata. */
  _meta: z.optional(NotificationMetaObjectSchema),
  /** Severity of the message. */
  level: LoggingLevelSchema,
  /** Name of the logger. */
  logger: z.optional(z.string()),
  /** The data to log: any JSON value (required, may be `null`). */
  data: z.unknown(),
});
/** Params of `notifications/message`. */
export type LoggingMessageNotificationParams = z.infer<
  typeof LoggingMessageNotificationParamsSchema
>;

/**
 * `notifications/message` (logging is deprecated). Sent only for requests that opted in with
 * `_meta["io.modelcontextprotocol/logLevel"]`, on that request's stream, never on a listen stream.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging
 */
export const LoggingMessageNotificationSchema = createNotificationSchema(
  z.literal('notifications/message'),
  LoggingMessageNotificationParamsSchema,
);
/** `notifications/message`. */
export type LoggingMessageNotification = z.infer<typeof LoggingMessageNotificationSchema>;
