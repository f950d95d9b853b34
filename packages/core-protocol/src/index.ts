/**
 * @tern/core-protocol: the conversation core of Tern. A transport-agnostic MCP 2026-07-28 server
 * (registries, the request pipeline, and multi round-trip requests written in a straight line
 * with sealed `requestState`) and the shared pieces transports need (header encoding,
 * `x-mcp-header` rules, errors). Everything exported here is public API.
 */

// Server
export { McpServer } from './server/mcp-server.js';
export type { HandleOptions, Registration } from './server/mcp-server.js';
export { abortSignalOf, LazyAbortSignal } from './server/lazy-abort-signal.js';
export type { AbortListener, RequestSignal } from './server/lazy-abort-signal.js';
export type { McpServerOptions, ServerDiagnostic, ServerLogger } from './server/server-options.js';
export { MemoryConversationStore } from './server/conversation/conversation-store.js';
export type {
  ConversationStore,
  MemoryConversationStoreOptions,
  StoredConversation,
} from './server/conversation/conversation-store.js';
export type { RecentJournalsLimits } from './server/conversation/recent-journals.js';
export { DEFAULT_LIMITS } from './server/server-options.js';
export { ClientQuota, clientKey, overloaded, overloadOf } from './server/client-quota.js';
export type { OverloadData } from './server/client-quota.js';
export type { CacheHint } from './server/cache-hint.js';
export type { AccessOptions, UnauthorizedListing } from './server/access-policy.js';
export { isScopeToken } from './server/access-policy.js';
export type { CallInfo, CacheTarget } from './server/server-runtime.js';
export type {
  AuthInfo,
  ClientDescription,
  RawInput,
  RequestContext,
} from './server/request-context.js';
export { createAsker } from './server/conversation/asks.js';
export type { Asker, AskOptions, ElicitOutcome, ElicitUrlOutcome } from './server/conversation/asks.js';
export type { Ask, InputChannel } from './server/conversation/input-channel.js';
export type { RequestEnvelope } from './server/request-meta.js';
export { readRequestMeta } from './server/request-meta.js';
export type {
  RequestStateMode,
  ToolConfig,
  ToolHandler,
  ToolResult,
} from './server/tool-registry.js';
export type {
  ResourceConfig,
  ResourceContents,
  ResourceHandler,
  ResourceTemplateConfig,
  ResourceTemplateHandler,
} from './server/resource-registry.js';
export type {
  CompletionCallback,
  PromptConfig,
  PromptHandler,
  PromptResult,
} from './server/prompt-registry.js';
export type { MethodConfig, MethodHandler } from './server/extensions/method-registry.js';
export type { ListenTopic, ListenTopicContext } from './server/extensions/listen-topics.js';
export type {
  CallOverrides,
  MiddlewareOptions,
  MiddlewareRequest,
  NextHandler,
  RequestMiddleware,
} from './server/extensions/middleware.js';
export { InMemoryChangeBus } from './server/change-bus.js';
export type {
  ChangeBus,
  ChangeDelivery,
  ChangeEvent,
  ChangeListenOptions,
  ChangeSubscription,
  InMemoryChangeBusOptions,
  ListChangeType,
} from './server/change-bus.js';
export { TernMetaKey } from './shared/tern-meta.js';
export {
  RequestStateSealer,
  digestArguments,
} from './server/request-state/request-state-sealer.js';
export type {
  RequestStateKey,
  RequestStateSealerOptions,
  StateBinding,
} from './server/request-state/request-state-sealer.js';
export { webCryptoCipher } from './server/request-state/state-cipher.js';
export type { StateCipher } from './server/request-state/state-cipher.js';
export { nodeCryptoCipher } from './server/request-state/node-crypto-cipher.js';

// Errors
export {
  InvalidRequestStateError,
  RequestStateRejection,
  InsufficientScopeError,
  isInsufficientScope,
  ResourceNotFoundError,
  SdkError,
  SdkErrorCode,
  ToolError,
  isSdkError,
  toWireError,
} from './errors.js';

// Shared by transports
export {
  decodeHeaderValue,
  encodeHeaderValue,
  isSafePlainHeaderValue,
} from './shared/base64-sentinel.js';
export {
  checkHeaderValue,
  collectMcpHeaderParams,
  headerValueFor,
  mcpParamHeaderName,
} from './shared/x-mcp-header.js';
export type { McpHeaderParam } from './shared/x-mcp-header.js';
export { UriTemplate } from './shared/uri-template.js';
export { canonicalJson } from './shared/canonical-json.js';
export type { JsonCompatible } from './shared/json-value.js';
export { compileSchema } from './shared/schema-validator.js';
export { authorizedFetch } from './shared/auth-provider.js';
export type { AuthProvider, FetchLike } from './shared/auth-provider.js';
export type {
  CompiledSchema,
  JsonSchemaObject,
  SchemaInput,
  SchemaLimits,
  ValidationOutcome,
} from './shared/schema-validator.js';

// Client
export { McpClient } from './client/mcp-client.js';
export type { McpClientOptions } from './client/mcp-client.js';
export type { ClientTransport, TransportSendOptions } from './client/client-transport.js';
export type {
  ElicitFormHandler,
  ElicitUrlHandler,
  InputHandlers,
  InputRequestInfo,
  RootsHandler,
  SamplingCapabilityOptions,
  SamplingHandler,
} from './client/input-handlers.js';
export { answerInputRequests, capabilitiesFor } from './client/input-handlers.js';
export type { CallOptions, ConversationOptions, RoundEvent } from './client/request-options.js';
export { InMemoryResponseCache } from './client/response-cache.js';
export type { CacheEntry, ResponseCache } from './client/response-cache.js';
export { isPendingConversation } from './client/pending-conversation.js';
export type {
  ConversationMethod,
  ConversationStep,
  PendingConversation,
} from './client/pending-conversation.js';
export { Subscription } from './client/subscription.js';
export type { SubscriptionEvent, SubscriptionOptions } from './client/subscription.js';
