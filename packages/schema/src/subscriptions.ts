import * as z from 'zod/mini';
import { ResultType } from './base.js';
import {
  createNotificationSchema,
  createRequestSchema,
  createResultResponseSchema,
} from './envelope.js';
import { RequestIdSchema } from './ids.js';
import { ImplementationSchema } from './implementation.js';
import { MetaKey, NotificationMetaObjectSchema, RequestMetaObjectSchema } from './meta.js';

// `subscriptions/listen`: the one long-lived request of 2026-07-28. Its response is a stream of
// change notifications, each tagged with the listen request's id.

/**
 * The notification types a client opts in to; omitted or false means not subscribed.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
 */
export const SubscriptionFilterSchema = z.looseObject({
  /** Deliver `notifications/tools/list_changed`. */
  toolsListChanged: z.optional(z.boolean()),
  /** Deliver `notifications/prompts/list_changed`. */
  promptsListChanged: z.optional(z.boolean()),
  /** Deliver `notifications/resources/list_changed`. */
  resourcesListChanged: z.optional(z.boolean()),
  /** Deliver `notifications/resources/updated` for these URIs. */
  resourceSubscriptions: z.optional(z.array(z.string())),
});
/** The notification types a client opts in to. */
export type SubscriptionFilter = z.infer<typeof SubscriptionFilterSchema>;

/** Params of `subscriptions/listen`. */
export const SubscriptionsListenRequestParamsSchema = z.looseObject({
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
  /** What to deliver on the stream. */
  notifications: SubscriptionFilterSchema,
});
/** Params of `subscriptions/listen`. */
export type SubscriptionsListenRequestParams = z.infer<
  typeof SubscriptionsListenRequestParamsSchema
>;

/** `subscriptions/listen`: opens a stream of change notifications. */
export const SubscriptionsListenRequestSchema = createRequestSchema(
  z.literal('subscriptions/listen'),
  SubscriptionsListenRequestParamsSchema,
);
/** A `subscriptions/listen` request. */
export type SubscriptionsListenRequest = z.infer<typeof SubscriptionsListenRequestSchema>;

/** `_meta` of the listen result: the subscription id is required. */
export const SubscriptionsListenResultMetaObjectSchema = z.looseObject({
  /** Self-reported server identity. */
  [MetaKey.ServerInfo]: z.optional(ImplementationSchema),
  /** The listen request's id. */
  [MetaKey.SubscriptionId]: RequestIdSchema,
});
/** `_meta` of the listen result. */
export type SubscriptionsListenResultMetaObject = z.infer<
  typeof SubscriptionsListenResultMetaObjectSchema
>;

/** The graceful end of a subscription (for example at server shutdown). */
export const SubscriptionsListenResultSchema = z.looseObject({
  resultType: z.literal(ResultType.Complete),
  /** Carries the subscription id. */
  _meta: SubscriptionsListenResultMetaObjectSchema,
});
/** The graceful end of a subscription. */
export type SubscriptionsListenResult = z.infer<typeof SubscriptionsListenResultSchema>;

/** A successful (closing) response to `subscriptions/listen`. */
export const SubscriptionsListenResultResponseSchema = createResultResponseSchema(
  SubscriptionsListenResultSchema,
);
/** A successful (closing) response to `subscriptions/listen`. */
export type SubscriptionsListenResultResponse = z.infer<
  typeof SubscriptionsListenResultResponseSchema
>;

/** Params of `notifications/subscriptions/acknowledged`. */
export const SubscriptionsAcknowledgedNotificationParamsSchema = z.looseObject({
  /** Carries the subscription id. */
  _meta: z.optional(NotificationMetaObjectSchema),
  /** The subset of the filter the server will honour. */
  notifications: SubscriptionFilterSchema,
});
/** Params of `notifications/subscriptions/acknowledged`. */
export type SubscriptionsAcknowledgedNotificationParams = z.infer<
  typeof SubscriptionsAcknowledgedNotificationParamsSchema
>;

/** The first message of every subscription stream. */
export const SubscriptionsAcknowledgedNotificationSchema = createNotificationSchema(
  z.literal('notifications/subscriptions/acknowledged'),
  SubscriptionsAcknowledgedNotificationParamsSchema,
);
/** `notifications/subscriptions/acknowledged`. */
export type SubscriptionsAcknowledgedNotification = z.infer<
  typeof SubscriptionsAcknowledgedNotificationSchema
>;
