/**
 * Where a dual-era client remembers which era a server speaks, so that it probes each server once.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning (HTTP clients:
 *   "cache the era for the origin; re-probe if the cached assumption later fails")
 */

/** The era of an MCP server: `modern` (2026-07-28, per-request `_meta`) or `legacy` (`initialize`). */
export type ServerEra = 'modern' | 'legacy';

/**
 * A store of detected server eras, keyed by MCP endpoint. Implement it to persist the eras (the
 * spec allows keeping them across restarts of the same configuration); every method may be async.
 */
export interface EraStore {
  /** The era stored for `key`, if any. */
  get(key: string): ServerEra | undefined | Promise<ServerEra | undefined>;
  /** Stores the era detected for `key`. */
  set(key: string, era: ServerEra): void | Promise<void>;
  /** Forgets `key` (its era turned out wrong: the next request probes again). */
  delete(key: string): void | Promise<void>;
}

/** An {@link EraStore} in a `Map`: lives as long as the process. */
export class InMemoryEraStore implements EraStore {
  readonly #eras = new Map<string, ServerEra>();

  get(key: string): ServerEra | undefined {
    return this.#eras.get(key);
  }

  set(key: string, era: ServerEra): void {
    this.#eras.set(key, era);
  }

  delete(key: string): void {
    this.#eras.delete(key);
  }
}

/** The store every `DualEraTransport` shares unless it is given one. @internal */
export const sharedEraStore: EraStore = new InMemoryEraStore();

/**
 * The key an endpoint's era is stored under: origin and path, without query or fragment. The spec
 * says "origin"; the path is kept because one origin may host several MCP endpoints of different
 * eras (for example behind a reverse proxy).
 */
export function eraKeyFor(url: string | URL): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
