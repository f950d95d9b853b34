/**
 * @tern/schema/legacy: Zod schemas and types for the MCP 2025-11-25 messages a dual-era
 * implementation needs (initialize, ping, logging/setLevel, resource subscriptions, server→client
 * requests, tasks, results without `resultType`) and the 2025-11-25 method map. A definition that
 * exists in 2026-07-28 under the same name but with a different shape is exported as
 * `Legacy<Name>Schema` / `Legacy<Name>`; definitions that only exist in 2025-11-25 keep their
 * names. Definitions whose shape did not change are not repeated: import them from `@tern/schema`.
 *
 * Everything exported here is public API.
 * @module
 */

// Base shapes without resultType
export {
  LegacyRequestParamsSchema,
  LegacyResultSchema,
  LegacyEmptyResultSchema,
  LegacyPaginatedRequestParamsSchema,
  LegacyPaginatedRequestSchema,
  LegacyPaginatedResultSchema,
  LegacyResourceRequestParamsSchema,
  LegacyCancelledNotificationParamsSchema,
  LegacyCancelledNotificationSchema,
} from './base.js';
export type {
  LegacyRequestParams,
  LegacyResult,
  LegacyEmptyResult,
  LegacyPaginatedRequestParams,
  LegacyPaginatedRequest,
  LegacyPaginatedResult,
  LegacyResourceRequestParams,
  LegacyCancelledNotificationParams,
  LegacyCancelledNotification,
} from './base.js';

// JSON-RPC envelopes with legacy results
export {
  LegacyJSONRPCResultResponseSchema,
  LegacyJSONRPCResponseSchema,
  LegacyJSONRPCMessageSchema,
} from './jsonrpc.js';
export type {
  LegacyJSONRPCResultResponse,
  LegacyJSONRPCResponse,
  LegacyJSONRPCMessage,
} from './jsonrpc.js';

// Session-wide capabilities
export { LegacyClientCapabilitiesSchema, LegacyServerCapabilitiesSchema } from './capabilities.js';
export type { LegacyClientCapabilities, LegacyServerCapabilities } from './capabilities.js';

// initialize, notifications/initialized, ping
export {
  InitializeRequestParamsSchema,
  InitializeRequestSchema,
  InitializeResultSchema,
  InitializedNotificationSchema,
  PingRequestSchema,
} from './lifecycle.js';
export type {
  InitializeRequestParams,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  PingRequest,
} from './lifecycle.js';

// tools/*
export {
  LegacyToolSchema,
  LegacyListToolsRequestSchema,
  LegacyListToolsResultSchema,
  LegacyCallToolRequestParamsSchema,
  LegacyCallToolRequestSchema,
  LegacyCallToolResultSchema,
  LegacyToolResultContentSchema,
} from './tools.js';
export type {
  LegacyTool,
  LegacyListToolsRequest,
  LegacyListToolsResult,
  LegacyCallToolRequestParams,
  LegacyCallToolRequest,
  LegacyCallToolResult,
  LegacyToolResultContent,
} from './tools.js';

// resources/* including subscribe/unsubscribe
export {
  LegacyListResourcesRequestSchema,
  LegacyListResourcesResultSchema,
  LegacyListResourceTemplatesRequestSchema,
  LegacyListResourceTemplatesResultSchema,
  LegacyReadResourceRequestParamsSchema,
  LegacyReadResourceRequestSchema,
  LegacyReadResourceResultSchema,
  SubscribeRequestParamsSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestParamsSchema,
  UnsubscribeRequestSchema,
} from './resources.js';
export type {
  LegacyListResourcesRequest,
  LegacyListResourcesResult,
  LegacyListResourceTemplatesRequest,
  LegacyListResourceTemplatesResult,
  LegacyReadResourceRequestParams,
  LegacyReadResourceRequest,
  LegacyReadResourceResult,
  SubscribeRequestParams,
  SubscribeRequest,
  UnsubscribeRequestParams,
  UnsubscribeRequest,
} from './resources.js';

// prompts/*
export {
  LegacyListPromptsRequestSchema,
  LegacyListPromptsResultSchema,
  LegacyGetPromptRequestParamsSchema,
  LegacyGetPromptRequestSchema,
  LegacyGetPromptResultSchema,
} from './prompts.js';
export type {
  LegacyListPromptsRequest,
  LegacyListPromptsResult,
  LegacyGetPromptRequestParams,
  LegacyGetPromptRequest,
  LegacyGetPromptResult,
} from './prompts.js';

