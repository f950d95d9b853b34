import type { InputRequest } from '@tern/schema';
import { InternalError } from '@tern/jsonrpc';
import type { ConversationState } from './conversation-state.js';
import type { InputChannel } from './input-channel.js';
import { ReplayChannel } from './replay-channel.js';

/** Bounds of one MRTR conversation on the server. */
export interface ConversationLimits {
  /** Most `input_required` rounds in one conversation. */
  maxRounds: number;
  /** Most input requests in one round. */
  maxAsksPerRound: number;
}

/** How one attempt of a conversation ended. */
export type ConversationOutcome<TValue> =
  | { kind: 'complete'; value: TValue }
  | { kind: 'input_required'; inputRequests: Record<string, InputRequest>; state: ConversationState };

/** What {@link runConversation} needs. */
export interface RunConversationOptions<TValue> {
  /** Runs the handler once with the channel and the attempt's abort signal. */
  run: (channel: InputChannel, signal: AbortSignal) => Promise<TValue>;
  /** The opened state of earlier rounds, or an empty state. */
  state: ConversationState;
  /** The client's answers on this attempt. */
  inputResponses: Record<string, unknown> | undefined;
  /** The request's abort signal. */
  signal: AbortSignal;
  limits: ConversationLimits;
}

/** Reason given to the handler's signal when its attempt ends waiting for input. */
export const INPUT_REQUIRED_REASON = 'input_required';

/**
 * Runs one attempt of a conversation. The handler runs until it completes, throws, or waits on
 * an ask that has no answer yet. Asks made together (for example with `Promise.all`) are
 * gathered for one macrotask after the first missing one, so they go out in one round.
 *
 * @throws whatever the handler throws, and InternalError when a limit is exceeded
 */
export async function runConversation<TValue>(
  options: RunConversationOptions<TValue>,
): Promise<ConversationOutcome<TValue>> {
  const attempt = new AbortController();
  const forwardAbort = (): void => attempt.abort(options.signal.reason);
  if (options.signal.aborted) forwardAbort();
  else options.signal.addEventListener('abort', forwardAbort, { once: true });

  let suspend: () => void = () => undefined;
  const suspended = new Promise<'suspended'>((resolve) => {
    suspend = () => resolve('suspended');
  });
  let scheduled = false;
  const channel = new ReplayChannel(options.state, options.inputResponses, () => {
    if (scheduled) return;
    scheduled = true;
    nextMacrotask(suspend);
  });

  try {
    const completed = options.run(channel, attempt.signal).then((value) => ({ value }));
    const first = await Promise.race([completed, suspended]);
    if (first !== 'suspended') return { kind: 'complete', value: first.value };

    attempt.abort(INPUT_REQUIRED_REASON);
    const round = options.state.round + 1;
    if (round > options.limits.maxRounds) {
      throw new InternalError(`The conversation exceeded ${options.limits.maxRounds} rounds of input`);
    }
    if (channel.pending.size > options.limits.maxAsksPerRound) {
      throw new InternalError(
        `The handler asked for ${channel.pending.size} inputs in one round; the limit is ${options.limits.maxAsksPerRound}`,
      );
    }
    const inputRequests = Object.fromEntries(channel.pending);
    const state: ConversationState = {
      v: 1,
      round,
      asked: [...channel.pending.keys()],
      answers: channel.used,
      once: channel.onceResults,
    };
    return { kind: 'input_required', inputRequests, state };
  } finally {
    options.signal.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Runs `callback` once the microtasks of this turn (and the I/O already due) are done: asks made
 * together land in one round. `setImmediate` where the runtime has it (no 1 ms timer clamp),
 * `setTimeout` elsewhere. A late call after the attempt ended only resolves a promise nobody waits on.
 */
function nextMacrotask(callback: () => void): void {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate !== undefined) immediate(callback);
  else setTimeout(callback, 0);
}
