import type { InputRequest } from '@tern/schema';
import { InternalError, InvalidRequestStateError } from '@tern/jsonrpc';
import { utf8Encode } from '../../shared/base64.js';
import { AttemptSignal } from './attempt-signal.js';
import type { RequestSignal } from '../lazy-abort-signal.js';
import type { AskedEntry, ConversationState } from './conversation-state.js';
import type { InputChannel } from './input-channel.js';
import type { Divergence } from './replay-channel.js';
import { ReplayChannel } from './replay-channel.js';

/** Bounds of one MRTR conversation on the server. */
export interface ConversationLimits {
  /** Most `input_required` rounds in one conversation. */
  maxRounds: number;
  /** Most input requests in one round. */
  maxAsksPerRound: number;
  /** Longest wait, at the end of a round, for `ctx.once` steps that are still running (ms). */
  onceSettleMs: number;
  /** Largest journal (answers and `once` results, as JSON bytes) a conversation may carry. */
  maxJournalBytes: number;
}

/** How one attempt of a conversation ended. */
export type ConversationOutcome<TValue> =
  | { kind: 'complete'; value: TValue }
  | { kind: 'input_required'; inputRequests: Record<string, InputRequest>; state: ConversationState };

/** What {@link runConversation} needs. */
export interface RunConversationOptions<TValue> {
  /** Runs the handler once with the channel and the attempt's abort signal (made when read). */
  run: (channel: InputChannel, signal: AttemptSignal) => Promise<TValue>;
  /** The opened state of earlier rounds, or an empty state. */
  state: ConversationState;
  /** The client's answers on this attempt. */
  inputResponses: Record<string, unknown> | undefined;
  /**
   * At most how many bytes the journal of `state` takes (known from the length of the token it
   * came in), so the size check only measures what arrived. Absent: unknown, everything is measured.
   */
  journalBytes?: number | undefined;
  /** The request's abort signal. */
  signal: RequestSignal;
  limits: ConversationLimits;
  /** Clock in epoch ms, for the conversation's start time. */
  now: () => number;
  /** Hears of every recorded answer that was not applied because its question changed. */
  onDivergence: (divergence: Divergence) => void;
}

/** Reason given to the handler's signal when its attempt ends waiting for input. */
export const INPUT_REQUIRED_REASON = 'input_required';

/**
 * Runs one attempt of a conversation. The handler runs until it completes, throws, or waits on
 * an ask that has no answer yet. Asks made together (for example with `Promise.all`) are
 * gathered for one macrotask after the first missing one, so they go out in one round; a round
 * does not end while a `ctx.once` step is still running (it is waited for, up to
 * `limits.onceSettleMs`, and recorded).
 *
 * @throws InvalidRequestStateError (-32602, reason `too-large`) at once when the answers would
 *   not fit in the journal
 * @throws whatever the handler throws, and InternalError when a limit is exceeded
 */
export async function runConversation<TValue>(
  options: RunConversationOptions<TValue>,
): Promise<ConversationOutcome<TValue>> {
  const attempt = new AttemptSignal(options.signal);

  const round = createRoundGate(options.limits.onceSettleMs);
  const channel = new ReplayChannel(options.state, options.inputResponses, {
    onPending: () => round.schedule(channel),
    onSettled: () => round.settled(channel),
    onDivergence: options.onDivergence,
  });
  if (options.inputResponses !== undefined) checkJournalSize(channel, options.limits.maxJournalBytes, options.journalBytes);

  try {
    // One promise settled by whichever comes first: the handler's result or the end of the round.
    const first = await new Promise<{ value: TValue } | 'suspended'>((resolve, reject) => {
      round.bind(resolve, reject);
      options.run(channel, attempt).then((value) => resolve({ value }), reject);
    });
    if (first !== 'suspended') {
      channel.unusedAnswers(true);
      return { kind: 'complete', value: first.value };
    }

    attempt.abort(INPUT_REQUIRED_REASON);
    const next = options.state.round + 1;
    if (next > options.limits.maxRounds) {
      throw new InternalError(`The conversation exceeded ${options.limits.maxRounds} rounds of input`);
    }
    if (channel.pending.size > options.limits.maxAsksPerRound) {
      throw new InternalError(
        `The handler asked for ${channel.pending.size} inputs in one round; the limit is ${options.limits.maxAsksPerRound}`,
      );
    }
    const inputRequests: Record<string, InputRequest> = {};
    const asked: Record<string, AskedEntry> = {};
    for (const [key, pending] of channel.pending) {
      inputRequests[key] = pending.request;
      asked[key] = pending.entry;
    }
    const state: ConversationState = {
      v: 2,
      round: next,
      startedAt: options.state.round === 0 ? options.now() : options.state.startedAt,
      asked,
      answers: { ...channel.unusedAnswers(false), ...channel.used },
      once: channel.onceResults,
    };
    return { kind: 'input_required', inputRequests, state };
  } finally {
    round.dispose();
    attempt.dispose();
  }
}

/**
 * Decides when a round ends: one macrotask after the first pending ask, and never while a `once`
 * step runs. Fails the attempt when running steps outlast `settleMs`.
 */
function createRoundGate(settleMs: number): {
  /** Sets what ends the attempt: `resolve('suspended')`, or `reject` when steps outlast `settleMs`. */
  bind: (resolve: (value: 'suspended') => void, reject: (error: unknown) => void) => void;
  schedule: (channel: ReplayChannel) => void;
  settled: (channel: ReplayChannel) => void;
  dispose: () => void;
} {
  // Settling after the handler completed first does nothing (the attempt's promise is settled).
  let resolve: (value: 'suspended') => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  let scheduled = false;
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (channel: ReplayChannel): void => {
    if (channel.running === 0) {
      resolve('suspended');
      return;
    }
    waiting = true;
    timer ??= setTimeout(() => {
      reject(new InternalError(`A ctx.once step was still running ${settleMs} ms after its round ended`));
    }, settleMs);
  };
  return {
    bind: (onEnded, onFailed) => {
      resolve = onEnded;
      reject = onFailed;
    },
    schedule: (channel) => {
      if (scheduled) return;
      scheduled = true;
      nextMacrotask(() => check(channel));
    },
    settled: (channel) => {
      // A step that settles while the round waits for it: look again once its continuation ran.
      if (waiting && channel.running === 0) nextMacrotask(() => check(channel));
    },
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** Refuses answers that would not fit in the journal before the handler runs (reason `too-large`). */
function checkJournalSize(channel: ReplayChannel, maxJournalBytes: number, knownBytes: number | undefined): void {
  // What the journal held fits by the bound of its token; what arrived is measured alone.
  if (knownBytes !== undefined && knownBytes + JSON.stringify(channel.arrivedAnswers).length * 3 <= maxJournalBytes) return;
  const text = JSON.stringify(channel.held);
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: most journals fit without being encoded.
  if (text.length * 3 <= maxJournalBytes) return;
  const bytes = utf8Encode(text).length;
  if (bytes <= maxJournalBytes) return;
  throw new InvalidRequestStateError('too-large', {
    message: `The answers do not fit in this conversation: its journal would hold ${bytes} bytes, the limit is ${maxJournalBytes}`,
  });
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
