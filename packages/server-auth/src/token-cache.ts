import type { VerifiedToken } from '@tern/server-http';

interface Entry {
  readonly token: VerifiedToken;
  readonly until: number;
}

/**
 * Verified tokens by the SHA-256 digest of the token (the cache never holds a token), each until
 * its own deadline, bounded in size: the oldest entry goes first when full.
 * @internal
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`cacheMaxEntries must be a non-negative integer, got ${maxEntries}`);
    }
    this.#maxEntries = maxEntries;
  }

  /** The cache key of a token: its SHA-256 digest, base64url. */
  static async keyOf(token: string): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
    let binary = '';
    for (const byte of digest) binary += String.fromCodePoint(byte);
    return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  }

  get(key: string): VerifiedToken | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.token;
  }

  /** Keeps `token` until `until` (ms since the epoch); nothing when that is not in the future. */
  set(key: string, token: VerifiedToken, until: number): void {
    if (until <= Date.now() || this.#maxEntries === 0) return;
    this.#entries.delete(key);
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { token, until });
  }

  get size(): number {
    return this.#entries.size;
  }
}
