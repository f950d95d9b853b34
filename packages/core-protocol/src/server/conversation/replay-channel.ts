import type { InputRequest } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../../errors.js';
import type { ConversationState } from './conversation-state.js';
import { toPlainRecord } from './conversation-state.js';
import type { Ask, InputChannel } from './input-channel.js';

/**
 * The modern (MRTR) input channel for one attempt of a conversation. Answers come from the
 * sealed state and from `inputResponses`; an ask without an answer is recorded as pending and
 * its promise never settles, so the handler stops there and the attempt ends with
 * `input_required`. On the retry the handler runs again and every ask returns its recorded answer.
 */
export class ReplayChannel implements InputChannel {
  /** Asks of this attempt that have no usable answer yet, by key, in the order they were made. */
  readonly pending = new Map<string, InputRequest>();
  /** Raw answers this attempt consumed, by key: they travel on in the next sealed state. */
  readonly used: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  /** Results of `once` steps, recorded so far (from earlier attempts and this one). */
  readonly onceResults: Record<string, { v?: unknown }>;

  readonly #answers: Record<string, unknown>;
  readonly #askedNow = new Set<string>();
  readonly #onPending: () => void;

  /**
   * @param state the opened conversation state (or an empty one on the first attempt)
   * @param inputResponses the client's answers. After a round, only keys asked in that round are
   *   taken (requirements.md #71: unrequested keys are ignored). Before any round (no state: a
   *   client answering up front, or one that lost nothing because no state was needed) answers
   *   are matched by key against what the handler asks, and the rest is ignored.
   * @param onPending called on every new pending ask, so the caller can end the attempt
   */
  constructor(
    state: ConversationState,
    inputResponses: Record<string, unknown> | undefined,
    onPending: () => void,
  ) {
    this.#answers = toPlainRecord(state.answers);
    const takeable = state.round === 0 ? Object.keys(inputResponses ?? {}) : state.asked;
    for (const key of takeable) {
      if (inputResponses !== undefined && Object.hasOwn(inputResponses, key)) {
        this.#answers[key] = inputResponses[key];
      }
    }
    this.onceResults = toPlainRecord(state.once) as Record<string, { v?: unknown }>;
    this.#onPending = onPending;
  }

  async ask(ask: Ask): Promise<unknown> {
    if (this.#askedNow.has(ask.key)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `Two asks in one handler use the key "${ask.key}"`);
    }
    this.#askedNow.add(ask.key);
    if (Object.hasOwn(this.#answers, ask.key)) {
      const raw = this.#answers[ask.key];
      const value = ask.accept(raw);
      if (value !== undefined) {
        this.used[ask.key] = raw;
        return value;
      }
    }
    // No usable answer: ask again (requirements.md #72: a missing answer is re-asked, not an error).
    this.pending.set(ask.key, ask.request);
    this.#onPending();
    return new Promise<never>(() => undefined);
  }

  async once<TValue>(key: string, fn: () => TValue | Promise<TValue>): Promise<TValue> {
    const recorded = this.onceResults[key];
    if (recorded !== undefined) return structuredClone(recorded.v) as TValue;
    const value = await fn();
    // Round-trip through JSON now, so the handler sees on this attempt exactly what later
    // attempts will see after the value has travelled in the sealed state.
    const json: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    this.onceResults[key] = json === undefined ? {} : { v: json };
    return json as TValue;
  }
}