// completion/complete
export {
  LegacyCompleteRequestParamsSchema,
  LegacyCompleteRequestSchema,
  LegacyCompleteResultSchema,
} from './completion.js';
export type {
  LegacyCompleteRequestParams,
  LegacyCompleteRequest,
  LegacyCompleteResult,
} from './completion.js';

// logging/setLevel
export { SetLevelRequestParamsSchema, SetLevelRequestSchema } from './logging.js';
export type { SetLevelRequestParams, SetLevelRequest } from './logging.js';

// Elicitation as a server request
export {
  LegacyElicitRequestFormParamsSchema,
  LegacyElicitRequestURLParamsSchema,
  LegacyElicitRequestParamsSchema,
  LegacyElicitRequestSchema,
  LegacyElicitResultSchema,
  ElicitationCompleteNotificationSchema,
} from './elicitation.js';
export type {
  LegacyElicitRequestFormParams,
  LegacyElicitRequestURLParams,
  LegacyElicitRequestParams,
  LegacyElicitRequest,
  LegacyElicitResult,
  ElicitationCompleteNotification,
} from './elicitation.js';

// Sampling as a server request
export {
  LegacySamplingMessageContentBlockSchema,
  LegacySamplingMessageSchema,
  LegacyCreateMessageRequestParamsSchema,
  LegacyCreateMessageRequestSchema,
  LegacyCreateMessageResultSchema,
} from './sampling.js';
export type {
  LegacySamplingMessageContentBlock,
  LegacySamplingMessage,
  LegacyCreateMessageRequestParams,
  LegacyCreateMessageRequest,
  LegacyCreateMessageResult,
} from './sampling.js';

// Roots as a server request
export {
  LegacyListRootsRequestSchema,
  LegacyListRootsResultSchema,
  RootsListChangedNotificationSchema,
} from './roots.js';
export type {
  LegacyListRootsRequest,
  LegacyListRootsResult,
  RootsListChangedNotification,
} from './roots.js';

// Retired error codes
export { URLElicitationRequiredErrorSchema } from './errors.js';
export type { URLElicitationRequiredError } from './errors.js';

// Experimental tasks
export {
  TaskStatusSchema,
  TaskMetadataSchema,
  RelatedTaskMetadataSchema,
  ToolExecutionSchema,
  TaskSchema,
  TaskAugmentedRequestParamsSchema,
  CreateTaskResultSchema,
  GetTaskRequestSchema,
  GetTaskResultSchema,
  GetTaskPayloadRequestSchema,
  GetTaskPayloadResultSchema,
  CancelTaskRequestSchema,
  CancelTaskResultSchema,
  ListTasksRequestSchema,
  ListTasksResultSchema,
  TaskStatusNotificationParamsSchema,
  TaskStatusNotificationSchema,
} from './tasks.js';
export type {
  TaskStatus,
  TaskMetadata,
  RelatedTaskMetadata,
  ToolExecution,
  Task,
  TaskAugmentedRequestParams,
  CreateTaskResult,
  GetTaskRequest,
  GetTaskResult,
  GetTaskPayloadRequest,
  GetTaskPayloadResult,
  CancelTaskRequest,
  CancelTaskResult,
  ListTasksRequest,
  ListTasksResult,
  TaskStatusNotificationParams,
  TaskStatusNotification,
} from './tasks.js';

// Message unions
export {
  LegacyClientRequestSchema,
  ServerRequestSchema,
  LegacyClientNotificationSchema,
  LegacyServerNotificationSchema,
  LegacyClientResultSchema,
  LegacyServerResultSchema,
} from './messages.js';
export type {
  LegacyClientRequest,
  ServerRequest,
  LegacyClientNotification,
  LegacyServerNotification,
  LegacyClientResult,
  LegacyServerResult,
} from './messages.js';

// Method map
export {
  legacyClientRequests,
  legacyServerRequests,
  legacyClientNotifications,
  legacyServerNotifications,
  legacyMethodMap,
} from './method-map.js';
export type {
  LegacyClientMethod,
  LegacyServerMethod,
  LegacyClientNotificationMethod,
  LegacyServerNotificationMethod,
  LegacyRequestParamsFor,
  LegacyResultFor,
  LegacyServerRequestParamsFor,
  LegacyServerRequestResultFor,
} from './method-map.js';
