import { InvalidRequestStateError, RequestStateRejection } from '@tern/jsonrpc';
import type { InputRequiredResult, InputResponses } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../errors.js';
import { answerInputRequests } from './input-handlers.js';
import type { ConversationMethod, ConversationStep } from './pending-conversation.js';
import type { ConversationOptions, RoundEvent } from './request-options.js';
import { classifyResult, withInput } from './results.js';
import type { SendNext, SendOptions } from './send/send-step.js';
import { delay, untilAborted } from './timing.js';

/** Where a conversation stands before its next request. */
export interface Turn {
  /** How many `input_required` rounds came before. */
  round: number;
  inputResponses: InputResponses | undefined;
  requestState: string | undefined;
}

/** The settings of a {@link ConversationDriver}, each with the client's default. */
export interface DriverSettings {
  send: SendNext;
  maxRounds: number;
  conversationTimeoutMs: number;
  /** Start a call over (once) when the server refuses its state as expired, invalid or consumed. */
  restartOnInvalidState: boolean;
  onRound: ((event: RoundEvent) => void) | undefined;
}

/** How a conversation ended: its complete raw result, after how many rounds of input. */
export interface ConversationEnd {
  result: Record<string, unknown>;
  rounds: number;
}

/** A conversation request: the method and its original params (without `_meta` or answers). */
export interface Conversation {
  method: ConversationMethod;
  params: Record<string, unknown>;
}

/**
 * Drives MRTR conversations (requirements.md #65-#68). {@link step} is one request: the manual
 * API (`startConversation`, `continueConversation`) is that step alone, and {@link run} is the
 * same step in a loop with the handlers answering each round.
 */
export class ConversationDriver {
  readonly #settings: DriverSettings;

  constructor(settings: DriverSettings) {
    this.#settings = settings;
  }

  /** Sends one request of a conversation and says whether it completed or asks for more. */
  async step(conversation: Conversation, turn: Turn, options: SendOptions): Promise<ConversationStep<Record<string, unknown>>> {
    const retry = withInput(conversation.params, turn.inputResponses, turn.requestState);
    const raw = await this.#settings.send({ method: conversation.method, params: retry, options });
    const outcome = classifyResult(conversation.method, raw);
    if (outcome.kind === 'complete') return { status: 'complete', result: raw };
    if (turn.round + 1 > this.#settings.maxRounds) throw this.#roundLimit();
    return { status: 'input_required', pending: pendingOf(conversation, turn.round + 1, outcome.result) };
  }

  /**
   * Runs a whole conversation, answering each round with the handlers of `options` and retrying
   * with the state echoed byte for byte, within the conversation's timeout and the caller's signal.
   */
  async run(conversation: Conversation, options: SendOptions & ConversationOptions): Promise<ConversationEnd> {
    const timeoutMs = options.conversationTimeoutMs ?? this.#settings.conversationTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const sendOptions = { ...options, signal };
    try {
      return await this.#rounds(conversation, sendOptions, options.restartOnInvalidState ?? this.#settings.restartOnInvalidState);
    } catch (error) {
      if (options.signal?.aborted === true) {
        if (error instanceof SdkError) throw error;
        throw new SdkError(SdkErrorCode.Aborted, `${conversation.method} was aborted`, { data: options.signal.reason, cause: error });
      }
      if (timeout.aborted) {
        throw new SdkError(SdkErrorCode.RequestTimeout, `The conversation did not finish within ${timeoutMs} ms`, {
          data: { timeoutMs },
          cause: error,
        });
      }
      throw error;
    }
  }

  async #rounds(
    conversation: Conversation,
    options: SendOptions & ConversationOptions & { signal: AbortSignal },
    mayRestart: boolean,
  ): Promise<ConversationEnd> {
    let turn: Turn = { round: 0, inputResponses: undefined, requestState: undefined };
    let restarts = 0;
    let stateOnlyStreak = 0;
    for (;;) {
      let step: ConversationStep<Record<string, unknown>>;
      try {
        step = await this.step(conversation, turn, options);
      } catch (error) {
        // An opt-in policy: a state the server no longer takes means "start over" (once).
        if (mayRestart && restarts === 0 && turn.round > 0 && isRestartable(error)) {
          restarts += 1;
          turn = { round: 0, inputResponses: undefined, requestState: undefined };
          continue;
        }
        throw error;
      }
      if (step.status === 'complete') return { result: step.result, rounds: turn.round };
      const { pending } = step;
      let inputResponses: InputResponses | undefined;
      if (Object.keys(pending.inputRequests).length === 0) {
        // A state-only round (load shedding): retry at once, backing off when it repeats.
        await delay(Math.min(2000, stateOnlyStreak === 0 ? 0 : 100 * 2 ** (stateOnlyStreak - 1)), options.signal);
        stateOnlyStreak += 1;
      } else {
        stateOnlyStreak = 0;
        // Raced against the signal: a handler that never answers must not outlive the
        // conversation's timeout or the caller's abort.
        inputResponses = await untilAborted(
          answerInputRequests(pending.inputRequests, options.handlers ?? {}, {
            method: conversation.method,
            round: pending.round,
            signal: options.signal,
            capabilities: options.capabilities ?? {},
          }),
          options.signal,
        );
      }
      (options.onRound ?? this.#settings.onRound)?.({
        method: conversation.method,
        round: pending.round,
        inputRequests: pending.inputRequests,
        ...(inputResponses === undefined ? {} : { inputResponses }),
        hasRequestState: pending.requestState !== undefined,
      });
      turn = { round: pending.round, inputResponses, requestState: pending.requestState };
    }
  }

  #roundLimit(): SdkError {
    return new SdkError(SdkErrorCode.RoundLimitExceeded, `The conversation needed more than ${this.#settings.maxRounds} rounds`, {
      data: { maxRounds: this.#settings.maxRounds },
    });
  }
}

function pendingOf(conversation: Conversation, round: number, result: InputRequiredResult) {
  return {
    v: 1 as const,
    method: conversation.method,
    params: conversation.params,
    round,
    inputRequests: result.inputRequests ?? {},
    ...(result.requestState === undefined ? {} : { requestState: result.requestState }),
  };
}

/** A refused state that starting over can cure: every reason but `too-large`. */
function isRestartable(error: unknown): boolean {
  return error instanceof InvalidRequestStateError && error.data.reason !== RequestStateRejection.TooLarge;
}
