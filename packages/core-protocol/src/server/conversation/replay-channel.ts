import type { InputRequest } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../../errors.js';
import { fingerprintOf } from '../../shared/fingerprint.js';
import { copyJsonValue, toJsonValue } from '../../shared/json-value.js';
import { answerShapeOf, normalizeAnswer } from './answer-shape.js';
import type { AnswerEntry, AskedEntry, ConversationState } from './conversation-state.js';
import { toPlainRecord } from './conversation-state.js';
import type { Ask, InputChannel } from './input-channel.js';

/** A recorded answer that was not applied because the handler now asks something else. */
export interface Divergence {
  /** The key the handler asked under (explicit, or derived from the question). */
  key: string;
  /**
   * The wire key the new question goes out under; absent when the answer simply matched no ask
   * of this attempt (derived keys: a changed question has another key).
   */
  wireKey?: string;
  /** What is asked now: `elicitation/create`, `sampling/createMessage` or `roots/list`. */
  inputMethod: InputRequest['method'];
}

/** A question of this attempt that has no usable answer yet. */
export interface PendingAsk {
  request: InputRequest;
  entry: AskedEntry;
}

/** How a {@link ReplayChannel} tells its attempt what happens. */
export interface ReplayHooks {
  /** A new pending ask: the attempt may end with `input_required`. */
  onPending: () => void;
  /** A `once` step settled: an attempt that waits for running steps may end now. */
  onSettled: () => void;
  /** A recorded answer was not applied to a changed question. */
  onDivergence: (divergence: Divergence) => void;
}

/**
 * The modern (MRTR) input channel for one attempt of a conversation. Every answer is pinned to
 * the fingerprint of the question it was given to: on replay it is applied only when the handler
 * asks exactly that question again. An ask without an applicable answer is recorded as pending
 * and its promise never settles, so the handler stops there and the attempt ends with
 * `input_required`. See docs/mrtr.md, "What replay guarantees".
 */
export class ReplayChannel implements InputChannel {
  /** Asks of this attempt that have no usable answer yet, by wire key, in the order they were made. */
  readonly pending = new Map<string, PendingAsk>();
  /** Answers this attempt applied, by wire key: they travel on in the next state. */
  readonly used: Record<string, AnswerEntry> = Object.create(null) as Record<string, AnswerEntry>;
  /** Results of `once` steps, recorded so far (from earlier attempts and this one). */
  readonly onceResults: Record<string, { v?: unknown }>;

  readonly #answers: Record<string, AnswerEntry>;
  readonly #asked: Record<string, AskedEntry>;
  /** Answers given before any round (no state): matched by key against what the handler asks. */
  readonly #upFront: Record<string, unknown>;
  readonly #askedNow = new Set<string>();
  /** Answers that arrived on this request, by wire key: each should be applied to its question. */
  readonly #arrived: string[] = [];
  readonly #reported = new Set<string>();
  readonly #onceNow = new Set<string>();
  readonly #hooks: ReplayHooks;
  #running = 0;

