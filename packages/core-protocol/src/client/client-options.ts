import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { ClientCapabilities } from '@tern/schema';
import type { ClientTransport } from './client-transport.js';
import type { InputHandlers, SamplingCapabilityOptions } from './input-handlers.js';
import type { RoundEvent } from './request-options.js';
import type { ResponseCache } from './response-cache.js';

/** Options of {@link McpClient}. Every limit has a default. */
export interface McpClientOptions {
  transport: ClientTransport;
  /** Handlers that answer the server's input requests; they decide the declared capabilities. */
  handlers?: InputHandlers;
  /** Extra sampling capabilities (only with a sampling handler). */
  sampling?: SamplingCapabilityOptions;
  /**
   * Capabilities to declare besides those the handlers back: `experimental`, `extensions`, or the
   * input capabilities of a client that answers by hand with `continueConversation`.
   */
  capabilities?: ClientCapabilities;
  /** The protocol version to start with. Default: the latest this SDK speaks. */
  protocolVersion?: string;
  /** Send `io.modelcontextprotocol/clientInfo` on every request. Default true (requirements.md #36). */
  sendClientInfo?: boolean;
  /** Most `input_required` rounds in one conversation. Default 10. */
  maxRounds?: number;
  /** Timeout of each request, in ms. Default 60 000. */
  requestTimeoutMs?: number;
  /** Timeout of a whole conversation, human think time included, in ms. Default 600 000. */
  conversationTimeoutMs?: number;
  /**
   * How often a request whose response stream broke is re-issued. Default 2. Only requests that
   * are safe to repeat are re-issued: see `ConversationOptions.reissue`.
   */
  maxReissues?: number;
  /**
   * Start a call over (once) when the server refuses its `requestState` as expired, invalid or
   * consumed; the user is then asked again. Default false: the `InvalidRequestStateError` reaches
   * the caller. Per call: `ConversationOptions.restartOnInvalidState`.
   */
  restartOnInvalidState?: boolean;
  /**
   * Receives notifications that belong to no call option: log messages of calls without `onLog`,
   * and what a 2025-era server sends outside any request (through the dual-era transport).
   */
  onNotification?: (notification: JsonRpcNotification) => void;
  /** Cache for list and read results: `true` for an in-memory one, or your own store. Default off. */
  cache?: boolean | ResponseCache;
  /** Called after each round of every conversation, before the retry. */
  onRound?: (event: RoundEvent) => void;
  /** Where the client reports things worth knowing (a tool dropped for bad headers, ...). */
  onWarning?: (message: string) => void;
  /** Clock for cache freshness. */
  now?: () => number;
}
