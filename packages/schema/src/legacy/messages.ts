import * as z from 'zod/mini';
import { LoggingMessageNotificationSchema } from '../logging.js';
import { ProgressNotificationSchema } from '../notifications.js';
import { PromptListChangedNotificationSchema } from '../prompts.js';
import {
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '../resources.js';
import { ToolListChangedNotificationSchema } from '../tools.js';
import { LegacyCancelledNotificationSchema, LegacyResultSchema } from './base.js';
import { LegacyCompleteRequestSchema, LegacyCompleteResultSchema } from './completion.js';
import {
  ElicitationCompleteNotificationSchema,
  LegacyElicitRequestSchema,
  LegacyElicitResultSchema,
} from './elicitation.js';
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  InitializeResultSchema,
  PingRequestSchema,
} from './lifecycle.js';
import { SetLevelRequestSchema } from './logging.js';
import {
  LegacyGetPromptRequestSchema,
  LegacyGetPromptResultSchema,
  LegacyListPromptsRequestSchema,
  LegacyListPromptsResultSchema,
} from './prompts.js';
import {
  LegacyListResourcesRequestSchema,
  LegacyListResourcesResultSchema,
  LegacyListResourceTemplatesRequestSchema,
  LegacyListResourceTemplatesResultSchema,
  LegacyReadResourceRequestSchema,
  LegacyReadResourceResultSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from './resources.js';
import {
  LegacyListRootsRequestSchema,
  LegacyListRootsResultSchema,
  RootsListChangedNotificationSchema,
} from './roots.js';
import { LegacyCreateMessageRequestSchema, LegacyCreateMessageResultSchema } from './sampling.js';
import {
  CancelTaskRequestSchema,
  CancelTaskResultSchema,
  GetTaskPayloadRequestSchema,
  GetTaskPayloadResultSchema,
  GetTaskRequestSchema,
  GetTaskResultSchema,
  ListTasksRequestSchema,
  ListTasksResultSchema,
  TaskStatusNotificationSchema,
} from './tasks.js';
import {
  LegacyCallToolRequestSchema,
  LegacyCallToolResultSchema,
  LegacyListToolsRequestSchema,
  LegacyListToolsResultSchema,
} from './tools.js';

/** Every request a 2025-11-25 client may send, discriminated on `method`. */
export const LegacyClientRequestSchema = z.discriminatedUnion('method', [
  InitializeRequestSchema,
  PingRequestSchema,
  LegacyListResourcesRequestSchema,
  LegacyListResourceTemplatesRequestSchema,
  LegacyReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  LegacyListPromptsRequestSchema,
  LegacyGetPromptRequestSchema,
  LegacyListToolsRequestSchema,
  LegacyCallToolRequestSchema,
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  CancelTaskRequestSchema,
  ListTasksRequestSchema,
  SetLevelRequestSchema,
  LegacyCompleteRequestSchema,
]);
/** Every request a 2025-11-25 client may send. */
export type LegacyClientRequest = z.infer<typeof LegacyClientRequestSchema>;

/**
 * Every request a 2025-11-25 server may send to the client (there is no 2026 counterpart:
 * modern servers never send requests), discriminated on `method`.
 */
export const ServerRequestSchema = z.discriminatedUnion('method', [
  PingRequestSchema,
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  CancelTaskRequestSchema,
  ListTasksRequestSchema,
  LegacyCreateMessageRequestSchema,
  LegacyListRootsRequestSchema,
  LegacyElicitRequestSchema,
]);
/** Every request a 2025-11-25 server may send. */
export type ServerRequest = z.infer<typeof ServerRequestSchema>;

/** Every notification a 2025-11-25 client may send, discriminated on `method`. */
export const LegacyClientNotificationSchema = z.discriminatedUnion('method', [
  LegacyCancelledNotificationSchema,
  InitializedNotificationSchema,
  ProgressNotificationSchema,
  TaskStatusNotificationSchema,
  RootsListChangedNotificationSchema,
]);
/** Every notification a 2025-11-25 client may send. */
export type LegacyClientNotification = z.infer<typeof LegacyClientNotificationSchema>;

/** Every notification a 2025-11-25 server may send, discriminated on `method`. */
export const LegacyServerNotificationSchema = z.discriminatedUnion('method', [
  LegacyCancelledNotificationSchema,
  ProgressNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  TaskStatusNotificationSchema,
  LoggingMessageNotificationSchema,
  ElicitationCompleteNotificationSchema,
]);
/** Every notification a 2025-11-25 server may send. */
export type LegacyServerNotification = z.infer<typeof LegacyServerNotificationSchema>;

/**
 * Every result a 2025-11-25 client may send. The generic {@link LegacyResultSchema} comes first
 * (as in the spec), so any object matches; parse per method with the legacy method map.
 */
export const LegacyClientResultSchema = z.union([
  LegacyResultSchema,
  GetTaskResultSchema,
  GetTaskPayloadResultSchema,
  CancelTaskResultSchema,
  ListTasksResultSchema,
  LegacyCreateMessageResultSchema,
  LegacyListRootsResultSchema,
  LegacyElicitResultSchema,
]);
/** Every result a 2025-11-25 client may send. */
export type LegacyClientResult = z.infer<typeof LegacyClientResultSchema>;

/**
 * Every result a 2025-11-25 server may send. The generic {@link LegacyResultSchema} comes first
 * (as in the spec), so any object matches; parse per method with the legacy method map.
 */
export const LegacyServerResultSchema = z.union([
  LegacyResultSchema,
  InitializeResultSchema,
  LegacyListResourcesResultSchema,
  LegacyListResourceTemplatesResultSchema,
  LegacyReadResourceResultSchema,
  LegacyListPromptsResultSchema,
  LegacyGetPromptResultSchema,
  LegacyListToolsResultSchema,
  LegacyCallToolResultSchema,
  GetTaskResultSchema,
  GetTaskPayloadResultSchema,
  CancelTaskResultSchema,
  ListTasksResultSchema,
  LegacyCompleteResultSchema,
]);
/** Every result a 2025-11-25 server may send. */
export type LegacyServerResult = z.infer<typeof LegacyServerResultSchema>;
