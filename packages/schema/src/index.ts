/**
 * @tern/schema: Zod schemas, inferred types, constants and the method map for MCP revision
 * 2026-07-28. Every definition of the official `schema.json` is exported as `<Name>Schema` (the
 * Zod schema) and `<Name>` (its type). The 2025-11-25 definitions a dual-era implementation needs
 * live in the `@tern/schema/legacy` entry point, so that this one never loads them.
 *
 * Everything exported here is public API; anything else in `src/` is internal.
 * @module
 */

// Protocol revisions
export {
  LATEST_PROTOCOL_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  LEGACY_PROTOCOL_VERSIONS,
  isModernProtocolVersion,
  isLegacyProtocolVersion,
} from './protocol-version.js';
export type {
  ModernProtocolVersion,
  LegacyProtocolVersion,
  ProtocolVersion,
} from './protocol-version.js';

// _meta keys and objects
export {
  MetaKey,
  MetaObjectSchema,
  RequestMetaObjectSchema,
  ResultMetaObjectSchema,
  NotificationMetaObjectSchema,
} from './meta.js';
export type {
  MetaObject,
  RequestMetaObject,
  ResultMetaObject,
  NotificationMetaObject,
} from './meta.js';

// Streamable HTTP header names
export {
  HttpHeader,
  BASE64_SENTINEL_PREFIX,
  BASE64_SENTINEL_SUFFIX,
  X_MCP_HEADER,
} from './http-headers.js';

// JSON values
export { JSONValueSchema, JSONObjectSchema, JSONArraySchema } from './json.js';
export type { JSONValue, JSONObject, JSONArray } from './json.js';

// Request ids, progress tokens, cursors
export { RequestIdSchema, ProgressTokenSchema, CursorSchema } from './ids.js';
export type { RequestId, ProgressToken, Cursor } from './ids.js';

// Implementation identity, icons, base metadata
export {
  IconSchema,
  IconsSchema,
  BaseMetadataSchema,
  ImplementationSchema,
} from './implementation.js';
export type { Icon, Icons, BaseMetadata, Implementation } from './implementation.js';

// Requests, notifications and results
export {
  ResultType,
  ResultTypeSchema,
  RequestSchema,
  RequestParamsSchema,
  NotificationSchema,
  NotificationParamsSchema,
  ResultSchema,
  EmptyResultSchema,
  ClientResultSchema,
} from './base.js';
export type {
  Request,
  RequestParams,
  Notification,
  NotificationParams,
  Result,
  EmptyResult,
  ClientResult,
} from './base.js';

// Caching hints
export {
  CacheScope,
  CacheScopeSchema,
  TtlMsSchema,
  CACHEABLE_METHODS,
  CacheableResultSchema,
} from './caching.js';
export type { CacheableMethod, CacheableResult } from './caching.js';

// Pagination
export {
  PaginatedRequestParamsSchema,
  PaginatedRequestSchema,
  PaginatedResultSchema,
} from './pagination.js';
export type { PaginatedRequestParams, PaginatedRequest, PaginatedResult } from './pagination.js';

// JSON-RPC envelopes
export {
  ErrorSchema,
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
  JSONRPCResponseSchema,
  JSONRPCMessageSchema,
} from './jsonrpc.js';
export type {
  Error,
  JSONRPCRequest,
  JSONRPCNotification,
  JSONRPCResultResponse,
  JSONRPCErrorResponse,
  JSONRPCResponse,
  JSONRPCMessage,
} from './jsonrpc.js';

// Error shapes
export {
  ParseErrorSchema,
  InvalidRequestErrorSchema,
  MethodNotFoundErrorSchema,
  InvalidParamsErrorSchema,
  InternalErrorSchema,
  HeaderMismatchErrorSchema,
  MissingRequiredClientCapabilityErrorSchema,
  UnsupportedProtocolVersionErrorSchema,
} from './errors.js';
export type {
  ParseError,
  InvalidRequestError,
  MethodNotFoundError,
  InvalidParamsError,
  InternalError,
  HeaderMismatchError,
  MissingRequiredClientCapabilityError,
  UnsupportedProtocolVersionError,
} from './errors.js';

// Capabilities
export { ClientCapabilitiesSchema, ServerCapabilitiesSchema } from './capabilities.js';
export type { ClientCapabilities, ServerCapabilities } from './capabilities.js';

// Roles and annotations
export { RoleSchema, AnnotationsSchema } from './annotations.js';
export type { Role, Annotations } from './annotations.js';

