import type * as z from 'zod/mini';
import { LoggingMessageNotificationSchema } from '../logging.js';
import type { RequestDefinition } from '../method-map.js';
import { ProgressNotificationSchema } from '../notifications.js';
import { PromptListChangedNotificationSchema } from '../prompts.js';
import {
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '../resources.js';
import { ToolListChangedNotificationSchema } from '../tools.js';
import { LegacyCancelledNotificationSchema, LegacyEmptyResultSchema } from './base.js';
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
  LegacyCallToolRequestSchema,
  LegacyCallToolResultSchema,
  LegacyListToolsRequestSchema,
  LegacyListToolsResultSchema,
} from './tools.js';

// Method name → params/result schemas for 2025-11-25 (also used for 2025-06-18 and 2025-03-26,
// whose messages are subsets; every schema is open, so newer optional fields do not get in the
// way). Tasks (`tasks/*`) are left out: a compat layer does not advertise them.

/** The 2025-11-25 revision string. */
const LEGACY_REVISION = '2025-11-25';

/** Every 2025-11-25 client request method (tasks aside) with its params and result schemas. */
export const legacyClientRequests = {
  initialize: { params: InitializeRequestSchema.shape.params, result: InitializeResultSchema },
  ping: { params: PingRequestSchema.shape.params, result: LegacyEmptyResultSchema },
  'logging/setLevel': {
    params: SetLevelRequestSchema.shape.params,
    result: LegacyEmptyResultSchema,
  },
  'resources/subscribe': {
    params: SubscribeRequestSchema.shape.params,
    result: LegacyEmptyResultSchema,
  },
  'resources/unsubscribe': {
    params: UnsubscribeRequestSchema.shape.params,
    result: LegacyEmptyResultSchema,
  },
  'tools/list': {
    params: LegacyListToolsRequestSchema.shape.params,
    result: LegacyListToolsResultSchema,
  },
  'tools/call': {
    params: LegacyCallToolRequestSchema.shape.params,
    result: LegacyCallToolResultSchema,
  },
  'prompts/list': {
    params: LegacyListPromptsRequestSchema.shape.params,
    result: LegacyListPromptsResultSchema,
  },
  'prompts/get': {
    params: LegacyGetPromptRequestSchema.shape.params,
    result: LegacyGetPromptResultSchema,
  },
  'resources/list': {
    params: LegacyListResourcesRequestSchema.shape.params,
    result: LegacyListResourcesResultSchema,
  },
  'resources/templates/list': {
    params: LegacyListResourceTemplatesRequestSchema.shape.params,
    result: LegacyListResourceTemplatesResultSchema,
  },
  'resources/read': {
    params: LegacyReadResourceRequestSchema.shape.params,
    result: LegacyReadResourceResultSchema,
  },
  'completion/complete': {
    params: LegacyCompleteRequestSchema.shape.params,
    result: LegacyCompleteResultSchema,
  },
} as const satisfies Record<string, RequestDefinition>;

/** The requests a 2025-11-25 server may send to the client, with params and result schemas. */
export const legacyServerRequests = {
  'elicitation/create': {
    params: LegacyElicitRequestSchema.shape.params,
    result: LegacyElicitResultSchema,
  },
  'sampling/createMessage': {
    params: LegacyCreateMessageRequestSchema.shape.params,
    result: LegacyCreateMessageResultSchema,
  },
  'roots/list': {
    params: LegacyListRootsRequestSchema.shape.params,
    result: LegacyListRootsResultSchema,
  },
  ping: { params: PingRequestSchema.shape.params, result: LegacyEmptyResultSchema },
} as const satisfies Record<string, RequestDefinition>;

/** Notifications a 2025-11-25 client may send, with their params schemas. */
export const legacyClientNotifications = {
  'notifications/cancelled': LegacyCancelledNotificationSchema.shape.params,
  'notifications/initialized': InitializedNotificationSchema.shape.params,
  'notifications/progress': ProgressNotificationSchema.shape.params,
  'notifications/roots/list_changed': RootsListChangedNotificationSchema.shape.params,
} as const satisfies Record<string, z.ZodMiniType>;

/** Notifications a 2025-11-25 server may send, with their params schemas. */
export const legacyServerNotifications = {
  'notifications/cancelled': LegacyCancelledNotificationSchema.shape.params,
  'notifications/progress': ProgressNotificationSchema.shape.params,
  'notifications/message': LoggingMessageNotificationSchema.shape.params,
  'notifications/tools/list_changed': ToolListChangedNotificationSchema.shape.params,
  'notifications/prompts/list_changed': PromptListChangedNotificationSchema.shape.params,
  'notifications/resources/list_changed': ResourceListChangedNotificationSchema.shape.params,
  'notifications/resources/updated': ResourceUpdatedNotificationSchema.shape.params,
  'notifications/elicitation/complete': ElicitationCompleteNotificationSchema.shape.params,
} as const satisfies Record<string, z.ZodMiniType>;

/** The complete 2025-11-25 method map. */
export const legacyMethodMap = {
  /** The revision this map describes. */
  revision: LEGACY_REVISION,
  /** Client → server requests. */
  clientRequests: legacyClientRequests,
  /** Server → client requests. */
  serverRequests: legacyServerRequests,
  /** Client → server notifications. */
  clientNotifications: legacyClientNotifications,
  /** Server → client notifications. */
  serverNotifications: legacyServerNotifications,
} as const;

/** A 2025-11-25 client request method. */
export type LegacyClientMethod = keyof typeof legacyClientRequests;
/** A 2025-11-25 server request method. */
export type LegacyServerMethod = keyof typeof legacyServerRequests;
/** A 2025-11-25 client notification method. */
export type LegacyClientNotificationMethod = keyof typeof legacyClientNotifications;
/** A 2025-11-25 server notification method. */
export type LegacyServerNotificationMethod = keyof typeof legacyServerNotifications;

/** What a legacy client puts in `params` of `TMethod` (schema input). */
export type LegacyRequestParamsFor<TMethod extends LegacyClientMethod> = z.input<
  (typeof legacyClientRequests)[TMethod]['params']
>;
/** What a legacy client gets back as `result` of `TMethod` once parsed (schema output). */
export type LegacyResultFor<TMethod extends LegacyClientMethod> = z.output<
  (typeof legacyClientRequests)[TMethod]['result']
>;
/** What a legacy server puts in `params` of its request `TMethod` (schema input). */
export type LegacyServerRequestParamsFor<TMethod extends LegacyServerMethod> = z.input<
  (typeof legacyServerRequests)[TMethod]['params']
>;
/** What a legacy server gets back as `result` of its request `TMethod` once parsed. */
export type LegacyServerRequestResultFor<TMethod extends LegacyServerMethod> = z.output<
  (typeof legacyServerRequests)[TMethod]['result']
>;