  /**
   * @param state the opened conversation state (or an empty one on the first attempt)
   * @param inputResponses the client's answers. After a round only keys asked in that round are
   *   taken (requirements.md #71: unrequested keys are ignored), each normalised and pinned to the
   *   question asked under its key. Before any round (a client answering up front) answers are
   *   matched by key against what the handler asks, and the rest is ignored.
   * @throws InvalidParamsError (-32602) for an answer that is not a result of the asked kind
   */
  constructor(state: ConversationState, inputResponses: Record<string, unknown> | undefined, hooks: ReplayHooks) {
    this.#answers = toPlainRecord(state.answers) as Record<string, AnswerEntry>;
    this.#asked = toPlainRecord(state.asked) as Record<string, AskedEntry>;
    this.#upFront = Object.create(null) as Record<string, unknown>;
    for (const [key, raw] of Object.entries(inputResponses ?? {})) {
      const asked = Object.hasOwn(this.#asked, key) ? this.#asked[key] : undefined;
      if (state.round === 0) this.#upFront[key] = raw;
      else if (asked !== undefined) {
        this.#answers[key] = { f: asked.f, a: normalizeAnswer(asked.s, key, raw) };
        this.#arrived.push(key);
      }
    }
    this.onceResults = toPlainRecord(state.once) as Record<string, { v?: unknown }>;
    this.#hooks = hooks;
  }

  /** How many `once` steps are running right now. */
  get running(): number {
    return this.#running;
  }

  /** The answers that arrived on this request, as they would be sealed (for size checks). */
  get arrivedAnswers(): Record<string, AnswerEntry> {
    const arrived = Object.create(null) as Record<string, AnswerEntry>;
    for (const key of this.#arrived) {
      const entry = this.#answers[key];
      if (entry !== undefined) arrived[key] = entry;
    }
    return arrived;
  }

  /** The answers and `once` results this attempt holds, as they would be sealed (for size checks). */
  get held(): { answers: Record<string, AnswerEntry>; once: Record<string, { v?: unknown }> } {
    return { answers: this.#answers, once: this.onceResults };
  }

  ask(ask: Ask): Promise<unknown> {
    try {
      return this.#ask(ask);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #ask(ask: Ask): Promise<unknown> {
    if (this.#askedNow.has(ask.key)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `Two asks in one handler use the key "${ask.key}"`);
    }
    this.#askedNow.add(ask.key);
    const fingerprint = ask.fingerprint ?? fingerprintOf(ask.request);
    const found = this.#find(ask.key, fingerprint);
    // The handler gets a copy of each answer: what it does with it never changes the journal.
    if (found !== undefined) {
      const value = ask.accept(copyJsonValue(found.entry.a), true);
      if (value !== undefined) {
        this.used[found.wireKey] = found.entry;
        return Promise.resolve(value);
      }
    } else if (Object.hasOwn(this.#upFront, ask.key)) {
      const entry = { f: fingerprint, a: normalizeAnswer(answerShapeOf(ask.request), ask.key, this.#upFront[ask.key]) };
      const value = ask.accept(copyJsonValue(entry.a), true);
      if (value !== undefined) {
        this.used[ask.key] = entry;
        return Promise.resolve(value);
      }
    }
    // No applicable answer: ask (again) in this round (requirements.md #72: a missing answer is
    // re-asked, not an error), under a key the client has not answered for another question.
    const wireKey = found?.wireKey ?? this.#wireKeyFor(ask.key, fingerprint, ask.request.method);
    this.pending.set(wireKey, { request: ask.request, entry: { f: fingerprint, s: answerShapeOf(ask.request) } });
    this.#hooks.onPending();
    return new Promise<never>(() => undefined);
  }

  async once<TValue>(key: string, fn: () => TValue | Promise<TValue>): Promise<TValue> {
    if (this.#onceNow.has(key)) {
      throw new SdkError(
        SdkErrorCode.InvalidUsage,
        `ctx.once("${key}") ran twice in one attempt: give every step its own key (in a loop, put the index in the key)`,
      );
    }
    this.#onceNow.add(key);
    const recorded = this.onceResults[key];
    if (recorded !== undefined) return structuredClone(recorded.v) as TValue;
    this.#running += 1;
    let value: TValue;
    try {
      value = await fn();
    } finally {
      this.#running -= 1;
      this.#hooks.onSettled();
    }
    // Only JSON values are recorded, so the handler sees on this attempt exactly what later
    // attempts see after the value has travelled in the sealed state.
    const json = toJsonValue(value, `ctx.once("${key}")`);
    this.onceResults[key] = json === undefined ? {} : { v: json };
    return structuredClone<TValue>(json);
  }

  /**
   * The recorded answer to exactly this question, under the plain key or a divergence key. A
   * replayed question finds its answer under the plain key, so the divergence key is only worked
   * out when that misses (every earlier question of a round is replayed).
   */
  #find(key: string, fingerprint: string): { wireKey: string; entry: AnswerEntry } | undefined {
    const plain = this.#answers[key];
    if (plain?.f === fingerprint) return { wireKey: key, entry: plain };
    const wireKey = divergenceKey(key, fingerprint);
    const diverged = this.#answers[wireKey];
    return diverged?.f === fingerprint ? { wireKey, entry: diverged } : undefined;
  }

  #wireKeyFor(key: string, fingerprint: string, method: InputRequest['method']): string {
    const recorded = this.#answers[key] ?? this.#asked[key];
    if (recorded === undefined || recorded.f === fingerprint) return key;
    const wireKey = divergenceKey(key, fingerprint);
    this.#reported.add(key);
    this.#hooks.onDivergence({ key, wireKey, inputMethod: method });
    return wireKey;
  }

  /**
   * The answers that arrived on this request but that no ask of this attempt took. They stay in
   * the journal, pinned to their questions (the handler may stop earlier this time and reach them
   * later), and the hook hears of each when it looks like a divergence: the attempt completed
   * without it, or a new question of the same kind is pending instead.
   */
  unusedAnswers(completed: boolean): Record<string, AnswerEntry> {
    const carried = Object.create(null) as Record<string, AnswerEntry>;
    if (this.#arrived.length === 0) return carried;
    const pendingMethods = new Set([...this.pending.values()].map((pending) => pending.request.method));
    for (const key of this.#arrived) {
      const entry = this.#answers[key];
      if (Object.hasOwn(this.used, key) || entry === undefined) continue;
      carried[key] = entry;
      const shape = this.#asked[key]?.s.k;
      const inputMethod = shape === 'roots' ? 'roots/list' : shape === 'sampling' ? 'sampling/createMessage' : 'elicitation/create';
      if (this.#reported.has(key) || (!completed && !pendingMethods.has(inputMethod))) continue;
      this.#hooks.onDivergence({ key, inputMethod });
    }
    return carried;
  }
}

/** The wire key of a question that changed under a key already answered for another question. */
function divergenceKey(key: string, fingerprint: string): string {
  return `${key}~${fingerprint.slice(0, 8)}`;
}
