import type { InputRequests } from '@tern/schema';

/** The methods whose results may ask for input. */
export type ConversationMethod = 'tools/call' | 'prompts/get' | 'resources/read';

/**
 * A conversation waiting for answers, as a plain JSON value. Store it (a database row, a job
 * queue, a cookie-sized blob for small states) and resume it later, in this process or another,
 * with `client.continueConversation(pending, inputResponses)`.
 */
export interface PendingConversation {
  /** Format version. */
  v: 1;
  method: ConversationMethod;
  /** The original params, without `_meta`, `inputResponses` or `requestState`. */
  params: Record<string, unknown>;
  /** How many `input_required` rounds happened so far. */
  round: number;
  /** What the server asked for in the last round. */
  inputRequests: InputRequests;
  /** The opaque state to echo byte for byte; absent when the server sent none. */
  requestState?: string;
}

/** One step of a conversation driven by hand. */
export type ConversationStep<TResult> =
  | { status: 'complete'; result: TResult }
  | { status: 'input_required'; pending: PendingConversation };

/** True when `value` looks like a {@link PendingConversation} (for values read back from storage). */
export function isPendingConversation(value: unknown): value is PendingConversation {
  if (typeof value !== 'object' || value === null) return false;
  const pending = value as Partial<PendingConversation>;
  return (
    pending.v === 1 &&
    (pending.method === 'tools/call' || pending.method === 'prompts/get' || pending.method === 'resources/read') &&
    typeof pending.params === 'object' &&
    pending.params !== null &&
    typeof pending.round === 'number' &&
    typeof pending.inputRequests === 'object' &&
    pending.inputRequests !== null &&
    (pending.requestState === undefined || typeof pending.requestState === 'string')
  );
}
