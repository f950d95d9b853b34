import { usageError } from '../../errors.js';
import type { StateBinding } from '../request-state/request-state-sealer.js';
import type { ConversationState } from './conversation-state.js';

/** A binding as kept: `principal` is present, `undefined` when there is none. */
interface KeptBinding {
  method: string;
  target: string;
  principal: string | undefined;
  argumentsDigest: string;
}

/** Bounds of {@link RecentJournals}. */
export interface RecentJournalsLimits {
  /** Most journals kept at once; the oldest go first. */
  maxEntries: number;
  /** Most characters of tokens (and of the arguments they are bound to) kept at once; the oldest go first. */
  maxChars: number;
}

/** Defaults of `requestState.recent`. */
export const DEFAULT_RECENT_JOURNALS: RecentJournalsLimits = { maxEntries: 1024, maxChars: 4 * 1024 * 1024 };

/** What an entry holds until it is dropped. */
interface Held {
  token: string;
  state: ConversationState;
  binding: KeptBinding;
}

interface Remembered {
  /** Let go of when the entry is dropped (see `#drop`). */
  held: Held | undefined;
  expiresAt: number;
  chars: number;
}

/**
 * The journals of the rounds this instance sealed last, by the exact token it handed out. When
 * the client's next round comes back to this instance with that token, for the same request, the
 * journal is taken from here instead of being decoded, decrypted and parsed again: the answer is
 * the one opening the token would give, since this instance sealed that journal under that
 * binding. Anything else (another token, another binding, an expired or evicted entry, a second
 * use of the token) goes the full way through the sealer, so a miss never changes an outcome.
 *
 * Only for journals that travel inside the token: with a conversation store the store decides
 * (single use, revocation). What is kept is never changed: the replay copies what it reads
 * (`ReplayChannel`), and an answer reaches the handler as a copy.
 */
export class RecentJournals {
  readonly #entries = new Map<string, Remembered>();
  readonly #limits: RecentJournalsLimits;
  readonly #now: () => number;
  #chars = 0;

  constructor(limits: RecentJournalsLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** How many journals are kept right now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Keeps `state`, sealed as `token` for `binding`, until `expiresAt` (epoch ms). */
  remember(token: string, { state, binding, expiresAt }: { state: ConversationState; binding: StateBinding; expiresAt: number }): void {
    const chars = token.length + binding.argumentsDigest.length;
    if (chars > this.#limits.maxChars) return;
    // A copy: the caller's binding object is not ours to keep.
    const kept = { method: binding.method, target: binding.target, principal: binding.principal, argumentsDigest: binding.argumentsDigest };
    const key = keyOf(token);
    const previous = this.#entries.get(key);
    if (previous !== undefined) this.#drop(key, previous);
    this.#entries.set(key, { held: { token, state, binding: kept }, expiresAt, chars });
    this.#chars += chars;
    this.#evict();
  }

  /**
   * The journal sealed as `token` for exactly `binding`, once. The entry a token lands on (by its
   * tail) is dropped before anything is compared, whether the rest matches or not: no one can time
   * more than one comparison against a kept token. `undefined` when it is not here, is another
   * token with the same tail, was sealed for another binding, or has expired.
   */
  take(token: string, binding: StateBinding): ConversationState | undefined {
    const key = keyOf(token);
    const entry = this.#entries.get(key);
    // Only a dropped entry has let go of what it held, and a dropped entry is no longer here.
    if (entry?.held === undefined) return undefined;
    const held = entry.held;
    this.#drop(key, entry);
    if (held.token !== token || !(this.#now() < entry.expiresAt) || !sameBinding(held.binding, binding)) return undefined;
    return held.state;
  }

  /**
   * Forgets an entry, and the entry lets go of its token and journal. A `Map` is long-lived and
   * its entries live for one round trip each; measured on Node 22, V8 then promotes the deleted
   * entries to the old generation, with everything they still hold, and the old generation grows
   * by tens of megabytes between full collections (bench/README.md, "Issue 20, seventh pass").
   * An emptied entry takes only itself along.
   */
  #drop(key: string, entry: Remembered): void {
    this.#entries.delete(key);
    entry.held = undefined;
    this.#chars -= entry.chars;
  }

  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      const over = this.#entries.size > this.#limits.maxEntries || this.#chars > this.#limits.maxChars;
      if (!over && now < entry.expiresAt) break;
      this.#drop(key, entry);
    }
  }
}

/**
 * The map key of a token: its last characters, the last 68 to 72 bits of its AES-GCM tag (a map
 * keyed by the whole token would hash a kilobyte or more on every round). The whole token is
 * compared before an entry is used, once: `take` drops the entry first, so a client that knew a
 * token's tail could not learn the rest of it from how long comparisons take.
 */
function keyOf(token: string): string {
  return token.length <= KEY_CHARS ? token : token.slice(-KEY_CHARS);
}

/**
 * 12 characters: V8 copies a substring this short, where a longer one is a view that keeps the
 * whole token alive for as long as the map holds its key (see `#drop` for why that is longer
 * than it looks).
 */
const KEY_CHARS = 12;

function sameBinding(kept: KeptBinding, binding: StateBinding): boolean {
  return (
    kept.method === binding.method &&
    kept.target === binding.target &&
    kept.principal === binding.principal &&
    kept.argumentsDigest === binding.argumentsDigest
  );
}

/**
 * Reads `requestState.recent`: `false` keeps nothing, an object sets the bounds (defaults for
 * what it leaves out).
 *
 * @throws SdkError INVALID_USAGE for a bound that is not a positive integer
 */
export function recentJournalsLimits(option: Partial<RecentJournalsLimits> | false | undefined): RecentJournalsLimits | undefined {
  if (option === false) return undefined;
  const limits = {
    maxEntries: option?.maxEntries ?? DEFAULT_RECENT_JOURNALS.maxEntries,
    maxChars: option?.maxChars ?? DEFAULT_RECENT_JOURNALS.maxChars,
  };
  for (const name of ['maxEntries', 'maxChars'] as const) {
    const value = limits[name];
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw usageError(`requestState.recent.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}
