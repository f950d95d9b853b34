import type { AnswerShape } from './answer-shape.js';
import { isAnswerShape } from './answer-shape.js';

/** A question of the last round, as the journal remembers it. */
export interface AskedEntry {
  /** Fingerprint of the question (see `fingerprintOf`). */
  f: string;
  /** What a usable answer looks like. */
  s: AnswerShape;
}

/** An answer pinned to the question it was given to. */
export interface AnswerEntry {
  /** Fingerprint of the question this answer was given to. */
  f: string;
  /** The normalised answer (see `normalizeAnswer`), never the raw one. */
  a: unknown;
}

/**
 * The journal that carries a conversation from one attempt to the next. It travels sealed (in
 * `requestState`, or in a conversation store behind a sealed handle), so nothing here is readable
 * or changeable by the client.
 */
export interface ConversationState {
  /** Format version of this payload. */
  v: 2;
  /** How many `input_required` rounds this conversation has had so far. */
  round: number;
  /** When the first round ended (epoch ms): bounds the conversation's whole lifetime. */
  startedAt: number;
  /**
   * The questions of the last round, by wire key. Only answers under these keys are taken from
   * `inputResponses`, and each is pinned to the fingerprint of its question.
   */
  asked: Record<string, AskedEntry>;
  /** Answers from earlier rounds, by wire key, each pinned to its question. */
  answers: Record<string, AnswerEntry>;
  /** Recorded results of `ctx.once` steps, by key, each wrapped as `{ v }` so `undefined` survives. */
  once: Record<string, { v?: unknown }>;
}

/** The state of a conversation that has not had a round yet. */
export function emptyConversationState(): ConversationState {
  return { v: 2, round: 0, startedAt: 0, asked: {}, answers: {}, once: {} };
}

/**
 * Reads a decrypted payload back into a {@link ConversationState}. The payload was produced by
 * this server and authenticated, but it is still checked, so a bug or an old format fails safely.
 */
export function toConversationState(payload: unknown): ConversationState | undefined {
  if (!isRecord(payload)) return undefined;
  const state = payload as Partial<ConversationState>;
  const round = state.round;
  if (state.v !== 2 || typeof round !== 'number' || !Number.isSafeInteger(round) || typeof state.startedAt !== 'number') {
    return undefined;
  }
  if (!isRecord(state.asked) || !isRecord(state.answers) || !isRecord(state.once)) return undefined;
  const asked = toPlainRecord(state.asked);
  for (const entry of Object.values(asked)) {
    if (!isRecord(entry) || typeof entry['f'] !== 'string' || !isAnswerShape(entry['s'])) return undefined;
  }
  const answers = toPlainRecord(state.answers);
  for (const entry of Object.values(answers)) {
    if (!isRecord(entry) || typeof entry['f'] !== 'string' || !Object.hasOwn(entry, 'a')) return undefined;
  }
  return {
    v: 2,
    round,
    startedAt: state.startedAt,
    asked: asked as Record<string, AskedEntry>,
    answers: answers as Record<string, AnswerEntry>,
    once: toPlainRecord(state.once) as Record<string, { v?: unknown }>,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies into a prototype-less object so keys like `__proto__` stay plain data. */
export function toPlainRecord(value: Record<string, unknown>): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value)) copy[key] = entry;
  return copy;
}
