import type { LegacySession } from './legacy-session.js';

/**
 * Where a legacy layer keeps its sessions. A session holds live things (open streams, requests in
 * flight, pending server-to-client requests), so a store keeps them in this process; implement it
 * to observe sessions (metrics) or to share one store between two layers of the same server. The
 * layer enforces the cap and the idle timeout itself: a store only stores.
 */
export interface SessionStore {
  /** Number of sessions stored. */
  readonly size: number;
  /** The session with this id, if stored. */
  get(id: string): LegacySession | undefined;
  /** Stores a new session under its id. */
  set(id: string, session: LegacySession): void;
  /** Removes a session; returns whether it was stored. */
  delete(id: string): boolean;
  /** Every stored session (a snapshot or a live view; the layer does not mutate while iterating). */
  values(): Iterable<LegacySession>;
}

/** The default {@link SessionStore}: a `Map` in this process. */
export class InMemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, LegacySession>();

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string): LegacySession | undefined {
    return this.#sessions.get(id);
  }

  set(id: string, session: LegacySession): void {
    this.#sessions.set(id, session);
  }

  delete(id: string): boolean {
    return this.#sessions.delete(id);
  }

  values(): Iterable<LegacySession> {
    return [...this.#sessions.values()];
  }
}
