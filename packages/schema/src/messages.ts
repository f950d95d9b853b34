import * as z from 'zod/mini';
import { ResultSchema } from './base.js';
import { CompleteRequestSchema, CompleteResultSchema } from './completion.js';
import { DiscoverRequestSchema, DiscoverResultSchema } from './discover.js';
import { LoggingMessageNotificationSchema } from './logging.js';
import { InputRequiredResultSchema } from './mrtr.js';
import { CancelledNotificationSchema, ProgressNotificationSchema } from './notifications.js';
import {
  GetPromptRequestSchema,
  GetPromptResultSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
import {
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceRequestSchema,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from './resources.js';
import {
  SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequestSchema,
  SubscriptionsListenResultSchema,
} from './subscriptions.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';

// The per-direction message unions of 2026-07-28. For typed dispatch by method, prefer the method
// map (method-map.ts): it pairs each method with its params and result schemas.

/** Every request a 2026-07-28 client may send, discriminated on `method`. */
export const ClientRequestSchema = z.discriminatedUnion('method', [
  DiscoverRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  SubscriptionsListenRequestSchema,
  ListPromptsRequestSchema,
  GetPromptRequestSchema,
  ListToolsRequestSchema,
  CallToolRequestSchema,
  CompleteRequestSchema,
]);
/** Every request a client may send. */
export type ClientRequest = z.infer<typeof ClientRequestSchema>;

/**
 * The only notification a 2026-07-28 client sends: `notifications/cancelled` (stdio). The spec
 * defines `ClientNotification` as exactly that shape.
 */
export const ClientNotificationSchema = CancelledNotificationSchema;
/** The notification a client may send. */
export type ClientNotification = z.infer<typeof ClientNotificationSchema>;

/** Every notification a 2026-07-28 server may send, discriminated on `method`. */
export const ServerNotificationSchema = z.discriminatedUnion('method', [
  CancelledNotificationSchema,
  ProgressNotificationSchema,
  ResourceListChangedNotificationSchema,
  SubscriptionsAcknowledgedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  LoggingMessageNotificationSchema,
]);
/** Every notification a server may send. */
export type ServerNotification = z.infer<typeof ServerNotificationSchema>;

/**
 * Every result a 2026-07-28 server may send. As in the spec, the generic {@link ResultSchema} is
 * the first member, so any result with a string `resultType` matches (with all its fields kept);
 * the specific members only contribute to the TypeScript type. Parse per method with the method
 * map to validate a specific shape.
 */
export const ServerResultSchema = z.union([
  ResultSchema,
  InputRequiredResultSchema,
  DiscoverResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceResultSchema,
  SubscriptionsListenResultSchema,
  ListPromptsResultSchema,
  GetPromptResultSchema,
  ListToolsResultSchema,
  CallToolResultSchema,
  CompleteResultSchema,
]);
/** Every result a server may send. */
export type ServerResult = z.infer<typeof ServerResultSchema>;
