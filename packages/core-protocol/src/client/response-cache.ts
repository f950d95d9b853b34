/** A cached result and when it stops being fresh. */
export interface CacheEntry {
  result: Record<string, unknown>;
  /** Epoch milliseconds after which the entry is stale. */
  expiresAt: number;
}

/**
 * Where the client keeps list/read results between calls. Replace the in-memory store with your
 * own (a shared store across processes, a size-bounded LRU, ...) by implementing these methods.
 */
export interface ResponseCache {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Drops every entry whose key starts with `prefix` (used when a list-changed notification arrives). */
  deletePrefix(prefix: string): void | Promise<void>;
}

/** A bounded in-memory {@link ResponseCache} that drops the oldest entry when full. */
export class InMemoryResponseCache implements ResponseCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? 1000;
  }

  get(key: string): CacheEntry | undefined {
    return this.#entries.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  deletePrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
