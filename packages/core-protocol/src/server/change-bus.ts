/** A change that listeners of `subscriptions/listen` may want to hear about. */
export type ChangeEvent =
  | { type: 'tools/list_changed' }
  | { type: 'prompts/list_changed' }
  | { type: 'resources/list_changed' }
  | { type: 'resources/updated'; uri: string };

/**
 * Carries change events from the code that changes things to every open listen stream (and, with
 * the dual-era layer, to legacy GET streams). The in-memory bus serves one process; a distributed
 * bus (Redis, NATS, ...) implements the same two methods to reach listeners on other instances.
 */
export interface ChangeBus {
  /** Delivers an event to every subscriber. */
  publish(event: ChangeEvent): void | Promise<void>;
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

/** A {@link ChangeBus} for one process. */
export class InMemoryChangeBus implements ChangeBus {
  readonly #listeners = new Set<(event: ChangeEvent) => void>();

  publish(event: ChangeEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Number of current subscribers (for tests and metrics). */
  get size(): number {
    return this.#listeners.size;
  }
}
