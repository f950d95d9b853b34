import type { LoggingLevel, LoggingMessageNotificationParams, ProgressNotificationParams } from '@tern/schema';
import type { InputRequests, InputResponses } from '@tern/schema';
import type { InputHandlers } from './input-handlers.js';

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call (and, for a conversation, every later round). */
  signal?: AbortSignal;
  /** Timeout of each request, in ms. Default: the client's `requestTimeoutMs`. */
  timeoutMs?: number;
  /** Receives progress; a fresh progress token is sent on each request of the call. */
  onProgress?: (progress: ProgressNotificationParams) => void;
  /** Receives log messages at `logLevel` and above. */
  onLog?: (message: LoggingMessageNotificationParams) => void;
  /** Asks the server for log messages of this call (`io.modelcontextprotocol/logLevel`). */
  logLevel?: LoggingLevel;
  /** Extra `_meta` keys (for example `traceparent`). */
  meta?: Record<string, unknown>;
  /**
   * Send this call again when its response stream breaks. Default: only when it is safe to repeat
   * (every method but `tools/call`, and tools annotated `idempotentHint: true`).
   */
  reissue?: boolean;
}

/** What a round hook sees. */
export interface RoundEvent {
  method: string;
  /** 1 for the first `input_required`. */
  round: number;
  inputRequests: InputRequests;
  /** The answers sent on the retry (absent on a round that carried only `requestState`). */
  inputResponses?: InputResponses;
  hasRequestState: boolean;
}

/** Options of a call that may take several rounds. */
export interface ConversationOptions extends CallOptions {
  /** Limit of the whole conversation, human think time included, in ms. */
  conversationTimeoutMs?: number;
  /** Called after each round was answered, before the retry is sent. */
  onRound?: (event: RoundEvent) => void;
  /**
   * Handlers for this call's input requests, instead of the client's. They also decide the
   * capabilities this call declares (with the client's `sampling` and `capabilities` options).
   */
  handlers?: InputHandlers;
  /**
   * Start the call over, once, when the server refuses its `requestState` as expired, invalid or
   * consumed (`InvalidRequestStateError`). The user is then asked again. Default: the client's
   * option, which defaults to false (the error reaches the caller).
   */
  restartOnInvalidState?: boolean;
}
