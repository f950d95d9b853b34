import { encodeBase64Url } from '../../shared/base64.js';
import { usageError } from '../../errors.js';

/**
 * Where journals live when they are kept on the server instead of inside `requestState`. The
 * client then holds only a short sealed handle. This gives single-use state (a handle opens once:
 * what the spec asks of one-time redemptions), journals larger than a token should be, and
 * revocation. The Redis implementation is `@tern/redis`; {@link MemoryConversationStore} ships here.
 *
 * Contract: `save` returns a handle nobody can guess; `take` returns the journal at most once and
 * never after `expiresAt`; `delete` makes a later `take` return `undefined`. The suite is
 * `runConversationStoreContract` in `@tern/core-protocol/testing/contracts`.
 */
export interface ConversationStore {
  /** Keeps `entry.journal` until `entry.expiresAt` (epoch ms) and returns its handle. */
  save(entry: StoredConversation): Promise<string>;
  /** Takes the journal out, once; `undefined` when it was taken, deleted, evicted or expired. */
  take(handle: string): Promise<string | undefined>;
  /** Drops a journal (revocation); `true` when there was one. */
  delete(handle: string): Promise<boolean>;
  /** Drops every journal of `principal` (for example when its access is revoked); returns how many. */
  revokePrincipal?(principal: string): number | Promise<number>;
}

/** What a {@link ConversationStore} keeps for one round of one conversation. */
export interface StoredConversation {
  /** The journal, as JSON. */
  journal: string;
  /** The principal the conversation belongs to, for revocation by principal. */
  principal: string | undefined;
  /** When the journal stops being usable, in epoch ms. */
  expiresAt: number;
}

/** Options of {@link MemoryConversationStore}. */
export interface MemoryConversationStoreOptions {
  /** Most journals kept at once; the oldest is evicted past it. Default 10 000. */
  maxEntries?: number;
  /** Most journal bytes (UTF-16 code units) kept at once; the oldest are evicted past it. Default 64 MiB. */
  maxBytes?: number;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * A {@link ConversationStore} in this process's memory, bounded by count and bytes (the oldest
 * journals are evicted first). Suits a single instance; several instances need a shared store.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly #entries = new Map<string, StoredConversation>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;

  /** @throws SdkError INVALID_USAGE for a bound that is not a positive integer */
  constructor(options: MemoryConversationStoreOptions = {}) {
    this.#maxEntries = positive('maxEntries', options.maxEntries ?? 10_000);
    this.#maxBytes = positive('maxBytes', options.maxBytes ?? 64 * 1024 * 1024);
    this.#now = options.now ?? Date.now;
  }

  /** How many journals are kept right now. */
  get size(): number {
    return this.#entries.size;
  }

  save(entry: StoredConversation): Promise<string> {
    const handle = randomHandle();
    this.#entries.set(handle, { ...entry });
    this.#bytes += entry.journal.length;
    this.#evict();
    return Promise.resolve(handle);
  }

  take(handle: string): Promise<string | undefined> {
    const entry = this.#entries.get(handle);
    if (entry === undefined) return Promise.resolve(undefined);
    const journal = entry.journal;
    this.#drop(handle, entry);
    return Promise.resolve(this.#now() < entry.expiresAt ? journal : undefined);
  }

  delete(handle: string): Promise<boolean> {
    const entry = this.#entries.get(handle);
    if (entry !== undefined) this.#drop(handle, entry);
    return Promise.resolve(entry !== undefined);
  }

  /** Drops every journal of `principal` (for example when its session is revoked); returns how many. */
  revokePrincipal(principal: string): number {
    let count = 0;
    for (const [handle, entry] of this.#entries) {
      if (entry.principal !== principal) continue;
      this.#drop(handle, entry);
      count += 1;
    }
    return count;
  }

  /**
   * Forgets a journal. The entry is our own copy, and it lets go of the journal text: a `Map`'s
   * deleted entries can outlive it in the young generation (see `RecentJournals`' `#drop`).
   */
  #drop(handle: string, entry: StoredConversation): void {
    this.#entries.delete(handle);
    this.#bytes -= entry.journal.length;
    entry.journal = '';
  }

  #evict(): void {
    const now = this.#now();
    for (const [handle, entry] of this.#entries) {
      const over = this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes;
      if (!over && now < entry.expiresAt) break;
      this.#drop(handle, entry);
    }
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw usageError(`MemoryConversationStore: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** 128 random bits, base64url: not guessable. */
function randomHandle(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
