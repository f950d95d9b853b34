import { InternalError, InvalidRequestStateError, RequestStateRejection } from '@tern/jsonrpc';
import type { RequestStateRejectReason, RequestStateSealer, StateBinding } from '../request-state/request-state-sealer.js';
import type { ConversationState } from './conversation-state.js';
import { toConversationState } from './conversation-state.js';
import type { ConversationStore } from './conversation-store.js';
import type { RecentJournals } from './recent-journals.js';
import { overloadOf } from '../client-quota.js';

/** How conversation journals travel: sealed whole in `requestState`, or in a store behind a handle. */
export interface StateCodecConfig {
  sealer: RequestStateSealer;
  /** Server-side journals; absent: the journal travels sealed in the token. */
  store: ConversationStore | undefined;
  /** Journals of the rounds this instance sealed last (only without a store); absent: none kept. */
  recent: RecentJournals | undefined;
  /** Longest a whole conversation may last, from the end of its first round (ms). */
  conversationTtlMs: number;
  /** Lifetime of one round's state (ms), for the store's expiry. */
  roundTtlMs: number;
  now: () => number;
}

/**
 * Opens a `requestState` for `binding`. Every failure is the same generic `-32602` with a
 * `data.reason` from the small documented set (requirements.md #59); what exactly failed is in
 * the error's `cause`, for `onError`, never on the wire.
 *
 * @throws InvalidRequestStateError
 */
export async function openState(config: StateCodecConfig, token: string, binding: StateBinding): Promise<ConversationState> {
  const recent = config.recent?.take(token, binding);
  return checkLifetime(config, recent ?? (await openSealed(config, token, binding)));
}

async function openSealed(config: StateCodecConfig, token: string, binding: StateBinding): Promise<ConversationState> {
  const opened = await config.sealer.open(token, binding);
  if (!opened.ok) throw rejected(wireReason(opened.reason), `the token is ${opened.reason}`);
  let payload = opened.payload;
  if (config.store !== undefined) {
    const handle = (payload as { h?: unknown } | undefined)?.h;
    if (typeof handle !== 'string') throw rejected(RequestStateRejection.Invalid, 'the token holds no journal handle');
    const journal = await config.store.take(handle);
    if (journal === undefined) throw rejected(RequestStateRejection.Consumed, 'the journal was taken, revoked or evicted');
    payload = JSON.parse(journal) as unknown;
  }
  const state = toConversationState(payload);
  if (state === undefined) throw rejected(RequestStateRejection.Invalid, 'the journal has an unknown format');
  return state;
}

function checkLifetime(config: StateCodecConfig, state: ConversationState): ConversationState {
  if (!(config.now() - state.startedAt <= config.conversationTtlMs)) {
    throw rejected(RequestStateRejection.Expired, 'the conversation outlived its lifetime');
  }
  return state;
}

/**
 * At most how many bytes of JSON the journal inside `token` takes (0 before the first round):
 * the token is base64url of more than the journal. `undefined` when the journal is in a store.
 */
export function journalBytesBound(config: StateCodecConfig, token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  if (config.store !== undefined) return undefined;
  return Math.ceil((token.length * 3) / 4);
}

/**
 * Seals the journal of a round: into the token itself, or into the store with the token holding
 * only its handle.
 *
 * @throws InternalError when the sealed state would exceed its size limit, or the store's own
 *   load-shedding error (`overloadOf`) when it cannot be reached
 */
export async function sealState(config: StateCodecConfig, state: ConversationState, binding: StateBinding): Promise<string> {
  try {
    if (config.store === undefined) {
      // Never later than the token's own expiry: the sealer reads its clock after this one.
      const expiresAt = config.now() + config.roundTtlMs;
      const token = await config.sealer.seal(state, binding);
      config.recent?.remember(token, { state, binding, expiresAt });
      return token;
    }
    const handle = await config.store.save({
      journal: JSON.stringify(state),
      principal: binding.principal,
      expiresAt: config.now() + config.roundTtlMs,
    });
    return await config.sealer.seal({ h: handle }, binding);
  } catch (error) {
    // A store that cannot be reached right now says when to retry (HTTP 503 with Retry-After).
    if (error instanceof InternalError && overloadOf(error) !== undefined) throw error;
    throw new InternalError('The conversation state could not be sealed', { cause: error });
  }
}

/** A token longer than this server ever seals is foreign: `invalid`, like any other bad token. */
function wireReason(reason: RequestStateRejectReason): RequestStateRejection {
  return reason === 'expired' ? RequestStateRejection.Expired : RequestStateRejection.Invalid;
}

function rejected(reason: RequestStateRejection, why: string): InvalidRequestStateError {
  return new InvalidRequestStateError(reason, { cause: new Error(`requestState refused: ${why}`) });
}