// Resource descriptors and contents
export {
  ResourceContentsSchema,
  TextResourceContentsSchema,
  BlobResourceContentsSchema,
  ResourceSchema,
  ResourceTemplateSchema,
} from './resource.js';
export type {
  ResourceContents,
  TextResourceContents,
  BlobResourceContents,
  Resource,
  ResourceTemplate,
} from './resource.js';

// Content blocks
export {
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ResourceLinkSchema,
  EmbeddedResourceSchema,
  ContentBlockSchema,
  ToolUseContentSchema,
  ToolResultContentSchema,
  SamplingMessageContentBlockSchema,
} from './content.js';
export type {
  TextContent,
  ImageContent,
  AudioContent,
  ResourceLink,
  EmbeddedResource,
  ContentBlock,
  ToolUseContent,
  ToolResultContent,
  SamplingMessageContentBlock,
} from './content.js';

// Tool definitions
export {
  ToolAnnotationsSchema,
  ToolInputSchemaSchema,
  ToolOutputSchemaSchema,
  ToolSchema,
} from './tool.js';
export type { ToolAnnotations, Tool } from './tool.js';

// tools/*
export {
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ListToolsResultResponseSchema,
  CallToolRequestParamsSchema,
  CallToolRequestSchema,
  CallToolResultSchema,
  CallToolResultOrInputRequiredSchema,
  CallToolResultResponseSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';
export type {
  ListToolsRequest,
  ListToolsResult,
  ListToolsResultResponse,
  CallToolRequestParams,
  CallToolRequest,
  CallToolResult,
  CallToolResultOrInputRequired,
  CallToolResultResponse,
  ToolListChangedNotification,
} from './tools.js';

// resources/*
export {
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ListResourcesResultResponseSchema,
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ListResourceTemplatesResultResponseSchema,
  ResourceRequestParamsSchema,
  ReadResourceRequestParamsSchema,
  ReadResourceRequestSchema,
  ReadResourceResultSchema,
  ReadResourceResultOrInputRequiredSchema,
  ReadResourceResultResponseSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationParamsSchema,
  ResourceUpdatedNotificationSchema,
} from './resources.js';
export type {
  ListResourcesRequest,
  ListResourcesResult,
  ListResourcesResultResponse,
  ListResourceTemplatesRequest,
  ListResourceTemplatesResult,
  ListResourceTemplatesResultResponse,
  ResourceRequestParams,
  ReadResourceRequestParams,
  ReadResourceRequest,
  ReadResourceResult,
  ReadResourceResultOrInputRequired,
  ReadResourceResultResponse,
  ResourceListChangedNotification,
  ResourceUpdatedNotificationParams,
  ResourceUpdatedNotification,
} from './resources.js';

// prompts/*
export {
  PromptArgumentSchema,
  PromptSchema,
  PromptMessageSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  ListPromptsResultResponseSchema,
  GetPromptRequestParamsSchema,
  GetPromptRequestSchema,
  GetPromptResultSchema,
  GetPromptResultOrInputRequiredSchema,
  GetPromptResultResponseSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
export type {
  PromptArgument,
  Prompt,
  PromptMessage,
  ListPromptsRequest,
  ListPromptsResult,
  ListPromptsResultResponse,
  GetPromptRequestParams,
  GetPromptRequest,
  GetPromptResult,
  GetPromptResultOrInputRequired,
  GetPromptResultResponse,
  PromptListChangedNotification,
} from './prompts.js';

// completion/complete
export {
  PromptReferenceSchema,
  ResourceTemplateReferenceSchema,
  CompleteRequestParamsSchema,
  CompleteRequestSchema,
  CompleteResultSchema,
  CompleteResultResponseSchema,
} from './completion.js';
export type {
  PromptReference,
  ResourceTemplateReference,
  CompleteRequestParams,
  CompleteRequest,
  CompleteResult,
  CompleteResultResponse,
} from './completion.js';

// Logging level
export { LoggingLevelSchema } from './logging-level.js';
export type { LoggingLevel } from './logging-level.js';

// notifications/message
export {
  LoggingMessageNotificationParamsSchema,
  LoggingMessageNotificationSchema,
} from './logging.js';
export type { LoggingMessageNotificationParams, LoggingMessageNotification } from './logging.js';

// Elicitation form field schemas
export {
  StringSchemaSchema,
  NumberSchemaSchema,
  BooleanSchemaSchema,
  UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema,
  UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema,
  LegacyTitledEnumSchemaSchema,
  SingleSelectEnumSchemaSchema,
  MultiSelectEnumSchemaSchema,
  EnumSchemaSchema,
  PrimitiveSchemaDefinitionSchema,
} from './elicitation-schemas.js';
export type {
  StringSchema,
  NumberSchema,
  BooleanSchema,
  UntitledSingleSelectEnumSchema,
  TitledSingleSelectEnumSchema,
  UntitledMultiSelectEnumSchema,
  TitledMultiSelectEnumSchema,
  LegacyTitledEnumSchema,
  SingleSelectEnumSchema,
  MultiSelectEnumSchema,
  EnumSchema,
  PrimitiveSchemaDefinition,
} from './elicitation-schemas.js';

// Elicitation
export {
  ElicitRequestFormParamsSchema,
  ElicitRequestURLParamsSchema,
  ElicitRequestParamsSchema,
  ElicitRequestSchema,
  ElicitResultSchema,
} from './elicitation.js';
export type {
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitRequestParams,
  ElicitRequest,
  ElicitResult,
} from './elicitation.js';

// Sampling
export {
  SamplingMessageSchema,
  ModelHintSchema,
  ModelPreferencesSchema,
  ToolChoiceSchema,
  CreateMessageRequestParamsSchema,
  CreateMessageRequestSchema,
  CreateMessageResultSchema,
} from './sampling.js';
export type {
  SamplingMessage,
  ModelHint,
  ModelPreferences,
  ToolChoice,
  CreateMessageRequestParams,
  CreateMessageRequest,
  CreateMessageResult,
} from './sampling.js';

// Roots
export { RootSchema, ListRootsRequestSchema, ListRootsResultSchema } from './roots.js';
export type { Root, ListRootsRequest, ListRootsResult } from './roots.js';

// Multi Round-Trip Requests
export {
  MRTR_METHODS,
  InputRequestSchema,
  InputRequestsSchema,
  InputResponseSchema,
  InputResponsesSchema,
  InputResponseRequestParamsSchema,
  InputRequiredResultSchema,
} from './mrtr.js';
export type {
  MrtrMethod,
  InputRequest,
  InputRequests,
  InputResponse,
  InputResponses,
  InputResponseRequestParams,
  InputRequiredResult,
} from './mrtr.js';

// server/discover
export {
  DiscoverRequestSchema,
  DiscoverResultSchema,
  DiscoverResultResponseSchema,
} from './discover.js';
export type { DiscoverRequest, DiscoverResult, DiscoverResultResponse } from './discover.js';

// subscriptions/listen
export {
  SubscriptionFilterSchema,
  SubscriptionsListenRequestParamsSchema,
  SubscriptionsListenRequestSchema,
  SubscriptionsListenResultMetaObjectSchema,
  SubscriptionsListenResultSchema,
  SubscriptionsListenResultResponseSchema,
  SubscriptionsAcknowledgedNotificationParamsSchema,
  SubscriptionsAcknowledgedNotificationSchema,
} from './subscriptions.js';
export type {
  SubscriptionFilter,
  SubscriptionsListenRequestParams,
  SubscriptionsListenRequest,
  SubscriptionsListenResultMetaObject,
  SubscriptionsListenResult,
  SubscriptionsListenResultResponse,
  SubscriptionsAcknowledgedNotificationParams,
  SubscriptionsAcknowledgedNotification,
} from './subscriptions.js';

// Cancellation and progress
export {
  CancelledNotificationParamsSchema,
  CancelledNotificationSchema,
  ProgressNotificationParamsSchema,
  ProgressNotificationSchema,
} from './notifications.js';
export type {
  CancelledNotificationParams,
  CancelledNotification,
  ProgressNotificationParams,
  ProgressNotification,
} from './notifications.js';

// Message unions
export {
  ClientRequestSchema,
  ClientNotificationSchema,
  ServerNotificationSchema,
  ServerResultSchema,
} from './messages.js';
export type {
  ClientRequest,
  ClientNotification,
  ServerNotification,
  ServerResult,
} from './messages.js';

// Method map
export {
  modernClientRequests,
  modernClientNotifications,
  modernServerNotifications,
  modernInputRequests,
  modernMethodMap,
  isClientMethod,
} from './method-map.js';
export type {
  RequestDefinition,
  ClientMethod,
  ClientNotificationMethod,
  ServerNotificationMethod,
  InputRequestMethod,
  RequestParamsFor,
  ResultFor,
  HandlerParamsFor,
  HandlerResultFor,
  ClientNotificationParamsFor,
  ServerNotificationParamsFor,
  InputRequestParamsFor,
  InputResponseFor,
} from './method-map.js';
