import type { JsonRpcId, JsonRpcNotification } from '@tern/jsonrpc';
import type { Implementation, ServerCapabilities } from '@tern/schema';
import type { AccessPolicy } from './access-policy.js';
import type { CacheHint } from './cache-hint.js';
import type { ChangeBus } from './change-bus.js';
import type { ClientQuota } from './client-quota.js';
import type { ListenTopicRegistry } from './extensions/listen-topics.js';
import type { InputChannel } from './conversation/input-channel.js';
import type { ConversationLimits } from './conversation/run-conversation.js';
import type { StateCodecConfig } from './conversation/state-codec.js';
import type { ServerDiagnostic } from './server-options.js';
import type { Paginator } from './pagination.js';
import type { PromptRegistry } from './prompt-registry.js';
import type { RequestSignal } from './lazy-abort-signal.js';
import type { AuthInfo, NotificationLimits } from './request-context.js';
import type { RequestEnvelope } from './request-meta.js';
import type { RequestStateSealer } from './request-state/request-state-sealer.js';
import type { ResourceRegistry } from './resource-registry.js';
import type { ToolRegistry } from './tool-registry.js';

/** An open listen stream, as the server knows it: something `close()` can end. */
export interface ListenSlot {
  end(): void;
}

/** The lists and reads that carry caching hints. */
export type CacheTarget = 'discover' | 'tools' | 'prompts' | 'resources' | 'resourceTemplates' | 'read';

/**
 * Everything about one request that is not its params: who asked, how to stream notifications,
 * how to cancel, and (for the dual-era layer) how asks are answered.
 */
export interface CallInfo {
  requestId: JsonRpcId;
  envelope: RequestEnvelope;
  /** Aborted when the client goes away. Handlers see it as `ctx.signal` (`abortSignalOf`). */
  signal: RequestSignal;
  auth: AuthInfo | undefined;
  /**
   * The network address of the client, when the transport knows it. Quotas count against
   * `auth.principal`, and against this address for anonymous requests.
   */
  peer?: string;
  /** Sends a request-scoped notification (progress, log) before the response. */
  notify: ((notification: JsonRpcNotification) => void) | undefined;
  /**
   * Answers asks by other means than MRTR (the dual-era layer sends real server-to-client
   * requests on a legacy session). Absent on modern requests.
   */
  inputChannel?: InputChannel;
  /**
   * Per-request entries that middlewares of extensions hand to handlers (`ctx.extensions`), by
   * extension id.
   */
  extensions?: Readonly<Record<string, unknown>>;
}

/** How big a listen request may be (what a stream keeps for its whole life). @internal */
export interface ListenLimits {
  readonly maxResourceUris: number;
  readonly maxUriLength: number;
  readonly maxIdLength: number;
}

/** The parts of a server that method handlers use. @internal */
export interface ServerRuntime {
  readonly info: Implementation;
  readonly instructions: string | undefined;
  readonly tools: ToolRegistry;
  readonly resources: ResourceRegistry;
  readonly prompts: PromptRegistry;
  /** Who may see and use what was registered with `scopes`. */
  readonly access: AccessPolicy;
  readonly bus: ChangeBus;
  readonly stateSealer: RequestStateSealer;
  /** How conversation journals are sealed and opened. */
  readonly stateCodec: StateCodecConfig;
  readonly paginator: Paginator;
  readonly conversationLimits: ConversationLimits;
  readonly notificationLimits: NotificationLimits;
  readonly maxListenStreams: number;
  /** The size limits of a listen request (filter and id). */
  readonly listenLimits: ListenLimits;
  /** Listen streams per client (`maxListenStreamsPerClient`). */
  readonly listenQuota: ClientQuota;
  /** Whether `ctx.log` may send messages (the `logging` option). */
  readonly logging: boolean;
  /** The open listen streams; `close()` ends each. */
  readonly listenStreams: Set<ListenSlot>;
  /** The notification kinds extensions added to listen streams (`registerListenTopic`). */
  readonly listenTopics: ListenTopicRegistry;
  capabilities(): ServerCapabilities;
  /** Hands an error that did not become a wire error to the `onError` option. */
  reportError(error: unknown, request: { method: string; id?: JsonRpcId }): void;
  /** Hands a diagnostic event to the `onDiagnostic` option. */
  diagnose(event: ServerDiagnostic): void;
  supportedVersions(): string[];
  cacheHint(target: CacheTarget): CacheHint;
}
