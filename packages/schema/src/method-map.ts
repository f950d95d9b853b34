import type * as z from 'zod/mini';
import { CompleteRequestSchema, CompleteResultSchema } from './completion.js';
import { DiscoverRequestSchema, DiscoverResultSchema } from './discover.js';
import { ElicitRequestSchema, ElicitResultSchema } from './elicitation.js';
import { LoggingMessageNotificationSchema } from './logging.js';
import { CancelledNotificationSchema, ProgressNotificationSchema } from './notifications.js';
import {
  GetPromptRequestSchema,
  GetPromptResultOrInputRequiredSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
import { LATEST_PROTOCOL_VERSION } from './protocol-version.js';
import {
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceRequestSchema,
  ReadResourceResultOrInputRequiredSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from './resources.js';
import { ListRootsRequestSchema, ListRootsResultSchema } from './roots.js';
import { CreateMessageRequestSchema, CreateMessageResultSchema } from './sampling.js';
import {
  SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequestSchema,
  SubscriptionsListenResultSchema,
} from './subscriptions.js';
import {
  CallToolRequestSchema,
  CallToolResultOrInputRequiredSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';

// Method name → params/result schemas for 2026-07-28. Params schemas are taken from the request
// envelopes themselves, so the map and the envelopes cannot drift apart. The 2025-11-25 map lives
// in the `./legacy` entry point, so the modern path never loads legacy schemas.

/** A request method's schemas: what the sender puts in `params`, what comes back in `result`. */
export interface RequestDefinition {
  /** Schema of `params`. */
  readonly params: z.ZodMiniType;
  /** Schema of `result`. */
  readonly result: z.ZodMiniType;
}

/**
 * Every 2026-07-28 client request method with its params and result schemas. The results of
 * `tools/call`, `prompts/get` and `resources/read` are unions of the final result and
 * `InputRequiredResult`, discriminated on `resultType`.
 */
export const modernClientRequests = {
  'server/discover': { params: DiscoverRequestSchema.shape.params, result: DiscoverResultSchema },
  'tools/list': { params: ListToolsRequestSchema.shape.params, result: ListToolsResultSchema },
  'tools/call': {
    params: CallToolRequestSchema.shape.params,
    result: CallToolResultOrInputRequiredSchema,
  },
  'prompts/list': {
    params: ListPromptsRequestSchema.shape.params,
    result: ListPromptsResultSchema,
  },
  'prompts/get': {
    params: GetPromptRequestSchema.shape.params,
    result: GetPromptResultOrInputRequiredSchema,
  },
  'resources/list': {
    params: ListResourcesRequestSchema.shape.params,
    result: ListResourcesResultSchema,
  },
  'resources/templates/list': {
    params: ListResourceTemplatesRequestSchema.shape.params,
    result: ListResourceTemplatesResultSchema,
  },
  'resources/read': {
    params: ReadResourceRequestSchema.shape.params,
    result: ReadResourceResultOrInputRequiredSchema,
  },
  'subscriptions/listen': {
    params: SubscriptionsListenRequestSchema.shape.params,
    result: SubscriptionsListenResultSchema,
  },
  'completion/complete': {
    params: CompleteRequestSchema.shape.params,
    result: CompleteResultSchema,
  },
} as const satisfies Record<string, RequestDefinition>;

/** Notifications a 2026-07-28 client may send, with their params schemas (stdio only). */
export const modernClientNotifications = {
  'notifications/cancelled': CancelledNotificationSchema.shape.params,
} as const satisfies Record<string, z.ZodMiniType>;

/**
 * Notifications a 2026-07-28 server may send, with their params schemas. Progress and log
 * messages are request-scoped; the rest travel on `subscriptions/listen` streams, where
 * `notifications/cancelled` also ends a stream on stdio.
 */
export const modernServerNotifications = {
  'notifications/cancelled': CancelledNotificationSchema.shape.params,
  'notifications/progress': ProgressNotificationSchema.shape.params,
  'notifications/message': LoggingMessageNotificationSchema.shape.params,
  'notifications/tools/list_changed': ToolListChangedNotificationSchema.shape.params,
  'notifications/prompts/list_changed': PromptListChangedNotificationSchema.shape.params,
  'notifications/resources/list_changed': ResourceListChangedNotificationSchema.shape.params,
  'notifications/resources/updated': ResourceUpdatedNotificationSchema.shape.params,
  'notifications/subscriptions/acknowledged':
    SubscriptionsAcknowledgedNotificationSchema.shape.params,
} as const satisfies Record<string, z.ZodMiniType>;

/**
 * The input requests a server may embed in an `InputRequiredResult`, with the schema of the
 * matching entry in the client's `inputResponses`.
 */
export const modernInputRequests = {
  'elicitation/create': { params: ElicitRequestSchema.shape.params, result: ElicitResultSchema },
  'sampling/createMessage': {
    params: CreateMessageRequestSchema.shape.params,
    result: CreateMessageResultSchema,
  },
  'roots/list': { params: ListRootsRequestSchema.shape.params, result: ListRootsResultSchema },
} as const satisfies Record<string, RequestDefinition>;

/** The complete 2026-07-28 method map. */
export const modernMethodMap = {
  /** The revision this map describes. */
  revision: LATEST_PROTOCOL_VERSION,
  /** Client → server requests. */
  clientRequests: modernClientRequests,
  /** Client → server notifications. */
  clientNotifications: modernClientNotifications,
  /** Server → client notifications. */
  serverNotifications: modernServerNotifications,
  /** Requests embedded in `InputRequiredResult.inputRequests`. */
  inputRequests: modernInputRequests,
} as const;

/** A 2026-07-28 client request method. */
export type ClientMethod = keyof typeof modernClientRequests;
/** A notification method a 2026-07-28 client may send. */
export type ClientNotificationMethod = keyof typeof modernClientNotifications;
/** A notification method a 2026-07-28 server may send. */
export type ServerNotificationMethod = keyof typeof modernServerNotifications;
/** An input request method that may appear in `inputRequests`. */
export type InputRequestMethod = keyof typeof modernInputRequests;

/** What a client puts in `params` of `TMethod` (schema input). */
export type RequestParamsFor<TMethod extends ClientMethod> = z.input<
  (typeof modernClientRequests)[TMethod]['params']
>;
/** What a client gets back as `result` of `TMethod` once parsed (schema output). */
export type ResultFor<TMethod extends ClientMethod> = z.output<
  (typeof modernClientRequests)[TMethod]['result']
>;
/** What a server handler receives as `params` of `TMethod` once parsed (schema output). */
export type HandlerParamsFor<TMethod extends ClientMethod> = z.output<
  (typeof modernClientRequests)[TMethod]['params']
>;
/** What a server handler may return as `result` of `TMethod` (schema input). */
export type HandlerResultFor<TMethod extends ClientMethod> = z.input<
  (typeof modernClientRequests)[TMethod]['result']
>;
/** `params` of a client notification, as sent (schema input). */
export type ClientNotificationParamsFor<TMethod extends ClientNotificationMethod> = z.input<
  (typeof modernClientNotifications)[TMethod]
>;
/** `params` of a server notification, as received (schema output). */
export type ServerNotificationParamsFor<TMethod extends ServerNotificationMethod> = z.output<
  (typeof modernServerNotifications)[TMethod]
>;
/** `params` of an embedded input request, as received by the client (schema output). */
export type InputRequestParamsFor<TMethod extends InputRequestMethod> = z.output<
  (typeof modernInputRequests)[TMethod]['params']
>;
/** The `inputResponses` entry answering an input request, as sent by the client (schema input). */
export type InputResponseFor<TMethod extends InputRequestMethod> = z.input<
  (typeof modernInputRequests)[TMethod]['result']
>;

/** Whether `method` is a 2026-07-28 client request method (own keys only, so not `toString`). */
export function isClientMethod(method: string): method is ClientMethod {
  return Object.hasOwn(modernClientRequests, method);
}
