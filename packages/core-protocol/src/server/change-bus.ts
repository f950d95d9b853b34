/** The kinds of list a registration changes. */
export type ListChangeType = 'tools/list_changed' | 'prompts/list_changed' | 'resources/list_changed';

/**
 * A change that listeners of `subscriptions/listen` may want to hear about. A list change made by
 * registering or removing something names it in `changed` with the `scopes` it was registered
 * with (absent: the server's default scopes), so listeners that could not see it in the list are
 * not told; a list change without `changed` (`notifyToolsListChanged()`, ...) reaches everyone.
 * Events are plain JSON, so a distributed bus can carry them as they are.
 */
export type ChangeEvent =
  | { type: ListChangeType; changed?: { scopes?: readonly string[] } }
  | { type: 'resources/updated'; uri: string };

/** The event of registering or removing something registered with `scopes` (undefined: the default). */
export function registrationChanged(type: ListChangeType, scopes: readonly string[] | undefined): ChangeEvent {
  return { type, changed: scopes === undefined ? {} : { scopes: [...scopes] } };
}

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
