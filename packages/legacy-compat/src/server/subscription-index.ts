import type { LegacySession } from './legacy-session.js';

/**
 * Which sessions subscribed to which URI (`resources/subscribe`), kept by the layer so that a
 * `resources/updated` change costs the depth of its URI and the sessions it reaches, not the
 * number of sessions open. A session subscribed to `test://a` or `test://a/` also gets the
 * updates of `test://a/b`, the rule the core's listen streams follow. @internal
 */
export class SubscriptionIndex {
  readonly #byUri = new Map<string, Set<LegacySession>>();

  /** Number of distinct URIs some session subscribed to. */
  get size(): number {
    return this.#byUri.size;
  }

  add(uri: string, session: LegacySession): void {
    let sessions = this.#byUri.get(uri);
    if (sessions === undefined) {
      sessions = new Set();
      this.#byUri.set(uri, sessions);
    }
    sessions.add(session);
  }

  delete(uri: string, session: LegacySession): void {
    const sessions = this.#byUri.get(uri);
    if (sessions === undefined) return;
    sessions.delete(session);
    if (sessions.size === 0) this.#byUri.delete(uri);
  }

  /** The sessions subscribed to `uri` or to a URI that covers it, each once. */
  sessionsFor(uri: string): Set<LegacySession> {
    const found = new Set<LegacySession>();
    for (const covering of coveringUris(uri)) {
      const sessions = this.#byUri.get(covering);
      if (sessions !== undefined) for (const session of sessions) found.add(session);
    }
    return found;
  }
}

/**
 * Every subscription URI that covers `uri`: itself, and each prefix that ends just before or just
 * after a `/` (`test://a` and `test://a/` cover `test://a/b`).
 */
export function coveringUris(uri: string): string[] {
  const covering = [uri];
  for (let index = uri.indexOf('/'); index !== -1; index = uri.indexOf('/', index + 1)) {
    covering.push(uri.slice(0, index), uri.slice(0, index + 1));
  }
  return covering;
}
