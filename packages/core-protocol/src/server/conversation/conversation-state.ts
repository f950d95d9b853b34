/**
 * What a sealed `requestState` carries from one attempt of a conversation to the next. It is
 * encrypted and bound to the principal, method, target and arguments by the sealer, so nothing
 * here is readable or changeable by the client.
 */
export interface ConversationState {
  /** Format version of this payload. */
  v: 1;
  /** How many `input_required` rounds this conversation has had so far. */
  round: number;
  /** Keys asked in the last round: only answers under these keys are taken from `inputResponses`. */
  asked: string[];
  /** Accepted answers from earlier rounds, by ask key. */
  answers: Record<string, unknown>;
  /** Recorded results of `ctx.once` steps, by key, each wrapped as `{ v }` so `undefined` survives. */
  once: Record<string, { v?: unknown }>;
}

/** The state of a conversation that has not had a round yet. */
export function emptyConversationState(): ConversationState {
  return { v: 1, round: 0, asked: [], answers: {}, once: {} };
}

/**
 * Reads a decrypted payload back into a {@link ConversationState}. The payload was produced by
 * this server and authenticated, but it is still checked, so a bug or an old format fails safely.
 */
export function toConversationState(payload: unknown): ConversationState | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const state = payload as Partial<ConversationState>;
  if (state.v !== 1 || typeof state.round !== 'number' || !Array.isArray(state.asked)) return undefined;
  if (!isRecord(state.answers) || !isRecord(state.once)) return undefined;
  if (!state.asked.every((key) => typeof key === 'string')) return undefined;
  return {
    v: 1,
    round: state.round,
    asked: state.asked,
    answers: toPlainRecord(state.answers),
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
